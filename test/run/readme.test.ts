import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { settingsMarkdown } from '../../src/run/help.ts';
import { ROOT } from '../helpers/cli.ts';

test("the README's tables of targets and settings are the declarations' (npm run docs:settings)", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- settings:begin \(npm run docs:settings\) -->\n([\s\S]*?)<!-- settings:end -->/.exec(readme)?.[1];
  expect(block, 'README.md needs the settings markers').toBeDefined();
  expect(block).toBe(settingsMarkdown());
});
