import { registerDecorator, type ValidationOptions } from 'class-validator';

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isDateOnly(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
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
