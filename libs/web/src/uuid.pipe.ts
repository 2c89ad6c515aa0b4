import { type ArgumentMetadata, ParseUUIDPipe } from '@nestjs/common';
import { BadRequestError } from '#libs/core';

/** ParseUUIDPipe (any version) whose 400 names the parameter and the rule, like every other input error. */
export class UuidPipe extends ParseUUIDPipe {
  constructor(options: { optional?: boolean } = {}) {
    super({ optional: options.optional });
  }

  override async transform(value: string, metadata: ArgumentMetadata): Promise<string | undefined> {
    try {
      return (await super.transform(value, metadata)) ?? undefined;
    } catch {
      const field = metadata.data ?? 'id';
      throw new BadRequestError(
        `${field}: skal være et gyldigt id`,
        [{ field, rule: 'isUuid', message: 'skal være et gyldigt id' }],
        {},
        'invalid-id',
      );
    }
  }
}

/** The usual path parameter pipe: `@Param('id', uuidParam)`. */
export const uuidParam = new UuidPipe();
