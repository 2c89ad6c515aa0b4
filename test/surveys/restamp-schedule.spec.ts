import { describe, expect, it } from '@jest/globals';
import { RestampSchedule } from '../../libs/surveys/src/restamp-schedule.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A restamp that logs when it starts and ends, and takes `ms`. */
function recorder(ms = 20) {
  const log: string[] = [];
  let active = 0;
  let most = 0;
  const restamp = async (round: string) => {
    active++;
    most = Math.max(most, active);
    log.push(`start ${round}`);
    await sleep(ms);
    log.push(`end ${round}`);
    active--;
  };
  return { log, restamp, most: () => most };
}

describe('when used invitations are restamped after submissions', () => {
  it('starts at once after a quiet spell and tells when it is done', async () => {
    const r = recorder();
    const schedule = new RestampSchedule(r.restamp, { spacingMs: 200, concurrency: 2 });
    const asked = Date.now();
    await schedule.request('a');
    expect(r.log).toEqual(['start a', 'end a']);
    expect(Date.now() - asked).toBeLessThan(150);
    await schedule.stop();
  });

  it('shares one restamp among submissions arriving before it starts; one arriving during it gets the next, after the spacing', async () => {
    const r = recorder(50);
    const schedule = new RestampSchedule(r.restamp, { spacingMs: 300, concurrency: 2 });
    const first = schedule.request('a');
    await sleep(10); // the first is running now
    const during = [schedule.request('a'), schedule.request('a'), schedule.request('a')];
    expect(new Set(during).size).toBe(1); // one shared restamp for the three
    const started = Date.now();
    await first;
    await during[0];
    expect(r.log).toEqual(['start a', 'end a', 'start a', 'end a']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // not before the spacing after the first
    await schedule.stop();
  });

  it('restamps other rounds meanwhile, but never more than the allowed number at once', async () => {
    const r = recorder(40);
    const schedule = new RestampSchedule(r.restamp, { spacingMs: 1000, concurrency: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((round) => schedule.request(round)));
    expect(r.log.filter((l) => l.startsWith('end')).sort()).toEqual(['end a', 'end b', 'end c', 'end d', 'end e']);
    expect(r.most()).toBe(2);
    await schedule.stop();
  });

  it('at a stop, runs what was asked for without waiting out the spacing', async () => {
    const r = recorder(10);
    const schedule = new RestampSchedule(r.restamp, { spacingMs: 60_000, concurrency: 2 });
    await schedule.request('a');
    void schedule.request('a'); // would wait a minute
    const stopping = Date.now();
    await schedule.stop();
    expect(r.log).toEqual(['start a', 'end a', 'start a', 'end a']);
    expect(Date.now() - stopping).toBeLessThan(1000);
  });
});
