/**
 * npm run docs:settings — rewrites the README's tables of targets and settings (between the
 * `settings:begin` and `settings:end` markers) from the option declarations, as `run --help` shows them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { settingsMarkdown } from '../src/run/help.ts';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const text = readFileSync(README, 'utf8');
const begin = '<!-- settings:begin (npm run docs:settings) -->\n';
const end = '<!-- settings:end -->';
const from = text.indexOf(begin);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error('README.md has no settings markers');
writeFileSync(README, text.slice(0, from + begin.length) + settingsMarkdown() + text.slice(to));
process.stdout.write('README.md: settings tables rewritten\n');
