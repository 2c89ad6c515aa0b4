import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS, type Access } from '#libs/auth';

/** One argument a handler takes from the request: its source, name (`@Query('q')`) and declared type. */
export interface RouteArgument {
  source: 'body' | 'query' | 'param' | 'file' | 'other';
  name?: string;
  type?: unknown;
}

export interface RouteInfo {
  method: string;
  /** Express-style path, `/api/v1/facilities/:id`. */
  path: string;
  access: Access | undefined;
  args: RouteArgument[];
}

const SOURCES: Partial<Record<number, RouteArgument['source']>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'param',
  [RouteParamtypes.FILE]: 'file',
};

/** Every route of the app from Nest's own metadata: new controllers and DTOs are listed without a change here. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const list: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prefix = Reflect.getMetadata(PATH_METADATA, metatype) as string;
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (name === 'constructor' || path === undefined) continue;
        const types = (Reflect.getMetadata('design:paramtypes', metatype.prototype, name) ?? []) as unknown[];
        const declared = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const args = Object.entries(declared).map(([key, { index, data }]): RouteArgument => {
          const source = SOURCES[Number(key.split(':')[0])] ?? 'other';
          return { source, name: typeof data === 'string' ? data : undefined, type: types[index] };
        });
        list.push({
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          path: `/${[prefix, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          access: (Reflect.getMetadata(ACCESS, handler) ?? Reflect.getMetadata(ACCESS, metatype)) as Access | undefined,
          args,
        });
      }
    }
  }
  return list.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
}
