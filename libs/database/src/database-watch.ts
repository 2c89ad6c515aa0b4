import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '#libs/config';
import { createLogger } from '#libs/core';

const EVERY_MS = 2000;

/**
 * For processes without /health (the worker): says once when the database stops answering and once
 * when it answers again. The connection pools reconnect by themselves; jobs wait in the queue.
 */
@Injectable()
export class DatabaseWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private down?: number;
  private readonly log;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.log = createLogger(config.LOG_LEVEL).child({ context: 'database' });
  }

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.probe(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  private async probe() {
    try {
      await this.db.query('select 1');
      if (this.down !== undefined)
        this.log.info({ downMs: Date.now() - this.down }, 'Database reachable again: taking jobs');
      this.down = undefined;
    } catch (err) {
      if (this.down !== undefined) return;
      this.down = Date.now();
      this.log.warn(
        { err: { message: (err as Error).message } },
        'Database unreachable: jobs wait until it returns; retrying every 2 s',
      );
    }
  }
}
