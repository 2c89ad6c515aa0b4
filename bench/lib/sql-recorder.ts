import pg from 'pg';

/**
 * Records the statements the app sends through pg while `fn` runs (the app runs in this process),
 * so a benchmark can send the very same SQL bare. Only one recording at a time.
 */
export async function recordSql(
  fn: () => Promise<unknown>,
  /** Work the request leaves running after its answer: recording goes on until this holds (at most 10 s). */
  until: (seen: { text: string }[]) => boolean = () => true,
): Promise<{ text: string; values: unknown[] }[]> {
  const seen: { text: string; values: unknown[] }[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    seen.push(
      typeof first === 'string'
        ? { text: first, values: second ?? [] }
        : { text: first.text, values: first.values ?? [] },
    );
    return original.apply(this, args);
  };
  try {
    await fn();
    for (const deadline = Date.now() + 10_000; !until(seen) && Date.now() < deadline; )
      await new Promise((r) => setTimeout(r, 10));
    if (!until(seen)) throw new Error('the work left running after the request was not seen');
  } finally {
    proto.query = original;
  }
  return seen;
}
