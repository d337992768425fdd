import { parseArgs } from 'node:util';
import { DomainException } from '../../common/domain.exception';
import { migrate } from '../../common/db/data-source-options';
import type { AppConfig } from '../../config/app-config';
import { Role, ROLES, USER_LOCALES, UserLocale } from '../roles';
import { MIN_PASSWORD_LENGTH } from './password-hasher';
import { UsersService } from './users.service';

export const USERS_USAGE = `  users:create EMAIL --role admin|marketer|viewer [--name NAME] [--locale en|nl] [--password PASSWORD]
                          create a web app user (a password is generated and printed when omitted)`;

type WithContext = <T>(
  config: AppConfig,
  run: (get: <S>(type: new (...args: never[]) => S) => S) => Promise<T>,
) => Promise<T>;

export async function runCreateUserCli(
  argv: string[],
  config: AppConfig,
  withContext: WithContext,
  out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        locale: { type: 'string' },
        password: { type: 'string' },
      },
    });
  } catch (error) {
    out.stderr.write(`${(error as Error).message}\n${USERS_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const problems: string[] = [];
  if (positionals.length !== 1) problems.push('users:create needs exactly one email address');
  if (!values.role || !ROLES.includes(values.role as Role)) problems.push(`--role must be one of ${ROLES.join(', ')}`);
  if (values.locale && !USER_LOCALES.includes(values.locale as UserLocale))
    problems.push(`--locale must be one of ${USER_LOCALES.join(', ')}`);
  if (values.password !== undefined && values.password.length < MIN_PASSWORD_LENGTH)
    problems.push(`--password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (problems.length) {
    out.stderr.write(`${problems.join('\n')}\n\n${USERS_USAGE}\n`);
    return 2;
  }
  await migrate(config);
  try {
    const created = await withContext(config, (get) =>
      get(UsersService).create({
        email: positionals[0],
        role: values.role as Role,
        name: values.name,
        locale: values.locale as UserLocale | undefined,
        password: values.password,
      }),
    );
    out.stdout.write(`user ${created.user.email} (id ${created.user.id}, ${created.user.role}) created\n`);
    if (created.generatedPassword) out.stdout.write(`password (shown only now): ${created.generatedPassword}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DomainException) {
      out.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
