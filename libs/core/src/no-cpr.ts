import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A Danish CPR number: DDMMYY, optional dash or space, four digits, with a plausible date. */
const CPR = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[-\s]?\d{4}(?!\d)/;

export const containsCpr = (text: string) => CPR.test(text);

/** Refuses free text containing something shaped like a CPR number: Tilsyn never stores them. */
export function NoCpr(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'noCpr',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must not contain a CPR number', ...options },
      validator: {
        validate: (value: unknown) =>
          (Array.isArray(value) ? value : [value]).every((v) => typeof v !== 'string' || !containsCpr(v)),
      },
    });
}
