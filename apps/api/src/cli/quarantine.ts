import 'reflect-metadata';
import { userInfo } from 'node:os';
import { type SqlDatabase } from '@kamflow/event-store';
import {
  type AppConfig,
  loadConfig,
  openDatabase as openConfiguredDatabase,
  STDERR_LOG,
  QUARANTINE_STATUSES,
  type QuarantinedEvent,
  type QuarantineStatus,
  QuarantineStore,
} from '@kamflow/infrastructure';

const USAGE = `usage: npm run quarantine -- list [--component X] [--status QUARANTINED|RETRIED|SKIPPED] [--page N]
       npm run quarantine -- retry <id|all> [--component X]
       npm run quarantine -- skip <id> --reason "..."
`;

const ID = /^[1-9][0-9]{0,14}$/;
const COMPONENT = /^(projection|process|consumer):[A-Za-z0-9._-]{1,100}$/;

class UsageError extends Error {}

/** `--name value` options and the positional arguments. */
function parse(argv: string[]): { args: string[]; options: Map<string, string> } {
  const args: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) {
      args.push(argv[i]);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${argv[i]} needs a value`);
    options.set(argv[i].slice(2), value);
    i++;
  }
  for (const name of options.keys())
    if (!['component', 'status', 'page', 'reason'].includes(name))
      throw new UsageError(`unknown option --${name}`);
  const component = options.get('component');
  if (component !== undefined && !COMPONENT.test(component))
    throw new UsageError('--component must be projection:<name>, process:<name> or consumer:<group>');
  const status = options.get('status');
  if (status !== undefined && !QUARANTINE_STATUSES.includes(status as QuarantineStatus))
    throw new UsageError(`--status must be one of ${QUARANTINE_STATUSES.join(', ')}`);
  const page = options.get('page');
  if (page !== undefined && !(ID.test(page) && Number(page) <= 1_000_000))
    throw new UsageError('--page must be a positive integer');
  return { args, options };
}

function line(e: QuarantinedEvent): string {
  const resolved = e.resolvedBy ? ` by ${e.resolvedBy} at ${e.resolvedAt}` : '';
  const reason = e.skipReason ? ` (${e.skipReason})` : '';
  return (
    `#${e.id} ${e.status}${resolved}${reason}\n  ${e.component} ${e.eventType} ${e.streamId} ` +
    `position ${e.globalPosition} event ${e.eventId}\n  ${e.attempts} attempt(s), ` +
    `first ${e.firstFailedAt}, last ${e.lastFailedAt}: ${e.errorMessage}\n`
  );
}

/** The product's database; beside a running embedded product, its PostgreSQL server. */
function openDatabase(config: AppConfig): Promise<SqlDatabase> {
  return openConfiguredDatabase(config, { poolSize: 2, log: STDERR_LOG, joinRunning: true });
}

/**
 * Retries through the product itself: the application is built (without listening), so a retry runs the
 * same projection or process code as the server; it is closed again at the end.
 */
async function retry(config: AppConfig, target: string, component: string | undefined, by: string) {
  const { createApp } = await import('../create-app');
  const { QuarantineService } = await import('../operations/quarantine.service');
  const app = await createApp(config);
  try {
    await app.init();
    const service = app.get(QuarantineService);
    const items =
      target === 'all'
        ? (await service.retryAll(component, by)).items
        : [await service.retry(Number(target), by)];
    for (const item of items) process.stdout.write(line(item));
    const failed = items.filter((i) => i.status !== 'RETRIED').length;
    process.stdout.write(`${items.length - failed} retried, ${failed} still quarantined\n`);
    return failed ? 1 : 0;
  } finally {
    await app.close();
  }
}

/**
 * `npm run quarantine -- list|retry|skip`: the operator's command for events a read model or process could
 * not apply (the same as `GET/POST /api/v1/operations/quarantine`). `retry` starts the product's modules
 * without HTTP; on the embedded database stop the product first (`list` and `skip` work beside it).
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { args, options } = parse(rest);
  const by = `cli:${userInfo().username}`;
  const config = loadConfig();
  if (command === 'retry') {
    const [target] = args;
    if (args.length !== 1 || !(target === 'all' || ID.test(target)))
      throw new UsageError('retry needs <id> or all');
    return retry(config, target, options.get('component'), by);
  }
  if (command !== 'list' && command !== 'skip') throw new UsageError(`unknown command ${command ?? ''}`);
  const db = await openDatabase(config);
  try {
    const store = new QuarantineStore(db);
    if (command === 'list') {
      const page = Number(options.get('page') ?? 1);
      const status = options.get('status') as QuarantineStatus | undefined;
      const { items, total } = await store.list({ component: options.get('component'), status, page });
      for (const item of items) process.stdout.write(line(item));
      process.stdout.write(`${total} event(s)${total > items.length ? `, page ${page}` : ''}\n`);
      return 0;
    }
    const [id] = args;
    const reason = options.get('reason')?.trim();
    if (args.length !== 1 || !ID.test(id)) throw new UsageError('skip needs <id>');
    if (!reason || reason.length > 500)
      throw new UsageError('skip needs --reason "..." (1 to 500 characters)');
    const skipped = await store.skip(Number(id), reason, by);
    if (!skipped) {
      process.stderr.write(`no QUARANTINED event #${id}\n`);
      return 1;
    }
    process.stdout.write(line(skipped));
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}`);
      process.exit(2);
    }
    const { code } = error as { code?: unknown };
    process.stderr.write(
      typeof code === 'string' && code.includes('.')
        ? `${code}: ${(error as Error).message}\n`
        : `quarantine failed: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exit(1);
  },
);
