import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

const active = new AsyncLocalStorage<EntityManager>();
let defaultDataSource: DataSource | undefined;

/**
 * Gives repositories the EntityManager of the transaction in progress, or the plain one outside a
 * transaction. A change and its audit event both write through `tx`, so they commit together.
 */
@Injectable()
export class TransactionHost {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    defaultDataSource = dataSource;
  }

  get tx(): EntityManager {
    return active.getStore() ?? this.dataSource.manager;
  }

  /** Runs `fn` in a transaction, joining the surrounding one if there is one. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, fn);
  }
}

function inTransaction<T>(dataSource: DataSource, fn: () => Promise<T>): Promise<T> {
  if (active.getStore()) return fn();
  return dataSource.transaction((manager) => {
    queueQueries(manager.queryRunner!);
    return active.run(manager, fn);
  });
}

/**
 * A transaction is one connection, which runs one query at a time. Code that reads side by side
 * (Promise.all) would otherwise pile queries up inside pg's client, which pg deprecates and pg 9
 * refuses; here they wait their turn. The runner is made for this transaction only.
 */
function queueQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: unknown[]) => {
    const next = previous.then(() => query(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}

/** Method decorator: the whole method runs in one transaction (joining an outer one). */
export function Transactional(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const method = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    descriptor.value = function (this: unknown, ...args: unknown[]) {
      if (!defaultDataSource) throw new Error('@Transactional used before the database module started');
      return inTransaction(defaultDataSource, () => method.apply(this, args));
    };
    return descriptor;
  };
}
