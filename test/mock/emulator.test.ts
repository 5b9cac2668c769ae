import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { createEmulator } from '../../src/mock/emulator.ts';
import { interceptInProcess } from '../../src/mock/msw.ts';
import { queryClient } from '../../src/clients/query.ts';
import type { Credentials } from '../../src/iam/credentials.ts';
import type { Response } from '../../src/clients/types.ts';

/**
 * The reference emulator at the wire: what AWS's order of checks, its messages and its XML look like.
 * (The conformance suite itself exercises it end to end; these pin the pieces a regression would break.)
 */
const ENDPOINT = 'http://iam.emulator-test.invalid';
const emulator = createEmulator();
const interception = interceptInProcess(emulator, ENDPOINT);
const client = queryClient({ endpoint: ENDPOINT, region: 'us-east-1' });
afterAll(() => interception.close());
beforeEach(() => emulator.reset());

async function call(operation: string, input: Record<string, unknown>, credentials: Credentials = emulator.admin): Promise<Response> {
  const r = await client.call({ operation, input, credentials });
  if (r.kind !== 'response') throw new Error(r.kind === 'no-response' ? r.cause : r.message);
  return r;
}

async function userWithKey(name: string, opts: { profile?: string; selfService?: boolean } = {}): Promise<Credentials> {
  await call('CreateUser', { UserName: name });
  const key = (await call('CreateAccessKey', { UserName: name })).output!.AccessKey as { AccessKeyId: string; SecretAccessKey: string };
  if (opts.selfService !== false) {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: 'arn:aws:iam::*:user/${aws:username}' }] };
    await call('PutUserPolicy', { UserName: name, PolicyName: 'self', PolicyDocument: JSON.stringify(doc) });
  }
  if (opts.profile) await call('CreateLoginProfile', { UserName: name, Password: opts.profile });
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
}

describe('the order of checks', () => {
  test('validation comes before the entity: a 129-character password from a user without a login profile', async () => {
    const key = await userWithKey('noprofile');
    const r = await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'A'.repeat(129) }, key);
    expect([r.status, r.code]).toEqual([400, 'ValidationError']);
    expect(r.message).toBe("1 validation error detected: Value at 'newPassword' failed to satisfy constraint: Member must have length less than or equal to 128");
  });

  test('several violations are listed together and the value is never echoed', async () => {
    const r = await call('UpdateAccountPasswordPolicy', { MinimumPasswordLength: 129, PasswordReusePrevention: 25, MaxPasswordAge: 1096 });
    expect(r.message).toMatch(/^3 validation errors detected: /);
    expect(r.message).not.toContain('129');
  });

  test('an empty password breaks both the length and the pattern', async () => {
    const r = await call('CreateLoginProfile', { UserName: 'x', Password: '' });
    expect(r.message).toMatch(/^2 validation errors detected: .*length greater than or equal to 1; .*regular expression pattern: \[\\u0009\\u000A\\u000D\\u0020-\\u00FF\]\+$/);
  });

  test('length counts characters: 128 Latin-1 letters are fine, an astral character fails the pattern', async () => {
    const key = await userWithKey('latin', { profile: 'Abcdefgh1!' });
    expect((await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'Aa1!' + 'é'.repeat(124) }, key)).status).toBe(200);
    expect((await call('ChangePassword', { OldPassword: 'x', NewPassword: 'Aa1!😀aaaa' }, key)).code).toBe('ValidationError');
  });
});

