import { describe, expect, test } from 'vitest';
import { transcriptForm } from '../../src/runner/transcript.ts';
import { compareWire } from '../../src/compare/wire.ts';
import { sentRequest } from '../../src/clients/types.ts';
import type { TranscriptLine } from '../../src/report/transcript.ts';

const SENSITIVE = new Set(['OldPassword', 'NewPassword', 'Password']);
const line = (body: string, contentType = 'application/x-www-form-urlencoded', c = 'ChangePassword/success'): TranscriptLine => ({
  case: c, step: 1, call: 'ChangePassword', ...transcriptForm(sentRequest('POST', '/', contentType, body), SENSITIVE),
});

describe('--transcript and compare --wire', () => {
  test('parameters sorted, Action apart, passwords as length and short hash, never the value', () => {
    const form = transcriptForm(sentRequest('POST', '/', 'application/x-www-form-urlencoded', 'Version=2010-05-08&NewPassword=s3cret%21Pa55word&Action=ChangePassword&OldPassword=x'), SENSITIVE);
    expect(form.action).toBe('ChangePassword');
    expect(Object.keys(form.params)).toEqual(['NewPassword', 'OldPassword', 'Version']);
    expect(form.params.NewPassword).toEqual({ length: 15, sha256: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(JSON.stringify(form)).not.toContain('s3cret');
  });

  test('run-made user names and per-run passwords aside, a serializer change is a difference', () => {
    const a = [line('Action=GetLoginProfile&Version=2010-05-08&UserName=ic-abc123-u4', undefined, 'GetLoginProfile/absent'), line('Action=ChangePassword&Version=2010-05-08&OldPassword=aaaa&NewPassword=bbbb')];
    const sameElsewhere = [line('Action=GetLoginProfile&Version=2010-05-08&UserName=ic-zzz999-u17', undefined, 'GetLoginProfile/absent'), line('Action=ChangePassword&Version=2010-05-08&OldPassword=cccc&NewPassword=dddd')];
    expect(compareWire(a, sameElsewhere).differing).toEqual([]);
    const charset = [a[0]!, line('Action=ChangePassword&Version=2010-05-08&OldPassword=aaaa&NewPassword=bbbb', 'application/x-www-form-urlencoded; charset=utf-8')];
    expect(compareWire(a, charset).differing).toEqual([
      { case: 'ChangePassword/success', step: 1, call: 'ChangePassword', fields: [{ field: 'contentType', a: 'application/x-www-form-urlencoded', b: 'application/x-www-form-urlencoded; charset=utf-8' }] },
    ]);
    const trimmed = [a[0]!, line('Action=ChangePassword&Version=2010-05-08&OldPassword=aaaa&NewPassword=bbb')];
    expect(compareWire(a, trimmed).differing[0]!.fields.map((f) => f.field)).toEqual(['param NewPassword']);
    expect(compareWire(a, [a[0]!]).differing[0]!.fields).toEqual([{ field: 'request', a: 'sent', b: '(not sent)' }]);
  });
});
