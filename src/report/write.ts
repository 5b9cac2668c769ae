import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlReport } from './html.ts';
import { junitReport } from './junit.ts';
import { markdownReport } from './markdown.ts';
import type { Report } from './types.ts';
import { REPORT_FILES } from './files.ts';

/** Writes a file whole or not at all: a reader never sees half a report. */
export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/**
 * Every format of a report, beside each other: report.json and its views (report.md, junit.xml,
 * report.html). Run, merge-reports and plain vitest all write through here, so the views never drift.
 */
export function writeReports(dir: string, report: Report): string[] {
  mkdirSync(dir, { recursive: true });
  const views: Record<(typeof REPORT_FILES)[number], () => string> = {
    'report.json': () => JSON.stringify(report, null, 2) + '\n',
    'report.md': () => markdownReport(report),
    'junit.xml': () => junitReport(report),
    'report.html': () => htmlReport(report),
  };
  return REPORT_FILES.map((name) => {
    const file = join(dir, name);
    writeAtomic(file, views[name]());
    return file;
  });
}
