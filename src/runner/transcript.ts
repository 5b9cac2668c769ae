import { createHash } from 'node:crypto';
import type { SentRequest } from '../clients/types.ts';
import type { TranscriptRequest } from './result.ts';

/**
 * A request's wire form as transcript.jsonl keeps it: parameters sorted, Action apart, and every
 * sensitive value (a password) replaced by its length and the first 12 hex digits of its SHA-256, so
 * two transcripts show whether the same bytes were sent without showing them.
 */
export function transcriptForm(sent: SentRequest, sensitiveMembers: ReadonlySet<string>): TranscriptRequest {
  const params: TranscriptRequest['params'] = {};
  for (const name of Object.keys(sent.params).filter((n) => n !== 'Action').sort()) {
    const value = sent.params[name]!;
    params[name] = sensitiveMembers.has(name) ? { length: [...value].length, sha256: createHash('sha256').update(value).digest('hex').slice(0, 12) } : value;
  }
  return { method: sent.method, path: sent.path, ...(sent.params.Action ? { action: sent.params.Action } : {}), ...(sent.contentType ? { contentType: sent.contentType } : {}), params };
}
