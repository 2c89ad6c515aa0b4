import argon2 from 'argon2';

export const hashPassword = (plain: string) => argon2.hash(plain, { type: argon2.argon2id });

/** Compared against a real hash even for unknown users, so timing does not reveal which emails exist. */
const DUMMY = hashPassword('tilsyn-dummy-password');

export async function verifyPassword(hash: string | undefined, plain: string): Promise<boolean> {
  if (!hash) {
    await argon2.verify(await DUMMY, plain);
    return false;
  }
  return argon2.verify(hash, plain);
}
