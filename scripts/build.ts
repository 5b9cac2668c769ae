/**
 * `npm run build` (and `npm pack`'s prepack): the package's JavaScript. tsc turns src/*.ts into dist/*.js
 * with declarations; every other file of src/ that the code reads beside itself (JSON schemas, the HTML
 * pages' scripts and styles, the Python workers) is copied to the same place under dist/. Nothing here is
 * committed; in a clone the CLI and the tests run the TypeScript directly.
 */
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');

rmSync(DIST, { recursive: true, force: true });
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });

let copied = 0;
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!name.endsWith('.ts') && !name.endsWith('.pyc')) {
      cpSync(path, join(DIST, relative(SRC, path)));
      copied++;
    }
  }
};
walk(SRC);
process.stderr.write(`built dist/ (${copied} data files copied beside the JavaScript)\n`);
