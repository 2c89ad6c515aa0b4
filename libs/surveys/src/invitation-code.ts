import { createHash, createHmac, randomInt } from 'node:crypto';

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

/**
 * The code of letter `position` in batch `batchId`: derived from the app's secret with HMAC-SHA-256,
 * so a batch can be printed again while no code is ever stored (the database keeps only its hash);
 * someone with the database alone cannot make them. 50 bits, as newInvitationCode.
 */
export function letterCode(secret: string, batchId: string, position: number): string {
  const mac = createHmac('sha256', secret).update(`tilsyn-letter:${batchId}:${position}`).digest();
  let bits = 0n;
  for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(mac[i]);
  bits >>= 6n; // 56 → 50 bits
  let chars = '';
  for (let i = 0; i < LENGTH; i++) chars = ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)] + chars;
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
