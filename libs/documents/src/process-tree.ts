import { readdirSync, readFileSync } from 'node:fs';

/** A process and everything it started, from /proc (Linux): Chromium is a tree of processes. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue; // exited, only waiting to be reaped
      children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const tree: number[] = [];
  const alive = (pid: number) => {
    try {
      return !readFileSync(`/proc/${pid}/stat`, 'utf8').slice(-200).includes(') Z ');
    } catch {
      return false;
    }
  };
  const walk = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  if (alive(rootPid)) walk(rootPid);
  return tree;
}

/** Memory of a process tree in KiB: RSS summed (counts shared pages once per process) and PSS (shares them out). */
export function treeMemory(pids: number[]): { rssKiB: number; pssKiB: number } {
  let rssKiB = 0;
  let pssKiB = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rssKiB += Number(rollup.match(/^Rss:\s+(\d+)/m)?.[1] ?? 0);
      pssKiB += Number(rollup.match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
    } catch {
      // exited while we looked
    }
  }
  return { rssKiB, pssKiB };
}
