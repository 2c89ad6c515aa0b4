import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '#libs/auth';
import { type AppConfig, ConfigModule } from '#libs/config';
import { DatabaseModule, describeMembers, resolveDatabase, type StopDatabase } from '#libs/database';
import { DemoModule } from '#libs/demo';
import { JobsModule } from '#libs/jobs';
import { QualityModelModule } from '#libs/quality-model';
import { ReportingModule } from '#libs/reporting';
import { ScoringModule } from '#libs/scoring';
import { WebModule } from '#libs/web';
import { migrationStatus } from './migrations.js';

/** The services commands use: the server's modules, without HTTP (feature modules expect WebModule). */
@Module({
  imports: [
    DatabaseModule.forRoot(),
    WebModule,
    AuthModule,
    DemoModule,
    QualityModelModule,
    JobsModule.forRoot(),
    ReportingModule,
    ScoringModule,
  ],
})
class CliServicesModule {}

/**
 * The database, reached only when a command needs it, so help and usage errors start nothing.
 * Without DATABASE_URL it is the embedded PostgreSQL: the one a running server or worker owns, or
 * else one started here and stopped again by `close`.
 */
export class CliDatabase {
  private stopDatabase?: StopDatabase;
  private context?: INestApplicationContext;

  constructor(readonly config: AppConfig) {}

  async url(): Promise<string> {
    this.stopDatabase ??= await resolveDatabase(this.config, () => undefined);
    return this.config.DATABASE_URL!;
  }

  /** Repositories and services, on a schema that is up to date. */
  async services(): Promise<INestApplicationContext> {
    if (!this.context) {
      const { pending } = await migrationStatus(await this.url());
      if (pending.length) {
        throw new Error(`databasen mangler ${pending.length} migrering(er); kør først: npm run cli -- migrate`);
      }
      this.context = await NestFactory.createApplicationContext(
        { module: CliServicesModule, imports: [ConfigModule.withConfig(this.config)] },
        { logger: false, abortOnError: false },
      );
    }
    return this.context;
  }

  async close(): Promise<void> {
    await this.context?.close();
    // a cluster this command started stays until the processes that attached meanwhile have stopped
    await this.stopDatabase?.({
      onWait: (others) =>
        console.error(`Venter på, at ${describeMembers(others)} stopper, før den indbyggede PostgreSQL stoppes`),
    });
  }
}
