import { DatabaseModule } from '#libs/database';
import { JobsModule } from '#libs/jobs';
import { Module } from '@nestjs/common';
import { PruneExpiredTokensHandler } from './maintenance/prune-expired-tokens.job.js';

/** The worker runs every @JobHandler provider of the modules imported here. */
@Module({
  imports: [DatabaseModule.forRoot(), JobsModule.forWorker()],
  providers: [PruneExpiredTokensHandler],
})
export class WorkerModule {}
