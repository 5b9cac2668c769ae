import { describe, expect, test } from 'vitest';
import { followMade, madeBy, type Made } from '../../src/runner/teardown.ts';

describe("a case's tear-down list", () => {
  test('what a succeeding step made is read from its input or its output', () => {
    expect(madeBy({ kind: 'role', id: 'RoleName' }, { RoleName: 'ic-abc123-r' }, {})).toEqual({ kind: 'role', id: 'ic-abc123-r' });
    expect(madeBy({ kind: 'managed policy', id: 'output.Policy.Arn' }, {}, { Policy: { Arn: 'arn:aws:iam::1:policy/p' } })).toEqual({ kind: 'managed policy', id: 'arn:aws:iam::1:policy/p' });
    expect(madeBy({ kind: 'managed policy', id: 'output.Policy.Arn' }, {}, {})).toBeUndefined();
  });

  test('a later step that deletes it takes it off; one that renames it changes its id; others leave it', () => {
    const made: Made[] = [
      { kind: 'role', id: 'ic-abc123-r' },
      { kind: 'server certificate', id: 'ic-abc123-c' },
      { kind: 'user', id: 'ic-abc123-u' },
    ];
    expect(followMade(made, 'GetRole', { RoleName: 'ic-abc123-r' })).toEqual({ gone: [], renamed: [] });
    expect(followMade(made, 'DeleteRole', { RoleName: 'IC-ABC123-R' })).toEqual({ gone: [{ kind: 'role', id: 'ic-abc123-r' }], renamed: [] });
    const moved = followMade(made, 'UpdateServerCertificate', { ServerCertificateName: 'ic-abc123-c', NewServerCertificateName: 'ic-abc123-c2' });
    expect(moved).toEqual({ gone: [{ kind: 'server certificate', id: 'ic-abc123-c' }], renamed: [{ kind: 'server certificate', id: 'ic-abc123-c2' }] });
    // A delete of another user leaves this one.
    followMade(made, 'DeleteUser', { UserName: 'ic-abc123-other' });
    expect(made).toEqual([{ kind: 'server certificate', id: 'ic-abc123-c2' }, { kind: 'user', id: 'ic-abc123-u' }]);
  });
});
