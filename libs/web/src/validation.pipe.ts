import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { findHostileInput, InvalidInputError, toFieldErrors } from '#libs/core';

const refuse = (fields: { field: string; rule: string; message: string }[]) =>
  new InvalidInputError(fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);

/**
 * The one gate every body, query and path parameter passes: first what no handler can take (NUL,
 * nesting too deep: see findHostileInput), then whitelisting class-validator rules. Failures become
 * 422 problems listing every field and rule in Danish.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type !== 'custom') {
      const hostile = findHostileInput(value, metadata.data ?? '');
      if (hostile) throw refuse([hostile]);
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = () =>
  new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => refuse(toFieldErrors(errors)),
  });