describe('authentication', () => {
  test('an unknown key is InvalidClientTokenId, a wrong secret SignatureDoesNotMatch, both 403', async () => {
    const unknown = await call('GetUser', {}, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' });
    expect([unknown.status, unknown.code]).toEqual([403, 'InvalidClientTokenId']);
    const wrong = await call('GetUser', {}, { accessKeyId: emulator.admin.accessKeyId, secretAccessKey: 'wrong' });
    expect([wrong.status, wrong.code]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  test('a body changed after signing does not verify, even with the signed body hash header', async () => {
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { HttpRequest } = await import('@smithy/protocol-http');
    const { NodeSha256 } = await import('../../src/clients/node-sha256.ts');
    const signer = new SignatureV4({ service: 'iam', region: 'us-east-1', credentials: emulator.admin, sha256: NodeSha256 });
    const body = 'Action=GetUser&Version=2010-05-08';
    const hash = (await import('node:crypto')).createHash('sha256').update(body).digest('hex');
    const host = new URL(ENDPOINT).host;
    const signed = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'http:', hostname: host, path: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'x-amz-content-sha256': hash }, body }));
    const send = (b: string) => emulator.handle(new Request(ENDPOINT, { method: 'POST', headers: signed.headers as Record<string, string>, body: b }));
    expect((await send(body)).status).toBe(200);
    const tampered = await send(body + '&UserName=x');
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  test('an unsigned request is refused', async () => {
    const res = await fetch(ENDPOINT, { method: 'POST', body: 'Action=GetUser&Version=2010-05-08' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});

describe('login profiles and passwords', () => {
  test('the recorded messages', async () => {
    await call('CreateUser', { UserName: 'carol' });
    expect((await call('GetLoginProfile', { UserName: 'carol' })).message).toBe('Login Profile for User carol cannot be found.');
    expect((await call('CreateLoginProfile', { UserName: 'nobody', Password: 'Abcdefgh1!' })).message).toBe('The user with name nobody cannot be found.');
    await call('CreateLoginProfile', { UserName: 'carol', Password: 'Abcdefgh1!' });
    const twice = await call('CreateLoginProfile', { UserName: 'carol', Password: 'Abcdefgh1!' });
    expect([twice.status, twice.code, twice.message]).toEqual([409, 'EntityAlreadyExists', 'Login Profile for user carol already exists.']);
  });

  test('root gets InvalidUserType from ChangePassword; a user acting on another gets AccessDenied', async () => {
    expect((await call('ChangePassword', { OldPassword: 'a', NewPassword: 'b' }, emulator.root)).code).toBe('InvalidUserType');
    const key = await userWithKey('dave', { profile: 'Abcdefgh1!' });
    await userWithKey('erin', { profile: 'Abcdefgh1!' });
    const r = await call('UpdateLoginProfile', { UserName: 'erin', Password: 'Zyxwvut9!' }, key);
    expect([r.status, r.code]).toEqual([403, 'AccessDenied']);
    expect(r.message).toBe('User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:UpdateLoginProfile on resource: arn:aws:iam::123456789012:user/erin because no identity-based policy allows the iam:UpdateLoginProfile action');
  });

  test('default rules without a policy; each custom rule; reuse of the last N', async () => {
    const key = await userWithKey('fay', { profile: 'Abcdefgh1!' });
    expect((await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'Ab1!' }, key)).message).toBe('Password should have a minimum length of 8');
    expect((await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'abcdefgh12' }, key)).message).toBe(
      'Password should meet 1 more of the following requirements: Password should have at least one uppercase letter, Password should have at least one symbol',
    );
    await call('UpdateAccountPasswordPolicy', { PasswordReusePrevention: 2, RequireSymbols: true });
    expect((await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'abcdefgh12' }, key)).message).toBe('Password should have at least one symbol');
    expect((await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'Second-pass1' }, key)).status).toBe(200);
    expect((await call('ChangePassword', { OldPassword: 'Second-pass1', NewPassword: 'Abcdefgh1!' }, key)).code).toBe('PasswordPolicyViolation');
  });

  test('a wrong current password is refused (inferred AccessDenied) and changes nothing', async () => {
    const key = await userWithKey('gus', { profile: 'Abcdefgh1!' });
    expect((await call('ChangePassword', { OldPassword: 'Wrong-pass1', NewPassword: 'Other-pass1' }, key)).status).toBe(403);
    expect((await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'Other-pass1' }, key)).status).toBe(200);
  });
});

describe('the account password policy', () => {
  test('defaults, absent members and no partial updates', async () => {
    expect((await call('GetAccountPasswordPolicy', {})).message).toBe('The Password Policy with domain name 123456789012 cannot be found.');
    expect((await call('DeleteAccountPasswordPolicy', {})).message).toBe('The account policy with name PasswordPolicy cannot be found.');
    await call('UpdateAccountPasswordPolicy', { MaxPasswordAge: 30, HardExpiry: true });
    expect((await call('GetAccountPasswordPolicy', {})).output).toMatchObject({ PasswordPolicy: { ExpirePasswords: true, MaxPasswordAge: 30, HardExpiry: true } });
    await call('UpdateAccountPasswordPolicy', {});
    const policy = (await call('GetAccountPasswordPolicy', {})).output!.PasswordPolicy as Record<string, unknown>;
    expect(policy).toEqual({
      MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false, AllowUsersToChangePassword: false, ExpirePasswords: false,
    });
  });
});

