import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { SnakeNamingStrategy } from './naming.strategy.js';

/** The one set of TypeORM options for app, worker, CLI and tests. Schema changes only via migrations. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migration',
    namingStrategy: new SnakeNamingStrategy(),
    parseInt8: true,
    extra: { max: 10, application_name: 'tilsyn' },
  };
}
