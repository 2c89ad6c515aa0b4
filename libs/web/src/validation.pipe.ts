import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { findHostileInput, InvalidInputError, toFieldErrors } from '#libs/core';

const refuse = (fields: { field: string; rule: string; message: string }[]) =>
  new InvalidInputError(fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);

const notAnObject = {
  field: 'body',
  rule: 'isObject',
  message: 'skal være et objekt (en formular eller JSON-objekt), ikke en liste',
};

/**
 * The one gate every body, query and path parameter passes: first what no handler can take (NUL,
 * nesting too deep: see findHostileInput; a list where a form or object belongs), then whitelisting
 * class-validator rules. A request without a body reads as an empty form, so its missing fields are
 * named. Failures become 422 problems listing every field and rule in Danish.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const hostile = findHostileInput(value, metadata.data ?? '');
    if (hostile) throw refuse([hostile]);
    const wholeBody = metadata.type === 'body' && !metadata.data;
    if (wholeBody && Array.isArray(value)) throw refuse([notAnObject]);
    return super.transform(wholeBody && value === undefined && metadata.metatype !== String ? {} : value, metadata);
  }
}

export const validationPipe = () =>
  new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => refuse(toFieldErrors(errors)),
  });
