import { AsyncLocalStorage } from 'node:async_hooks';

/** What the rest of a request (or a job, or a CLI command) needs to know about who is acting. */
export interface RequestContextData {
  requestId?: string;
  user?: { id: string; name: string; role: string };
}

const storage = new AsyncLocalStorage<RequestContextData>();

/**
 * Request-scoped context on AsyncLocalStorage. Hand-written because nestjs-cls is CommonJS and
 * requires the ESM-only @nestjs/common, which Jest cannot load on Node 20.
 */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
};
