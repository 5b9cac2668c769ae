import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, type TestContext } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Report } from '../../../src/report/types.ts';
import { runCli } from '../../helpers/cli.ts';

/**
 * report.html and matrix.html in a real browser: Debian's chromium, headless, driven by playwright-core
 * (ci/install-browser.sh installs it; CI runs it). Without chromium the tests do not pass silently:
 * locally they are skipped with the reason; under CI=true they fail, since CI must have installed it.
 * IAM_CONFORMANCE_SCREENSHOT_DIR=docs/images writes the screenshots the README shows.
 */
const CHROMIUM = process.env.IAM_CONFORMANCE_CHROMIUM ?? '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const MISSING = `chromium not found at ${CHROMIUM}: bash ci/install-browser.sh installs it (or set IAM_CONFORMANCE_CHROMIUM)`;
const SHOTS = process.env.IAM_CONFORMANCE_SCREENSHOT_DIR;

function needBrowser(ctx: TestContext): void {
  if (HAVE) return;
  if (process.env.CI) throw new Error(MISSING);
  ctx.skip(MISSING);
}

describe('report.html and matrix.html in headless chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-browser-'));
  const deviant = join(dir, 'deviant');
  const green = join(dir, 'green');
  let report: Report;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // A deviating target (the mock with one fault) and a conformant one, over the same cases.
    const [a, b] = await Promise.all([
      runCli(['run', '--target', 'mock', '--mutant', 'password-accepts-controls', '--operation', 'ChangePassword', '--operation', 'CreateLoginProfile', '--report-dir', deviant, '--quiet']),
      runCli(['run', '--target', 'mock', '--operation', 'ChangePassword', '--operation', 'CreateLoginProfile', '--report-dir', green, '--quiet']),
    ]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([1, 0]);
    report = JSON.parse(readFileSync(join(deviant, 'report.json'), 'utf8'));
    const m = await runCli(['matrix', join(deviant, 'report.json'), join(green, 'report.json'), '--out', join(dir, 'matrix.html')]);
    expect(m.code, m.stderr).toBe(0);
    if (HAVE) {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A page that records every console error and uncaught exception, and no network request but file://. */
  async function open(url: string, options: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const page = await browser!.newPage({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.dark ? 'dark' : 'light' });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    return { page, errors, requests };
  }
  const fileUrl = (file: string, hash = '') => pathToFileURL(file).href + hash;

  test('report.html: case rows, the causes, the filters; nothing fetched, no console error', async (ctx) => {
    needBrowser(ctx);
    const { page, errors, requests } = await open(fileUrl(join(deviant, 'report.html')));
    const s = report.summary;
    expect(await page.locator('details.case[data-case-id]').count()).toBe(s.total);
    // Opens on the failures.
    expect(await page.locator('details.case:not(.hidden)').count()).toBe(s.failed);
    expect(await page.locator('#cause-table tr.cause').count()).toBe(report.causes!.length);
    await page.selectOption('#f-outcome', 'pass');
    expect(await page.locator('details.case:not(.hidden)').count()).toBe(s.passed);
    // A chip of no case selects its outcome too (an option of its own), and shows none.
    expect(s.errored).toBe(0);
    await page.click('#outcome-chips button[data-outcome="error"]');
    expect(await page.inputValue('#f-outcome')).toBe('error');
    expect(await page.locator('details.case:not(.hidden)').count()).toBe(0);
    await page.selectOption('#f-outcome', '');
    await page.selectOption('#f-operation', 'CreateLoginProfile');
    expect(await page.locator('details.case:not(.hidden)').count()).toBe(report.cases.filter((c) => c.operation === 'CreateLoginProfile').length);
    await page.selectOption('#f-tag', 'scenario');
    expect(await page.locator('details.case:not(.hidden)').count()).toBe(report.cases.filter((c) => c.operation === 'CreateLoginProfile' && c.tags.includes('scenario')).length);
    await page.click('#f-clear');
    await page.selectOption('#f-source', 'user-report');
    const bySource = report.cases.filter((c) => c.source === 'user-report' || c.differences.some((d) => d.source === 'user-report')).length;
    expect(await page.locator('details.case:not(.hidden)').count()).toBe(bySource);
    await page.click('#f-clear');
    await page.fill('#f-text', 'codepoint-U+0007');
    expect(await page.locator('details.case:not(.hidden)').count()).toBe(report.cases.filter((c) => c.id.toLowerCase().includes('codepoint-u+0007')).length);
    await page.click('#f-clear');
    // A cause expands to its cases.
    const cause = report.causes![0]!;
    await page.click(`tr.cause[data-cause-id="${cause.id}"]`);
    expect(await page.locator('tr.cause-cases:not(.hidden) .idlist a').count()).toBe(cause.count);
    // A case opens with its steps, differences, evidence and reproducer; passwords shown redacted.
    const failing = page.locator(`details.case[data-case-id="${cause.example.caseId}"]`);
    await failing.locator('summary').click();
    await expect.poll(() => failing.locator('.reproducer').textContent()).toBe(`iam-conformance run --target mock --mutant password-accepts-controls --id '${cause.example.caseId}'`);
    const body = (await failing.textContent())!;
    expect(body).toContain('Differences from AWS');
    expect(body).toMatch(/•••• \(\d+ characters, redacted\)/);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'report-html.png') });
    }
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('report.html#<case id> opens that case, even one the default filter hides; readable on a phone in dark mode', async (ctx) => {
    needBrowser(ctx);
    const passing = report.cases.find((c) => c.outcome === 'pass')!.id;
    const { page, errors } = await open(fileUrl(join(deviant, 'report.html'), `#${encodeURIComponent(passing)}`), { width: 390, dark: true });
    const el = page.locator(`[data-case-id="${passing}"]`);
    expect(await el.isVisible()).toBe(true);
    expect(await el.getAttribute('open')).not.toBeNull();
    expect(await el.locator('.reproducer').textContent()).toContain(`--id '${passing}'`);
    expect(await el.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; })).toBe(true);
    // Nothing wider than the phone's screen but the tables' own scrolling boxes.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(13, 17, 23)');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a malformed link (#%E0%A4%A) opens the page as it is, without an error', async (ctx) => {
    needBrowser(ctx);
    const { page, errors } = await open(fileUrl(join(deviant, 'report.html'), '#%E0%A4%A'));
    expect(await page.locator('details.case:not(.hidden)').count()).toBe(report.summary.failed);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('matrix.html: both columns, rows grouped by cause, the switch "only rows where the columns differ"', async (ctx) => {
    needBrowser(ctx);
    const { page, errors, requests } = await open(fileUrl(join(dir, 'matrix.html')));
    expect(await page.locator('table#matrix thead th').count()).toBe(3);
    expect(await page.locator('tr.row:not(.hidden)').count()).toBe(report.summary.total);
    expect(await page.locator('tbody.group').count()).toBeGreaterThan(1);
    await page.check('#only-differing');
    expect(await page.locator('tr.row:not(.hidden)').count()).toBe(report.summary.failed);
    expect(await page.locator('tr.row:not(.hidden) td.o-fail').count()).toBe(report.summary.failed);
    // A cell links to the case in its column's report.html.
    const href = await page.locator('tr.row:not(.hidden) td.o-fail a').first().getAttribute('href');
    expect(href).toMatch(/^deviant\/report\.html#/);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'matrix-html.png') });
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
