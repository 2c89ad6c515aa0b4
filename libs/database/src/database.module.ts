import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#libs/config';
import { dataSourceOptions } from './data-source.js';
import { TransactionHost } from './transaction.js';

/** PostgreSQL through TypeORM; entities come from each feature's TypeOrmModule.forFeature. */
@Global()
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
      ],
      providers: [TransactionHost],
      exports: [TransactionHost],
    };
  }
}
