import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportCatalogue, importCatalogueFile, SHIPPED_CATALOGUES } from '#libs/quality-model';
import { startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

describe('quality-model CLI commands', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'tilsyn-qm-'));

  beforeAll(async () => {
    t = await startTestApp(createServerApp);
  });
  afterAll(() => t.close());

  it('imports and publishes a file, exports it, and reads the export back in', async () => {
    const line = await t.run(() => importCatalogueFile(t.app, SHIPPED_CATALOGUES[1], true));
    expect(line).toMatch(
      /^Kvalitetsmodel for socialtilsyn – sociale tilbud: version 1 \(socialtilsyn\) er indlæst som udgivet\. Id: /,
    );
    const file = join(dir, 'socialtilsyn.json');
    const json = await t.run(() => exportCatalogue(t.app, line.split('Id: ')[1], 'json'));
    writeFileSync(file, json);
    const again = await t.run(() => importCatalogueFile(t.app, file));
    expect(again).toMatch(/version 2 \(socialtilsyn\) er indlæst som kladde/);
    expect(await t.run(() => exportCatalogue(t.app, again.split('Id: ')[1], 'json'))).toBe(json);
  });

  it('explains a refused file line by line', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(SHIPPED_CATALOGUES[0], 'utf8').replace('        kind: guideline\n', '        kind: trin-1\n'),
    );
    await expect(t.run(() => importCatalogueFile(t.app, bad))).rejects.toThrow(
      'Filen blev ikke indlæst: 1 fejl skal rettes først\n  linje 50: standards[0].indicators[0].kind: skal være en af: guideline, practice, monitoring, improvement',
    );
  });
});
