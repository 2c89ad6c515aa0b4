import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type FieldError, InvalidInputError, toFieldErrors } from '#libs/core';

type Class<T> = new () => T;

/**
 * Validates a submitted page form against the same DTO the API uses, for pages that re-render the
 * form with Danish errors instead of answering problem+json.
 */
export async function validateForm<T extends object>(
  dto: Class<T>,
  body: unknown,
): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(dto, body ?? {}, { enableImplicitConversion: false });
  const errors = toFieldErrors(await validate(value, { whitelist: true, forbidUnknownValues: false }));
  return { value, errors };
}

/** validateForm, throwing the 422 that PageRenderer.submit shows next to the fields. */
export async function parseForm<T extends object>(dto: Class<T>, body: unknown): Promise<T> {
  const { value, errors } = await validateForm(dto, body);
  if (errors.length) throw new InvalidInputError('Ret de markerede felter', errors);
  return value;
}
