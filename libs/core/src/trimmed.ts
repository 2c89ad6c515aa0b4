import { Transform } from 'class-transformer';

/**
 * Trims text before it is validated, so a field of only spaces counts as empty for @IsNotEmpty
 * and what is stored is what was checked.
 */
export const Trimmed = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
