/**
 * Writes docs/openapi.json from the controllers without starting the product, and the admin UI's API
 * types generated from it (`npm run openapi`). With `--check` it writes nothing and fails when either
 * committed file differs (`npm run openapi:lint`); `apps/api/src/openapi.unit.spec.ts` checks the document too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateOpenApiDocument, OPENAPI_PATH, renderOpenApi } from '../apps/api/src/openapi';

const ROOT = resolve(__dirname, '..');
const TYPES_PATH = 'apps/admin-ui/src/api/schema.d.ts';

/** openapi-typescript's output for the document at `source` (run beside it: the lint config is not for it). */
function typesOf(source: string): string {
  const cli = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  return execFileSync(process.execPath, [cli, source], {
    cwd: dirname(source),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function main(): Promise<void> {
  const document = renderOpenApi(await generateOpenApiDocument());
  const scratch = mkdtempSync(join(tmpdir(), 'kamflow-openapi-'));
  try {
    const draft = join(scratch, 'openapi.json');
    writeFileSync(draft, document, 'utf8');
    const files: [path: string, text: string][] = [
      [OPENAPI_PATH, document],
      [TYPES_PATH, typesOf(draft)],
    ];
    if (process.argv.includes('--check')) {
      const stale = files.filter(([path, text]) => readFileSync(join(ROOT, path), 'utf8') !== text);
      for (const [path] of stale) console.error(`${path} is out of date: run npm run openapi`);
      if (stale.length) process.exitCode = 1;
      return;
    }
    for (const [path, text] of files) {
      writeFileSync(join(ROOT, path), text, 'utf8');
      console.log(`wrote ${path}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
