import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { RequestContext } from '#libs/core';
import type { JobDefinition, JobHandlerOf, JobPayload } from './job-definition.js';
import { JobHandlerMarker } from './job-handler.js';
import { JobQueue } from './job-queue.js';
import { JOB_LOG, PG_BOSS } from './pg-boss.js';

const SCHEDULE_TIMEZONE = 'Europe/Copenhagen';

/** The worker side: runs every @JobHandler provider of the app on its queue. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly queue: JobQueue,
    @Inject(PG_BOSS) private readonly boss: PgBoss,
    @Inject(JOB_LOG) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap() {
    // A crashed worker leaves its jobs active until they expire; pg-boss hands expired jobs back for
    // retry only every two minutes, so a (re)starting worker does it before taking new work.
    await this.boss.maintain();
    for (const { job, handler } of this.handlers()) {
      await this.queue.ensureQueue(job);
      await this.boss.updateQueue(job.name, { name: job.name, ...job.queue });
      if (job.schedule)
        await this.boss.schedule(job.name, job.schedule.cron, job.schedule.payload, { tz: SCHEDULE_TIMEZONE });
      else await this.boss.unschedule(job.name);
      // pg-boss fetches one job per loop and waits out the polling interval after each fetch, so
      // parallel work is one loop per job at once.
      const concurrency = job.work?.concurrency ?? 1;
      const options = { includeMetadata: true as const, pollingIntervalSeconds: job.work?.pollingIntervalSeconds ?? 2 };
      for (let i = 0; i < concurrency; i++)
        await this.boss.work<JobPayload>(job.name, options, ([attempt]) => this.run(job, handler, attempt));
      this.log.info({ queue: job.name, schedule: job.schedule?.cron, concurrency }, 'Handling jobs');
    }
  }

  private handlers(): { job: JobDefinition<JobPayload>; handler: JobHandlerOf<JobPayload> }[] {
    const found = this.discovery.getProviders({ metadataKey: JobHandlerMarker.KEY }).map((wrapper) => ({
      job: this.discovery.getMetadataByDecorator(JobHandlerMarker, wrapper)!,
      handler: wrapper.instance as JobHandlerOf<JobPayload>,
    }));
    const names = found.map((h) => h.job.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice) throw new Error(`Two @JobHandler providers for job ${twice}`);
    return found;
  }

  private async run(
    job: JobDefinition<JobPayload>,
    handler: JobHandlerOf<JobPayload>,
    attempt: PgBoss.JobWithMetadata<JobPayload>,
  ) {
    const log = this.log.child({ queue: job.name, jobId: attempt.id, attempt: attempt.retryCount + 1 });
    const started = Date.now();
    log.info('Job started');
    try {
      const output = await RequestContext.run({ requestId: `job:${attempt.id}` }, () => handler.run(attempt.data));
      log.info({ ms: Date.now() - started, output }, 'Job done');
      return output;
    } catch (err) {
      log.error({ ms: Date.now() - started, err }, 'Job failed');
      throw err;
    }
  }
}
