import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS, type Access } from '#libs/auth';
import { startTestApp, type TestApp } from '#libs/testing';
import { createServerApp } from '../../apps/server/src/server-app.js';

/** Every route of the app with the access it declares (deny-by-default means none may be missing). */
function routes(t: TestApp) {
  const list: { route: string; access: string }[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prefix = Reflect.getMetadata(PATH_METADATA, metatype) as string;
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (name === 'constructor' || path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const access = (Reflect.getMetadata(ACCESS, handler) ?? Reflect.getMetadata(ACCESS, metatype)) as
          | Access
          | undefined;
        const declared = !access
          ? 'NONE'
          : access.public
            ? 'public'
            : access.roles.length
              ? access.roles.join('|')
              : 'signed-in';
        list.push({
          route: `${method} /${[prefix, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          access: declared,
        });
      }
    }
  }
  return list.sort((a, b) => a.route.localeCompare(b.route));
}

describe('route access declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createServerApp);
  });
  afterAll(() => t.close());

  it('declares access on every route', () => {
    const all = routes(t);
    expect(all.length).toBeGreaterThan(8);
    expect(all.filter((r) => r.access === 'NONE')).toEqual([]);
  });

  it('keeps exactly these routes public', () => {
    const open = routes(t)
      .filter((r) => r.access === 'public')
      .map((r) => r.route);
    expect(open).toEqual([
      'GET /health',
      'GET /login',
      // the survey answer pages and API: respondents have a code, not a login
      'GET /svar',
      'GET /svar/gemt',
      'GET /svar/tak',
      'POST /api/v1/auth/token',
      'POST /api/v1/survey-responses',
      'POST /api/v1/survey-responses/open',
      'POST /login',
      'POST /svar',
      'POST /svar/svar',
      'PUT /api/v1/survey-responses/draft',
    ]);
  });
});
