import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Report } from './types.ts';

export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('./report.schema.json', import.meta.url));
let validate: ValidateFunction | undefined;

export function reportValidator(): ValidateFunction {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')));
  return validate;
}

export class ReportReadError extends Error {}

/** Reads a report.json and checks it against the shipped schema; problems name the file and place. */
export function readReport(file: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ReportReadError(`${file}: not a readable JSON report: ${(e as Error).message}`);
  }
  const v = reportValidator();
  if (!v(data)) {
    const e = v.errors![0]!;
    throw new ReportReadError(`${file}: not an iam-conformance report: at ${e.instancePath || '/'}: ${e.message}`);
  }
  return data as Report;
}
