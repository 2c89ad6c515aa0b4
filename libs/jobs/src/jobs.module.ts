import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '#libs/config';
import { createLogger } from '#libs/core';
import { JobQueue } from './job-queue.js';
import { JobRunner } from './job-runner.js';
import { createPgBoss, JOB_LOG, type JobRole, PG_BOSS } from './pg-boss.js';

/** Durable jobs on pg-boss in the app's own PostgreSQL. Needs DatabaseModule. */
@Global()
@Module({})
export class JobsModule {
  /** Sending jobs only (server, CLI). */
  static forRoot(): DynamicModule {
    return JobsModule.create('sender');
  }

  /** Sending and running: every @JobHandler provider in the app; also pg-boss maintenance and cron. */
  static forWorker(): DynamicModule {
    const module = JobsModule.create('worker');
    return { ...module, imports: [DiscoveryModule], providers: [...module.providers!, JobRunner] };
  }

  private static create(role: JobRole): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        { provide: PG_BOSS, inject: [AppConfig], useFactory: (config: AppConfig) => createPgBoss(config, role) },
        {
          provide: JOB_LOG,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => createLogger(config.LOG_LEVEL).child({ context: 'jobs' }),
        },
        JobQueue,
      ],
      exports: [JobQueue],
    };
  }
}
