import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /** Marks `n` more items done. */
  tick(n?: number): void;
  /** Ends the display; call it on failure too, so the terminal is left tidy. */
  stop(): void;
}

type Output = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * Progress of long CLI work (migrations, imports, batch renders). On a terminal one bar is redrawn
 * in place; piped or in CI, where redraws would garble the log, plain lines are printed at the
 * start, at every tenth and at the end.
 */
export function startProgress(title: string, total: number, out: Output = process.stdout): Progress {
  if (out.isTTY) {
    const bar = new SingleBar(
      {
        format: `${title} [{bar}] {value}/{total} | {percentage}% | rest {eta_formatted}`,
        stream: out,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
  }
  let done = 0;
  let printed = -1;
  const print = () => {
    out.write(`${title}: ${done}/${total}\n`);
    printed = done;
  };
  print();
  return {
    tick(n = 1) {
      const tenth = (count: number) => Math.floor((count * 10) / total);
      done += n;
      if (tenth(done) > tenth(printed) || done === total) print();
    },
    stop() {
      if (printed !== done) print();
    },
  };
}
