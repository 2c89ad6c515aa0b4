import { Module } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { NotificationsModule } from '#libs/notifications';
import { ReportingModule } from '#libs/reporting';
import { ScoringModule } from '#libs/scoring';
import { WebModule } from '#libs/web';
import { PruneExpiredTokensHandler } from './maintenance/prune-expired-tokens.job.js';

/**
 * The job handlers: every @JobHandler provider of the modules imported here runs where
 * `JobsModule.forWorker()` is imported beside it — in `npm run worker` (worker-app.ts) and, with
 * JOBS_IN_PROCESS (the default), inside the server. Needs DatabaseModule and JobsModule.forWorker().
 */
@Module({
  // Web and Auth: the feature modules' shared services (templates, access policy, audit)
  imports: [WebModule, AuthModule, ReportingModule, ScoringModule, NotificationsModule],
  providers: [PruneExpiredTokensHandler],
})
export class WorkerModule {}
