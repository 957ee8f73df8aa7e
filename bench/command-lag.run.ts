/**
 * Read-model lag while real commands run through the embedded product:
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/command-lag.run.ts
 *   BENCH_LAG_SECONDS (default 30), BENCH_RATE (default 200 commands/s), BENCH_LAG_WARMUP (default 3 s),
 *   BENCH_DATABASE_URL (run the product on this PostgreSQL database instead of the embedded database)
 */
import { cpus } from 'node:os';
import { commandLagBench } from './support/command-lag';
import { formatTable } from './support/measure';

const SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const WARMUP = Number(process.env.BENCH_LAG_WARMUP ?? 3);

async function main() {
  console.log(
    `command lag: ${RATE} commands/s for ${SECONDS} s after ${WARMUP} s warm-up (cpus ${cpus().length})`,
  );
  const r = await commandLagBench({
    seconds: SECONDS,
    rate: RATE,
    warmupSeconds: WARMUP,
    databaseUrl: process.env.BENCH_DATABASE_URL,
  });
  console.log(
    formatTable(
      [
        'commands',
        'cmd/s',
        '2xx/s',
        'deferred',
        'errors',
        'skipped',
        'events',
        'events/s',
        'busy',
        'drain ms',
      ],
      [
        [
          r.commands,
          r.commandsPerSecond,
          r.acceptedPerSecond,
          r.deferred,
          r.errors,
          r.skipped,
          r.eventsAppended,
          r.eventsPerSecond,
          r.productThreadBusy,
          r.drainMs,
        ],
      ],
    ),
  );
  console.log();
  console.log(
    formatTable(
      ['measure', 'p50 ms', 'p99 ms', 'max ms'],
      [
        ['lag: answer → every projection', r.lag.p50Ms, r.lag.p99Ms, r.lag.maxMs],
        [
          'command latency: send → answer',
          r.commandLatency.p50Ms,
          r.commandLatency.p99Ms,
          r.commandLatency.maxMs,
        ],
        ['client schedule slip', '', r.scheduleSlip.p99Ms, r.scheduleSlip.maxMs],
      ],
    ),
  );
  console.log();
  console.log(
    formatTable(
      ['command', '2xx', 'deferred'],
      Object.entries(r.byType).map(([type, n]) => [
        type,
        n,
        r.deferredByType[type as keyof typeof r.byType] ?? 0,
      ]),
    ),
  );
  if (r.skipped)
    console.log(`\nthe product fell behind: ${r.skipped} slots skipped with too many commands in flight`);
  if (r.lag.unresolved) console.log(`\n${r.lag.unresolved} accepted commands never reached every projection`);
  if (r.errors) console.log(`\nerrors: ${JSON.stringify(r.errorCodes)}`);
  console.log(`\nbacklog when the schedule ended (events): ${JSON.stringify(r.backlogAtEnd)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
