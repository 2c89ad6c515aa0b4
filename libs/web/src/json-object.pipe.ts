import type { PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '#libs/core';

/**
 * For a handler that reads a JSON object without a DTO class: no body, a form, text or an array is
 * refused as a 422 naming the body, before the handler takes it apart.
 */
export const jsonObject: PipeTransform = {
  transform(value: unknown) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
    const message = 'skal være et JSON-objekt (Content-Type: application/json)';
    throw new InvalidInputError(`body: ${message}`, [{ field: 'body', rule: 'isObject', message }]);
  },
};
