import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import session from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { SessionStore } from '#libs/auth';
import { type AppConfig, appSecret, ConfigModule } from '#libs/config';
import { NestPinoLogger, RequestContext, requestSerializer, TooManyRequestsError } from '#libs/core';
import { JobsModule } from '#libs/jobs';
import { projectRoot, validationPipe } from '#libs/web';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { openApiDocument } from './openapi.js';
import { ServerModule } from './server.module.js';

/**
 * CSRF matters only where a browser's cookie authenticates the request: bearer-token clients, and
 * API calls with no signed-in session (e.g. POST /api/v1/auth/token), carry no ambient authority.
 */
const SESSION_COOKIE = 'tilsyn.sid';
const SESSION_COOKIE_SENT = /(?:^|;\s*)tilsyn\.sid=/;
const sessionless = (req: Request) =>
  req.path.startsWith('/api/') &&
  (/^Bearer\s/i.test(req.headers.authorization ?? '') || !SESSION_COOKIE_SENT.test(req.headers.cookie ?? ''));

const csrfExempt = (req: Request & { session?: { userId?: string } }) =>
  /^Bearer\s/i.test(req.headers.authorization ?? '') || (req.path.startsWith('/api/') && !req.session?.userId);

/** The server's modules for this configuration (also what npm run openapi reads the routes from). */
export function serverModule(config: AppConfig) {
  return {
    module: ServerModule,
    imports: [
      ConfigModule.withConfig(config),
      // the worker's handlers on the same pg-boss queues, in this process; else it only sends jobs
      ...(config.JOBS_IN_PROCESS ? [JobsModule.forWorker(), WorkerModule] : [JobsModule.forRoot()]),
    ],
  };
}

/** Builds the HTTP app (not yet listening): middleware order matters, so it lives in one place. */
export async function createServerApp(config: AppConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(serverModule(config), {
    bodyParser: false,
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  // Idle connections stay open longer than a reverse proxy's (60 s is common) and than a pause
  // between a tablet's autosaves: Node's 5 s made every client open its connection again after a
  // short pause, which cost 200 respondents arriving together over a second.
  const server: Server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    pinoHttp({
      logger,
      // codes and tokens in a path or query are masked; headers with credentials are redacted by the logger
      serializers: { req: requestSerializer },
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url?.startsWith('/static/') === true },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'upgrade-insecure-requests': config.production ? [] : null,
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  // Pages are mostly repeated markup: gzip makes the 31-indicator checklist about a tenth of its size
  // on a tablet's slow connection.
  app.use(compression());
  const publicDir = join(projectRoot, 'apps', 'server', 'public');
  app.use('/static', express.static(publicDir, { maxAge: '1h' }));
  // The service worker and the manifest live at the root so the worker's scope covers every page;
  // the worker is always revalidated, so a new version reaches the tablets on their next visit.
  app.use('/sw.js', (_req: Request, res: Response) =>
    res.type('text/javascript').set('Cache-Control', 'no-cache').sendFile(join(publicDir, 'sw.js')),
  );
  app.use('/manifest.webmanifest', (_req: Request, res: Response) =>
    res.type('application/manifest+json').sendFile(join(publicDir, 'manifest.webmanifest')),
  );
  // Everything past the static files is a page, an API answer or a file with personal or
  // unpublished data (survey codes, reports): no browser, proxy or back button keeps a copy.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(express.json({ limit: '2mb', type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ extended: false, limit: '2mb' }));
  app.use(express.text({ type: ['text/csv', 'text/plain'], limit: '5mb' }));
  // A session lives behind the cookie of a signed-in browser (pages, and the API calls of the
  // checklist). An API request with a bearer token or without that cookie has none: giving it a
  // fresh one to throw away was a tenth of a survey submission's time.
  const withSession = session({
    store: app.get(SessionStore).store,
    secret: appSecret(config),
    name: SESSION_COOKIE,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: 8 * 60 * 60 * 1000 },
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    sessionless(req) ? next() : withSession(req, res, next),
  );
  // Cookie-authenticated writes need the synchronizer token; bearer-token API clients send no cookie.
  const csrf = csrfSync({
    // Multipart bodies are parsed later (by the upload interceptor), so upload forms carry the token in the query.
    getTokenFromRequest: (req) =>
      (req.body?._csrf as string | undefined) ??
      (req.headers['x-csrf-token'] as string | undefined) ??
      (req.is('multipart/form-data') ? (req.query._csrf as string | undefined) : undefined),
    skipCsrfProtection: csrfExempt,
  });
  app.use(csrf.csrfSynchronisedProtection);
  // csrf-sync offers every request a token; an exempt one has no session to protect, and asking for
  // a token would create one (a session row per bearer-token page)
  app.use((req: Request & { csrfToken?: () => string }, _res: Response, next: NextFunction) => {
    if (csrfExempt(req)) delete req.csrfToken;
    next();
  });
  // Failed logins per account and client address and minute; successful ones do not count. Per
  // account too, so one office behind a shared address is not locked out by one person's typos.
  const loginLimit = rateLimit({
    windowMs: 60_000,
    limit: config.LOGIN_RATE_LIMIT,
    skipSuccessfulRequests: true,
    keyGenerator: (req) =>
      `${ipKeyGenerator(req.ip ?? '')} ${String(req.body?.email ?? '')
        .trim()
        .toLowerCase()
        .slice(0, 200)}`,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(
        new TooManyRequestsError(
          'For mange mislykkede loginforsøg. Vent et minut, og prøv igen.',
          [],
          {},
          'too-many-logins',
        ),
      ),
  });
  app.use(['/login', '/api/v1/auth/token'], (req: Request, res: Response, next: NextFunction) =>
    req.method === 'POST' ? loginLimit(req, res, next) : next(),
  );
  // Who is acting and under which request id, for the audit trail and logs.
  app.use((req: Request & { id?: string }, _res: Response, next: NextFunction) =>
    RequestContext.run({ requestId: String(req.id) }, next),
  );
  app.useGlobalPipes(validationPipe());

  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
  return app;
}
