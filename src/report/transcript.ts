import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareStrings } from './order.ts';
import { writeAtomic } from './write.ts';
import type { CaseResult, TranscriptRequest } from '../runner/result.ts';

/** One line of transcript.jsonl: a step's request as it went on the wire. */
export interface TranscriptLine extends TranscriptRequest {
  case: string;
  /** 1-based, as reports number steps. */
  step: number;
  call: string;
}

export const TRANSCRIPT_FILE = 'transcript.jsonl';

/** The lines of a run's transcript, in case-id order (the same bytes whatever order the cases ran in). */
export function transcriptLines(results: CaseResult[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const r of [...results].sort((a, b) => compareStrings(a.id, b.id))) {
    r.steps.forEach((s, i) => {
      if (s.sent) lines.push({ case: r.id, step: i + 1, call: s.call, ...s.sent });
    });
  }
  return lines;
}

export function writeTranscript(dir: string, results: CaseResult[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, TRANSCRIPT_FILE);
  writeAtomic(file, transcriptLines(results).map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

/** The results without the transcript's request forms (report.json does not carry them). */
export function withoutSent(results: CaseResult[]): CaseResult[] {
  return results.map((r) => (r.steps.some((s) => s.sent) ? { ...r, steps: r.steps.map(({ sent: _sent, ...s }) => s) } : r));
}

export class TranscriptReadError extends Error {}

/** Reads transcript.jsonl (or the folder holding it); a bad line is named by file and line number. */
export function readTranscript(path: string): TranscriptLine[] {
  const file = path.endsWith('.jsonl') ? path : join(path, TRANSCRIPT_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TranscriptReadError(`${file}: cannot be read: ${(e as Error).message}`);
  }
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    try {
      const l = JSON.parse(line) as TranscriptLine;
      if (typeof l.case !== 'string' || typeof l.step !== 'number' || typeof l.params !== 'object') throw new Error('not a transcript line');
      return [l];
    } catch (e) {
      throw new TranscriptReadError(`${file}:${i + 1}: ${(e as Error).message}`);
    }
  });
}
