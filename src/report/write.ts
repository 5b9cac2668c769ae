import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownReport } from './markdown.ts';
import type { Report } from './types.ts';

/** Writes a file whole or not at all: a reader never sees half a report. */
export function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export function writeReports(dir: string, report: Report): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'report.json'), join(dir, 'report.md')];
  writeAtomic(files[0]!, JSON.stringify(report, null, 2) + '\n');
  writeAtomic(files[1]!, markdownReport(report));
  return files;
}
