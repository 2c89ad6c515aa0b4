import { ValidationPipe } from '@nestjs/common';
import { InvalidInputError, toFieldErrors } from '#libs/core';

/** Whitelisting validation; failures become 422 problems listing every field and rule in Danish. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = toFieldErrors(errors);
      return new InvalidInputError(fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    },
  });
