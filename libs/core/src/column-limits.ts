import { IsInt, Max, Min, ValidateIf, type ValidationOptions } from 'class-validator';

/** The range of a PostgreSQL integer (int4) column. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

/** An integer from `min` that fits the integer column it is stored in (larger ones PostgreSQL refuses). */
export function IsInt4(min = 0, max = INT4_MAX): PropertyDecorator {
  // applied bottom-up, so the type rule is reported first
  return (target, property) => {
    Max(Math.min(max, INT4_MAX))(target, property);
    Min(min)(target, property);
    IsInt()(target, property);
  };
}

/**
 * Like @IsOptional, but only a missing field is skipped: `null` is checked (and refused) like any
 * other value, since no optional list or text of ours means anything by null.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
