import { describe, expect, test } from 'vitest';
import { redactor } from '../../src/runner/redact.ts';

describe('redaction', () => {
  const secret = 'Zq9!kLm#2pXv$8wR';
  const r = redactor(new Set(['NewPassword']), [secret], false);

  test('sensitive members become { redacted, length }', () => {
    expect(r.deep({ input: { NewPassword: secret, UserName: 'bob' } })).toEqual({ input: { NewPassword: { redacted: true, length: 16 }, UserName: 'bob' } });
  });

  test('a secret echoed in any text is cut out', () => {
    expect(r.deep({ message: `Value '${secret}' at 'newPassword'` })).toEqual({ message: "Value '<redacted 16 chars>' at 'newPassword'" });
  });

  test('length counts characters, not UTF-16 units', () => {
    expect(r.member('NewPassword', 'ab😀')).toEqual({ redacted: true, length: 3 });
  });

  test('--show-secrets keeps everything', () => {
    const shown = redactor(new Set(['NewPassword']), [secret], true);
    expect(shown.deep({ NewPassword: secret, m: secret })).toEqual({ NewPassword: secret, m: secret });
  });
});
