#!/usr/bin/env node
// In a clone the CLI is the TypeScript itself, run by Node's own type stripping: no build step while
// developing. An installed package runs the JavaScript built from it (dist/, made by `npm pack`'s
// prepack): Node does not strip types under node_modules. An older Node cannot load either, so the
// version check comes first, before the first module of the tool is imported.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sep } from 'node:path';

const wanted = createRequire(import.meta.url)('../package.json').engines.node; // ">=X.Y.Z"
const need = wanted.replace(/^>=\s*/, '').split('.').map(Number);
const have = process.versions.node.split('.').map(Number);
const first = need.findIndex((n, i) => have[i] !== n); // the first part that differs, if any
if (first >= 0 && have[first] < need[first]) {
  process.stderr.write(`iam-conformance needs Node ${wanted.replace(/^>=\s*/, '>= ')} (found ${process.versions.node})\n`);
  process.exit(2);
}
const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);
const installed = fileURLToPath(import.meta.url).includes(`${sep}node_modules${sep}`);
if (!installed && existsSync(source)) await import(source.href);
else if (existsSync(built)) await import(built.href);
else {
  process.stderr.write('iam-conformance: the built code (dist/) is missing: run `npm run build` in the package folder\n');
  process.exit(3);
}
