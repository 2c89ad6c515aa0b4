import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

const PgStore = connectPgSimple(session);

/** Web sessions in PostgreSQL (table user_session, created by a migration), on TypeORM's own pool. */
@Injectable()
export class SessionStore implements OnApplicationShutdown {
  readonly store: session.Store & { close(): void | Promise<void> };

  constructor(@InjectDataSource() db: DataSource) {
    const pool = (db.driver as unknown as { master: Pool }).master;
    this.store = new PgStore({
      pool,
      tableName: 'user_session',
      createTableIfMissing: false,
      pruneSessionInterval: 15 * 60,
    });
  }

  async onApplicationShutdown() {
    await this.store.close();
  }
}
