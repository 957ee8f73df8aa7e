/**
 * Writes docs/asyncapi.yaml from the contracts in libs/contracts (`npm run asyncapi`).
 * `libs/contracts/src/asyncapi.unit.spec.ts` fails while the file and the code disagree.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ASYNCAPI_PATH, renderAsyncApi } from '@kamflow/contracts';

const target = resolve(__dirname, '..', ASYNCAPI_PATH);
writeFileSync(target, renderAsyncApi(), 'utf8');
console.log(`wrote ${target}`);
