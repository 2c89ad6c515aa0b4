import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#libs/config';
import { randomUUID } from 'node:crypto';
import { ClsModule } from 'nestjs-cls';
import { dataSourceOptions } from './data-source.js';

/**
 * PostgreSQL through TypeORM, plus request-scoped context (CLS) carrying the request id, the
 * current user and the active transaction: services write through TransactionHost.tx so a
 * change and its audit event commit together.
 */
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not resolved; start embedded PostgreSQL first');
            return { ...dataSourceOptions(config.DATABASE_URL), autoLoadEntities: true };
          },
        }),
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            generateId: true,
            idGenerator: (req: { id?: string }) => req.id ?? randomUUID(),
          },
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
      ],
    };
  }
}
