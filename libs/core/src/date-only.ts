import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Dates outside these years are typing errors, and PostgreSQL refuses some of them (year 0000). */
export const DATE_ONLY_YEARS = { min: 1900, max: 2200 } as const;

/** The Danish rule of a date field, for class-validator's isDateOnly and for hand-made checks. */
export const DATE_ONLY_MESSAGE = `skal være en dato (ÅÅÅÅ-MM-DD) mellem ${DATE_ONLY_YEARS.min} og ${DATE_ONLY_YEARS.max}`;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one) in DATE_ONLY_YEARS. */
export function isDateOnly(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < DATE_ONLY_YEARS.min || year > DATE_ONLY_YEARS.max) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date YYYY-MM-DD', ...options },
      validator: { validate: isDateOnly },
    });
}
