import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type EntityManager } from 'typeorm';

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
  return dataSource.transaction((manager) => active.run(manager, fn));
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
