import { performance } from 'node:perf_hooks';

/** One measured cell: a fixed duration of `writers` concurrent loops calling one operation. */
export interface CellResult {
  ops: number;
  seconds: number;
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/**
 * Runs `op` in `writers` concurrent loops: first for `warmupSeconds` (not recorded), then for `seconds`.
 * `op` gets a sequence number unique across all loops of the run.
 */
export async function measure(
  writers: number,
  seconds: number,
  warmupSeconds: number,
  op: (seq: number) => Promise<unknown>,
): Promise<CellResult> {
  let seq = 0;
  const run = async (
    duration: number,
    record: number[] | null,
  ): Promise<{ errors: number; elapsed: number }> => {
    const started = performance.now();
    const deadline = started + duration * 1000;
    let errors = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          try {
            await op(seq++);
            record?.push(performance.now() - t0);
          } catch (error) {
            errors++;
            if (errors === 1) console.error(`  first error: ${(error as Error).message}`);
          }
        }
      }),
    );
    return { errors, elapsed: (performance.now() - started) / 1000 };
  };
  if (warmupSeconds > 0) await run(warmupSeconds, null);
  const latencies: number[] = [];
  const { errors, elapsed } = await run(seconds, latencies);
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    seconds: round(elapsed, 3),
    opsPerSecond: round(latencies.length / elapsed, 1),
    p50Ms: round(percentile(latencies, 0.5), 2),
    p99Ms: round(percentile(latencies, 0.99), 2),
    errors,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A plain-text table with right-aligned columns. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}
