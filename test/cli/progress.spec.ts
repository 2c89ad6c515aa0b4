import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { startProgress } from '../../apps/cli/src/progress.js';

function output(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  });
  return Object.assign(stream, { isTTY, columns: 80, text: () => text });
}

describe('CLI progress', () => {
  it('prints plain lines at the start, at each tenth and at the end when not on a terminal', () => {
    const out = output(false);
    const progress = startProgress('Importerer', 25, out);
    for (let i = 0; i < 25; i++) progress.tick();
    progress.stop();
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe('Importerer: 0/25');
    expect(lines.at(-1)).toBe('Importerer: 25/25');
    expect(lines).toHaveLength(11);
  });

  it('prints where it stopped when work ends early', () => {
    const out = output(false);
    const progress = startProgress('Importerer', 100, out);
    progress.tick(5);
    progress.stop();
    expect(out.text()).toBe('Importerer: 0/100\nImporterer: 5/100\n');
  });

  it('draws a bar with counts on a terminal', () => {
    const out = output(true);
    const progress = startProgress('Importerer', 4, out);
    progress.tick(4);
    progress.stop();
    expect(out.text()).toContain('Importerer [');
    expect(out.text()).toContain('4/4 | 100%');
    expect(out.text()).not.toContain('\nImporterer: ');
  });
});
