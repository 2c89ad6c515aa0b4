import { CommanderError } from 'commander';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Bad input from whoever runs the command: exit code 2, and the message names the option. */
export class UsageError extends Error {}

/** Prints what a command threw (commander has printed its own usage errors) and picks the exit code. */
export function reportFailure(
  err: unknown,
  showStack: boolean,
  stderr: NodeJS.WritableStream = process.stderr,
): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (err instanceof UsageError) {
    stderr.write(`${err.message}\n`);
    return EXIT.usage;
  }
  const error = err instanceof Error ? err : new Error(String(err));
  stderr.write(`Fejl (error): ${showStack ? error.stack : error.message}\n`);
  return EXIT.failure;
}
