import { userInfo } from 'node:os';
import { plainToInstance } from 'class-transformer';
import { IsEmail, IsEnum, IsNotEmpty, IsString, MaxLength, MinLength, validateSync } from 'class-validator';
import type { Command } from 'commander';
import { AuditService, hashPassword, Role, UsersRepository } from '#libs/auth';
import { toFieldErrors } from '#libs/core';
import { TransactionHost } from '#libs/database';
import type { CliDatabase } from './cli-database.js';
import { UsageError } from './cli-errors.js';

const ROLES = Object.values(Role).join(', ');

/** One rule per field is reported; the bottom decorator runs first, so "missing" comes before "malformed". */
class NewUser {
  @IsEmail()
  @MaxLength(200)
  @IsNotEmpty()
  email: string;

  @IsString()
  @MaxLength(200)
  @IsNotEmpty()
  name: string;

  @IsEnum(Role)
  @IsNotEmpty()
  role: Role;

  /** Login accepts up to 200 characters; there is no password policy elsewhere yet. */
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  @IsNotEmpty()
  password: string;
}

interface Options {
  email?: string;
  name?: string;
  role?: string;
  passwordEnv: string;
}

export function usersCreateCommand(program: Command, db: CliDatabase) {
  program
    .command('users:create')
    .description(
      'Opretter en bruger. Adgangskoden læses fra en miljøvariabel, så den hverken står i shell-historikken eller i ps',
    )
    .option('--email <email>', 'e-mailadresse, bruges til login', (value) => value.trim())
    .option('--name <name>', 'fulde navn', (value) => value.trim())
    .option('--role <role>', `rolle: ${ROLES}`)
    .option('--password-env <variable>', 'miljøvariablen med adgangskoden', 'TILSYN_PASSWORD')
    .action((options: Options) => run(db, options));
}

async function run(db: CliDatabase, options: Options): Promise<void> {
  const input = validNewUser(options);
  const services = await db.services();
  const passwordHash = await hashPassword(input.password);
  const user = await services.get(TransactionHost).run(async () => {
    const users = services.get(UsersRepository);
    if (await users.findByEmail(input.email))
      throw new Error(`der findes allerede en bruger med e-mailen ${input.email}`);
    const created = await users.create({ email: input.email, name: input.name, role: input.role, passwordHash });
    const after = { email: created.email, name: created.name, role: created.role };
    await services
      .get(AuditService)
      .record(
        { action: 'user.created', entityType: 'user', entityId: created.id, after },
        { id: null, name: `cli:${userInfo().username}` },
      );
    return created;
  });
  console.log(`Oprettet: ${user.name} <${user.email}>, rolle ${user.role}, id ${user.id}`);
}

/** Checks every option at once, naming each bad one as it is typed on the command line. */
function validNewUser({ passwordEnv, ...options }: Options): NewUser {
  const input = plainToInstance(NewUser, { ...options, password: process.env[passwordEnv] });
  const errors = toFieldErrors(validateSync(input, { stopAtFirstError: true }));
  if (!errors.length) return input;
  const flag = (field: string) => (field === 'password' ? `${passwordEnv} (--password-env)` : `--${field}`);
  const hint = (field: string) => (field === 'role' ? ` (${ROLES})` : '');
  const lines = errors.map((e) => `  ${flag(e.field)}: ${e.message}${hint(e.field)}`);
  throw new UsageError(`Ugyldige oplysninger (invalid input):\n${lines.join('\n')}`);
}
