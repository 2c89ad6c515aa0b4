import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { DomainError } from '#libs/core';
import { ReportBatchesService } from '#libs/reporting';
import type { CliDatabase } from './cli-database.js';
import { UsageError } from './cli-errors.js';
import { startProgress } from './progress.js';

interface Options {
  from?: string;
  to?: string;
  template?: string;
  wait: boolean;
}

export function reportsBatchCommand(program: Command, db: CliDatabase) {
  program
    .command('reports:batch')
    .description(
      'Danner rapporter for alle offentliggjorte besøg i en periode. Workeren (npm run worker) danner dem; kommandoen viser fremdriften',
    )
    .option('--from <dato>', 'første besøgsdato, ÅÅÅÅ-MM-DD')
    .option('--to <dato>', 'sidste besøgsdato, ÅÅÅÅ-MM-DD')
    .option('--template <id>', 'id på en aktiv skabelonversion (standard: standardskabelonen)')
    .option('--no-wait', 'sæt rapporterne i kø og afslut uden at vente')
    .action((options: Options) => run(db, options));
}

async function run(db: CliDatabase, { from, to, template, wait }: Options): Promise<void> {
  if (!from || !to) throw new UsageError('Angiv perioden med --from og --to (ÅÅÅÅ-MM-DD)');
  const batches = (await db.services()).get(ReportBatchesService);
  const batch = await batches
    .startAs({ id: null, name: `cli:${userInfo().username}` }, { from, to, templateId: template ?? null })
    .catch((e) => {
      if (!(e instanceof DomainError)) throw e;
      throw new UsageError(
        [e.detail, ...e.errors.map((f) => `  --${f.field === 'templateId' ? 'template' : f.field}: ${f.message}`)].join(
          '\n',
        ),
      );
    });
  console.log(`Kørsel ${batch.id}: ${batch.progress.total} rapporter er sat i kø.`);
  if (!wait) return;
  const progress = startProgress('Rapporter', batch.progress.total);
  let shown = 0;
  let state = await batches.progress(batch.id);
  try {
    for (;;) {
      const finished = state.progress.done + state.progress.failed;
      progress.tick(finished - shown);
      shown = finished;
      if (state.finished) break;
      await sleep(1000);
      state = await batches.progress(batch.id);
    }
  } finally {
    progress.stop();
  }
  console.log(`Færdig: ${state.progress.done} dannet, ${state.progress.failed} fejlet.`);
  if (state.progress.failed)
    throw new Error(
      `${state.progress.failed} rapport(er) kunne ikke dannes; se kørslen på /rapporter/koersler/${batch.id}`,
    );
}
