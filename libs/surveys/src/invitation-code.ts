import { createHash, randomInt } from 'node:crypto';

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10; // 50 bits: guessing is hopeless, and wrong guesses are rate-limited

/** A new single-use code, shown once in a letter and never stored (only its hash is). */
export function newInvitationCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The code as typed (any case, spaces, dashes, O for 0, I/L for 1) in canonical form, or null. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/** What the database keeps of a code. */
export const codeHash = (canonical: string) => createHash('sha256').update(`tilsyn-survey:${canonical}`).digest('hex');
