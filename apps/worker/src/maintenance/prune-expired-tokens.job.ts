import { TransactionHost } from '#libs/database';
import { defineJob, JobHandler, type JobHandlerOf } from '#libs/jobs';

type NoPayload = Record<string, never>;

/** Every login via the API leaves an api_token row that is useless once expired; nothing else removes them. */
export const PruneExpiredTokens = defineJob<NoPayload>({
  name: 'maintenance.prune-expired-tokens',
  queue: { policy: 'stately', retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },
  schedule: { cron: '17 3 * * *', payload: {} }, // nightly
});

/** Rows deleted per statement: short statements keep row locks brief while logins go on. */
const BATCH = 5000;

@JobHandler(PruneExpiredTokens)
export class PruneExpiredTokensHandler implements JobHandlerOf<NoPayload> {
  constructor(private readonly tx: TransactionHost) {}

  async run(): Promise<{ deleted: number }> {
    let deleted = 0;
    let batch: number;
    do {
      [, batch] = await this.tx.tx.query(
        `delete from api_token where id in (select id from api_token where expires_at < now() limit ${BATCH})`,
      );
      deleted += batch;
    } while (batch === BATCH);
    return { deleted };
  }
}
