import { Module } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { DatabaseModule } from '#libs/database';
import { JobsModule } from '#libs/jobs';
import { NotificationsModule } from '#libs/notifications';
import { ReportingModule } from '#libs/reporting';
import { ScoringModule } from '#libs/scoring';
import { WebModule } from '#libs/web';
import { PruneExpiredTokensHandler } from './maintenance/prune-expired-tokens.job.js';

/** The worker runs every @JobHandler provider of the modules imported here. */
@Module({
  // Web and Auth: the feature modules' shared services (templates, access policy, audit)
  imports: [
    DatabaseModule.forRoot(),
    JobsModule.forWorker(),
    WebModule,
    AuthModule,
    ReportingModule,
    ScoringModule,
    NotificationsModule,
  ],
  providers: [PruneExpiredTokensHandler],
})
export class WorkerModule {}
