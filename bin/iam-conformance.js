#!/usr/bin/env node
// In a clone the CLI is the TypeScript itself, run by Node's own type stripping: no build step while
// developing. An installed package runs the JavaScript built from it (dist/, made by `npm pack`'s
// prepack): Node does not strip types under node_modules. An older Node cannot load either, so the
// version check comes first, before the first module of the tool is imported.
// The namespace, not named imports: an older Node has no enableCompileCache, and a named import of it
// would fail before the version check below could say why.
import * as nodeModule from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sep } from 'node:path';

const wanted = nodeModule.createRequire(import.meta.url)('../package.json').engines.node; // ">=X.Y.Z"
const need = wanted.replace(/^>=\s*/, '').split('.').map(Number);
const have = process.versions.node.split('.').map(Number);
const first = need.findIndex((n, i) => have[i] !== n); // the first part that differs, if any
if (first >= 0 && have[first] < need[first]) {
  process.stderr.write(`iam-conformance needs Node ${wanted.replace(/^>=\s*/, '>= ')} (found ${process.versions.node})\n`);
  process.exit(2);
}
// Node's compile cache keeps what it compiled (and, for the TypeScript, what it stripped) on disk: a
// cold process imports the tool, the AWS SDK and vitest from it instead of compiling them again (about
// a third of a one-case run). The workers vitest starts inherit it through NODE_COMPILE_CACHE.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off; a cache that cannot be written is silently skipped.
const compileCache = nodeModule.enableCompileCache?.();
if (compileCache?.directory && !process.env.NODE_COMPILE_CACHE && !process.env.NODE_DISABLE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = compileCache.directory;
const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);
const installed = fileURLToPath(import.meta.url).includes(`${sep}node_modules${sep}`);
if (!installed && existsSync(source)) await import(source.href);
else if (existsSync(built)) await import(built.href);
else {
  process.stderr.write('iam-conformance: the built code (dist/) is missing: run `npm run build` in the package folder\n');
  process.exit(3);
}
