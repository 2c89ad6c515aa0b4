import { performance } from 'node:perf_hooks';
import { type LoadResult, percentile } from './load.js';

export type Request = (worker: number, n: number) => Promise<boolean>;

/**
 * Runs the contenders in short alternating slices (A B C C B A …) at the same concurrency, so the
 * shared machine's noise falls on all of them alike, and sums each one's slices after a first,
 * uncounted slice each (a cold start would otherwise be most of the 99th percentile). `n` counts on
 * across slices, so a contender never reuses what an earlier slice used up (codes, versions).
 */
export async function interleave(opts: {
  concurrency: number;
  slices: number;
  sliceMs: number;
  contenders: Record<string, Request>;
}): Promise<Record<string, LoadResult>> {
  const names = Object.keys(opts.contenders);
  const latencies = Object.fromEntries(names.map((k) => [k, [] as number[]]));
  const errors = Object.fromEntries(names.map((k) => [k, 0]));
  const busyMs = Object.fromEntries(names.map((k) => [k, 0]));
  const counters = Object.fromEntries(names.map((k) => [k, Array.from({ length: opts.concurrency }, () => 0)]));
  // slice -1 warms every contender up (connections opened, code compiled) and is not counted
  for (let slice = -1; slice < opts.slices; slice++) {
    for (const name of slice % 2 ? [...names].reverse() : names) {
      const started = performance.now();
      const end = started + opts.sliceMs;
      await Promise.all(
        Array.from({ length: opts.concurrency }, async (_, worker) => {
          while (performance.now() < end) {
            const n = counters[name][worker]++;
            const t0 = performance.now();
            const ok = await opts.contenders[name](worker, n).catch(() => false);
            if (slice < 0) continue;
            latencies[name].push(performance.now() - t0);
            if (!ok) errors[name]++;
          }
        }),
      );
      if (slice >= 0) busyMs[name] += performance.now() - started;
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = latencies[name].sort((a, b) => a - b);
      return [
        name,
        {
          requests: sorted.length,
          errors: errors[name],
          rps: sorted.length / (busyMs[name] / 1000),
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
        },
      ];
    }),
  );
}

const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;

/** Prints each contender's figures and its ratios to `baseline`, and the goals beside them. */
export function printComparison(
  title: string,
  results: Record<string, LoadResult>,
  baseline: string,
  goals: string[] = [],
): void {
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  const base = results[baseline];
  console.log(`\n${title}`);
  for (const [name, r] of Object.entries(results)) {
    const ratio =
      name === baseline
        ? '(baseline)'
        : `× baseline: throughput ${(r.rps / base.rps).toFixed(2)}, p50 ${(r.p50 / base.p50).toFixed(2)}, p95 ${(r.p95 / base.p95).toFixed(2)}, p99 ${(r.p99 / base.p99).toFixed(2)}`;
    console.log(
      `  ${name.padEnd(width)} ${r.rps.toFixed(0).padStart(6)} req/s  p50${ms(r.p50)}  p95${ms(r.p95)}  p99${ms(r.p99)}  ${String(r.requests).padStart(6)} req ${r.errors} err  ${ratio}`,
    );
  }
  for (const goal of goals) console.log(`  goal: ${goal}`);
}
