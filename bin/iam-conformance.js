#!/usr/bin/env node
// The CLI is TypeScript run by Node's own type stripping (Node >= 22.18 / 24): no build step. An older
// Node cannot even load it, so the check comes first, before the first TypeScript module is imported.
import { createRequire } from 'node:module';

const wanted = createRequire(import.meta.url)('../package.json').engines.node; // ">=X.Y.Z"
const need = wanted.replace(/^>=\s*/, '').split('.').map(Number);
const have = process.versions.node.split('.').map(Number);
const first = need.findIndex((n, i) => have[i] !== n); // the first part that differs, if any
if (first >= 0 && have[first] < need[first]) {
  process.stderr.write(`iam-conformance needs Node ${wanted.replace(/^>=\s*/, '>= ')} (found ${process.versions.node})\n`);
  process.exit(2);
}
await import('../src/cli/main.ts');