describe('the wire form', () => {
  test('errors are awsQuery XML in the IAM namespace, Sender for 4xx', async () => {
    const res = await emulator.handle(new Request(ENDPOINT, { method: 'POST', body: 'Action=NoSuchThing&Version=2010-05-08' }));
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toMatch(/^<ErrorResponse xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation NoSuchThing for version 2010-05-08<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  test('user names are unique regardless of case', async () => {
    await call('CreateUser', { UserName: 'Hal' });
    expect((await call('CreateUser', { UserName: 'hal' })).code).toBe('EntityAlreadyExists');
  });
});

describe('the AWS managed policy IAMUserChangePassword', () => {
  const ARN = 'arn:aws:iam::aws:policy/IAMUserChangePassword';

  test('attached, it lets a user change its own password; listed while attached; detached, it no longer does', async () => {
    const key = await userWithKey('managed', { profile: 'Abcdefgh1!', selfService: false });
    expect((await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'Bbcdefgh2@' }, key)).code).toBe('AccessDenied');
    expect((await call('AttachUserPolicy', { UserName: 'managed', PolicyArn: ARN })).status).toBe(200);
    const listed = await call('ListAttachedUserPolicies', { UserName: 'managed' });
    expect(listed.output!.AttachedPolicies).toEqual({ member: { PolicyName: 'IAMUserChangePassword', PolicyArn: ARN } });
    expect((await call('ChangePassword', { OldPassword: 'Abcdefgh1!', NewPassword: 'Bbcdefgh2@' }, key)).status).toBe(200);
    expect((await call('DetachUserPolicy', { UserName: 'managed', PolicyArn: ARN })).status).toBe(200);
    expect((await call('ChangePassword', { OldPassword: 'Bbcdefgh2@', NewPassword: 'Cbcdefgh3#' }, key)).code).toBe('AccessDenied');
  });

  test('DeleteUser answers DeleteConflict while a managed policy is attached; an unknown policy cannot be attached', async () => {
    await call('CreateUser', { UserName: 'attached' });
    await call('AttachUserPolicy', { UserName: 'attached', PolicyArn: ARN });
    const conflict = await call('DeleteUser', { UserName: 'attached' });
    expect([conflict.status, conflict.code, conflict.message]).toEqual([409, 'DeleteConflict', 'Cannot delete entity, must detach all policies first.']);
    await call('DetachUserPolicy', { UserName: 'attached', PolicyArn: ARN });
    expect((await call('DeleteUser', { UserName: 'attached' })).status).toBe(200);
    await call('CreateUser', { UserName: 'other' });
    const unknown = await call('AttachUserPolicy', { UserName: 'other', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicyHere' });
    expect([unknown.code, unknown.message]).toEqual(['NoSuchEntity', 'Policy arn:aws:iam::aws:policy/NoSuchPolicyHere does not exist or is not attachable.']);
  });
});

describe('every operation of the model is validated, before authentication', () => {
  test("CreateRole with a 65-character RoleName: AWS's wording, the member camelCased", async () => {
    const r = await call('CreateRole', { RoleName: 'r'.repeat(65), AssumeRolePolicyDocument: '{}' });
    expect([r.status, r.code]).toEqual([400, 'ValidationError']);
    expect(r.message).toBe("1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64");
  });

  test('an enum value outside the set, and an item of a list of scalars', async () => {
    const status = await call('UpdateAccessKey', { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'active' });
    // As recorded (test_iam.snapshot.json update-invalid-status): the set is not listed.
    expect(status.message).toBe("1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set");
    // As recorded (test_iam_oidc multiple-validation-errors): once, at the list, every constraint of the element listed.
    const list = await call('CreateOpenIDConnectProvider', { Url: 'https://example.com', ThumbprintList: ['a'.repeat(40), 'a'.repeat(39)] });
    expect(list.message).toBe(
      "1 validation error detected: Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]",
    );
    const keys = await call('UntagUser', { UserName: 'u', TagKeys: ['k!'] });
    expect(keys.message).toBe(
      "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]",
    );
  });

  test("a path IAM's own check refuses, after authentication, in the recorded words", async () => {
    const bad = { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'x' };
    expect((await call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'd', Path: 'invalid-path/' }, bad)).code).toBe('InvalidClientTokenId');
    for (const Path of ['invalid-path/', '/invalid-path', '/a b/']) {
      const r = await call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'd', Path });
      expect([r.status, r.code, r.message]).toEqual([400, 'ValidationError', 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.']);
    }
    expect((await call('CreateUser', { UserName: 'u', Path: '/a/b/' })).status).toBe(200);
  });

  test('validation comes before authentication for an operation the emulator does not model', async () => {
    const bad = { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: 'x' };
    expect((await call('GetRole', { RoleName: '' }, bad)).code).toBe('ValidationError');
    expect((await call('GetRole', { RoleName: 'role' }, bad)).code).toBe('InvalidClientTokenId');
    // Valid and authenticated, naming a role that does not exist: AWS's answer, in the recorded words.
    const r = await call('GetRole', { RoleName: 'role' });
    expect([r.status, r.code, r.message]).toEqual([404, 'NoSuchEntity', 'The role with name role cannot be found.']);
  });

  test('an operation it does not model answers NoSuchEntity for what does not exist, 501 once everything named exists', async () => {
    // A role in the state model (DeleteServiceLinkedRole has no behaviour modelled: only the role's existence is read).
    emulator.state().roles.set('builder', { name: 'Builder', id: 'AROAEXAMPLEBUILDER01', path: '/', arn: 'arn:aws:iam::123456789012:role/Builder', createDate: new Date(0), assumeRolePolicy: '{}', maxSessionDuration: 3600, policies: new Map(), attached: new Set(), tags: [] });
    // Names are case-insensitive: the role exists, so only the behaviour is left, which it cannot judge.
    const r = await call('DeleteServiceLinkedRole', { RoleName: 'builder' });
    expect([r.status, r.code]).toEqual([501, 'NotImplemented']);
    // The first missing entity in AWS's order: the group, since the user exists...
    await call('CreateUser', { UserName: 'u1' });
    expect((await call('AddUserToGroup', { GroupName: 'g1', UserName: 'u1' })).message).toBe('The group with name g1 cannot be found.');
    // ...but RemoveUserFromGroup checks the user first (test_iam_groups.snapshot.json remove-from-unknown-group).
    expect((await call('RemoveUserFromGroup', { GroupName: 'g2', UserName: 'any-user' })).message).toBe('The user with name any-user cannot be found.');
    // A policy ARN: the texts differ by operation, as recorded.
    const arn = 'arn:aws:iam::123456789012:policy/nonexistent';
    expect((await call('AttachRolePolicy', { RoleName: 'Builder', PolicyArn: arn })).message).toBe(`Policy ${arn} does not exist or is not attachable.`);
    expect((await call('DeletePolicy', { PolicyArn: arn })).message).toBe(`Policy ${arn} was not found.`);
    // A principal's ARN names a user, role or group.
    const sim = await call('SimulatePrincipalPolicy', { PolicySourceArn: 'arn:aws:iam::123456789012:user/path/ghost', ActionNames: ['iam:GetUser'] });
    expect([sim.status, sim.code, sim.message]).toEqual([404, 'NoSuchEntity', 'The user with name ghost cannot be found.']);
  });

  test('the account summary counts what exists; the credential report is absent until generated', async () => {
    await call('CreateUser', { UserName: 'counted' });
    const summary = (await call('GetAccountSummary', {})).output!.SummaryMap as Record<string, number>;
    expect([summary.Users, summary.AccessKeysPerUserQuota, summary.VersionsPerPolicyQuota]).toEqual([2, 2, 5]); // with the administrator
    expect((await call('GetCredentialReport', {})).code).toBe('ReportNotPresent');
    expect((await call('GenerateCredentialReport', {})).output!.State).toBe('STARTED');
    expect((await call('GenerateCredentialReport', {})).output!.State).toBe('COMPLETE');
    const report = (await call('GetCredentialReport', {})).output!;
    expect(Buffer.from(report.Content as string, 'base64').toString()).toMatch(/^user,arn,user_creation_time,[^\n]*\n.*\ncounted,arn:aws:iam::123456789012:user\/counted,/s);
  });

  test('outbound identity federation: off in a new account, each switch refused when it changes nothing', async () => {
    expect((await call('GetOutboundWebIdentityFederationInfo', {})).code).toBe('FeatureDisabled');
    expect((await call('DisableOutboundWebIdentityFederation', {})).status).toBe(404);
    expect((await call('EnableOutboundWebIdentityFederation', {})).output!.IssuerIdentifier).toMatch(/^https:\/\//);
    expect((await call('EnableOutboundWebIdentityFederation', {})).code).toBe('FeatureEnabled');
    expect((await call('GetOutboundWebIdentityFederationInfo', {})).output!.JwtVendingEnabled).toBe(true);
  });

  test('an action that is not in the model', async () => {
    expect((await call('GetRoleFast', { RoleName: 'role' })).code).toBe('InvalidAction');
  });
});
