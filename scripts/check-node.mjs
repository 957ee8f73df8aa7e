#!/usr/bin/env node
// Prints the Node.js version npm scripts run on and fails below the supported major (package.json `engines`).
// npm scripts find `node` on PATH with node_modules/.bin first, where the `node` dev dependency puts Node 24,
// so a machine with an older system Node still runs the product and the tests on 24.
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const required = Number(/\d+/.exec(engines.node)?.[0]);
const major = Number(process.versions.node.split('.')[0]);
if (major < required) {
  console.error(
    `kamflow needs Node.js ${engines.node}; this is ${process.version} (${process.execPath}). ` +
      'Run `npm ci` (it installs Node 24 into node_modules/.bin through the approved `node` package) or install Node 24.',
  );
  process.exit(1);
}
console.log(`node ${process.version} (${process.execPath})`);
