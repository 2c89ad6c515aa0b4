import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : ['1', 'true', 'yes', 'ja'].includes(String(value).toLowerCase());

const PROXY_ADDRESS = String.raw`(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)`;
const TRUST_PROXY = new RegExp(String.raw`^(false|\d{1,2}|${PROXY_ADDRESS}(\s*,\s*${PROXY_ADDRESS})*)$`);

const SECRET_REQUIRED = 'SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters)';

/** Every setting the apps read from the environment, validated once at start. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** External PostgreSQL; when unset an embedded PostgreSQL runs under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = '.data';

  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** Signs session cookies. Required in production; development uses a per-data-dir secret. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.SESSION_SECRET !== undefined)
  @IsString({ message: SECRET_REQUIRED })
  @MinLength(32, {
    message: (a) => (a.value === undefined ? SECRET_REQUIRED : 'SESSION_SECRET must be at least 32 characters'),
  })
  SESSION_SECRET?: string;

  /**
   * Load the fictional demo data and demo users (password known from the README) at start. Default:
   * on in development and tests, off in production, where turning it on stops the start.
   */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  SEED_DEMO?: boolean;

  /**
   * Run the background jobs (PDFs, report batches, mails, reminders) inside the server process. Off
   * for a server that only serves, next to separate `npm run worker` processes.
   */
  @Transform(toBool)
  @IsBoolean()
  JOBS_IN_PROCESS = true;

  /**
   * Public address of this installation (scheme, host, optional path prefix), for every absolute
   * link: survey letters and their QR codes, mails. Required in production; development defaults to
   * http://127.0.0.1:PORT.
   */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.PUBLIC_URL !== undefined)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    {
      message: (a) =>
        a.value === undefined
          ? 'PUBLIC_URL is required when NODE_ENV=production: the address people reach Tilsyn at, e.g. https://tilsyn.region.dk'
          : 'PUBLIC_URL must be an absolute http:// or https:// address, e.g. https://tilsyn.region.dk',
    },
  )
  PUBLIC_URL?: string;

  /**
   * The SMTP server that sends notification mails (smtp://user:pass@host:587, smtps://…). Unset:
   * mails are kept in the outbox, which region staff see at /postkasse.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** The sender of notification mails. */
  @IsString()
  MAIL_FROM = 'Tilsyn <tilsyn@localhost>';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Chromium binary for PDFs; unset uses the one shipped in @sparticuz/chromium. */
  @IsOptional()
  @IsString()
  CHROMIUM_PATH?: string;

  /** Failed logins allowed per IP and minute before 429. */
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  /**
   * Which proxies' X-Forwarded-For/-Proto to believe (client address for rate limits, https for
   * links): `false` (default: none, the socket's address counts), a hop count, or addresses and
   * subnets (`loopback`, `10.0.0.0/8`, …). Trusting a proxy that is not there lets any client pick its address.
   */
  @Matches(TRUST_PROXY, { message: 'TRUST_PROXY must be false, a number of hops, or addresses/subnets' })
  TRUST_PROXY = 'false';

  /** TRUST_PROXY as Express's `trust proxy` setting. */
  get trustProxy(): false | number | string {
    if (this.TRUST_PROXY === 'false') return false;
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }
}

/**
 * The absolute address of `path` (starting with /) on this installation, as people outside reach it:
 * the one way to build links that leave the app (letters, QR codes, mails).
 */
export function publicLink(config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>, path: string): string {
  const base = (config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

export class ConfigError extends Error {}

/** Parses and validates the environment; throws one error listing every bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const picked = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== ''));
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  const lines = errors.map(
    (e) =>
      `  ${e.property}=${JSON.stringify(picked[e.property])}: ${[...new Set(Object.values(e.constraints ?? {}))].join('; ')}`,
  );
  if (config.production && config.SEED_DEMO === true)
    lines.push(
      `  SEED_DEMO=${JSON.stringify(picked.SEED_DEMO)}: demo data is never loaded when NODE_ENV=production (its users' password is in the README); unset SEED_DEMO and create the first region staff user with \`npm run cli -- users:create\` (see README)`,
    );
  if (lines.length) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  config.SEED_DEMO ??= !config.production;
  return config;
}

/** For a program's entry point: the config, or the list of bad settings on stderr and exit. */
export function loadConfigOrExit(exitCode = 78 /* EX_CONFIG */): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(exitCode);
  }
}
