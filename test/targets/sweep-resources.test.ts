import { describe, expect, test } from 'vitest';
import type { IAMClient } from '@aws-sdk/client-iam';
import { sweepResources } from '../../src/targets/aws/sweep-resources.ts';

/**
 * The sweep of what a constraint case may have made on a target that wrongly accepted it, against an
 * account held in memory: only what carries the run's mark goes, freed first of what IAM requires.
 */
const RUN = 'ab12cd';
const OUR_POLICY = `arn:aws:iam::123456789012:policy/ic-${RUN}/ic-${RUN}-p1`;
const THEIR_POLICY = 'arn:aws:iam::123456789012:policy/team/deploy';

function fakeAccount() {
  const state = {
    roles: new Map([
      [`ic-${RUN}-r1`, { attached: new Set([OUR_POLICY, THEIR_POLICY]), inline: new Set(['inline']), profiles: new Set([`ic-${RUN}-ip`]) }],
      ['deploy', { attached: new Set([THEIR_POLICY]), inline: new Set<string>(), profiles: new Set<string>() }],
    ]),
    profiles: new Map([[`ic-${RUN}-ip`, new Set([`ic-${RUN}-r1`])]]),
    policies: new Map([[OUR_POLICY, ['v1', 'v2']], [THEIR_POLICY, ['v1']]]),
    oidc: [`arn:aws:iam::123456789012:oidc-provider/example.com/ic-${RUN}-a`, 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com'],
  };
  const calls: string[] = [];
  const noSuch = () => Object.assign(new Error('not found'), { name: 'NoSuchEntityException' });
  const handlers: Record<string, (i: any) => unknown> = {
    ListInstanceProfilesCommand: () => ({ InstanceProfiles: [...state.profiles.keys()].map((InstanceProfileName) => ({ InstanceProfileName })) }),
    GetInstanceProfileCommand: (i) => ({ InstanceProfile: { Roles: [...(state.profiles.get(i.InstanceProfileName) ?? [])].map((RoleName) => ({ RoleName })) } }),
    RemoveRoleFromInstanceProfileCommand: (i) => {
      state.profiles.get(i.InstanceProfileName)?.delete(i.RoleName);
      state.roles.get(i.RoleName)?.profiles.delete(i.InstanceProfileName);
    },
    DeleteInstanceProfileCommand: (i) => {
      if (state.profiles.get(i.InstanceProfileName)?.size) throw Object.assign(new Error('has roles'), { name: 'DeleteConflictException' });
      state.profiles.delete(i.InstanceProfileName);
    },
    ListRolesCommand: () => ({ Roles: [...state.roles.keys()].map((RoleName) => ({ RoleName })) }),
    ListInstanceProfilesForRoleCommand: (i) => ({ InstanceProfiles: [...state.roles.get(i.RoleName)!.profiles].map((InstanceProfileName) => ({ InstanceProfileName })) }),
    ListAttachedRolePoliciesCommand: (i) => ({ AttachedPolicies: [...state.roles.get(i.RoleName)!.attached].map((PolicyArn) => ({ PolicyArn })) }),
    DetachRolePolicyCommand: (i) => void state.roles.get(i.RoleName)!.attached.delete(i.PolicyArn),
    ListRolePoliciesCommand: (i) => ({ PolicyNames: [...state.roles.get(i.RoleName)!.inline] }),
    DeleteRolePolicyCommand: (i) => void state.roles.get(i.RoleName)!.inline.delete(i.PolicyName),
    DeleteRolePermissionsBoundaryCommand: () => { throw noSuch(); },
    DeleteRoleCommand: (i) => {
      const r = state.roles.get(i.RoleName)!;
      if (r.attached.size || r.inline.size || r.profiles.size) throw Object.assign(new Error('in use'), { name: 'DeleteConflictException' });
      state.roles.delete(i.RoleName);
    },
    ListGroupsCommand: () => ({ Groups: [] }),
    ListPoliciesCommand: (i) => ({ Policies: i.Scope === 'Local' ? [...state.policies.keys()].map((Arn) => ({ Arn })) : [] }),
    ListEntitiesForPolicyCommand: (i) => ({ PolicyRoles: [...state.roles].filter(([, r]) => r.attached.has(i.PolicyArn)).map(([RoleName]) => ({ RoleName })) }),
    ListPolicyVersionsCommand: (i) => ({ Versions: state.policies.get(i.PolicyArn)!.map((VersionId, n) => ({ VersionId, IsDefaultVersion: n === 0 })) }),
    DeletePolicyVersionCommand: (i) => void state.policies.set(i.PolicyArn, state.policies.get(i.PolicyArn)!.filter((v) => v !== i.VersionId)),
    DeletePolicyCommand: (i) => {
      if ([...state.roles.values()].some((r) => r.attached.has(i.PolicyArn)) || state.policies.get(i.PolicyArn)!.length > 1) {
        throw Object.assign(new Error('in use'), { name: 'DeleteConflictException' });
      }
      state.policies.delete(i.PolicyArn);
    },
    ListOpenIDConnectProvidersCommand: () => ({ OpenIDConnectProviderList: state.oidc.map((Arn) => ({ Arn })) }),
    DeleteOpenIDConnectProviderCommand: (i) => void (state.oidc = state.oidc.filter((a) => a !== i.OpenIDConnectProviderArn)),
    ListSAMLProvidersCommand: () => ({ SAMLProviderList: [] }),
    ListServerCertificatesCommand: () => ({ ServerCertificateMetadataList: [] }),
    ListVirtualMFADevicesCommand: () => ({ VirtualMFADevices: [] }),
  };
  const iam = {
    async send(command: { constructor: { name: string }; input: unknown }) {
      const name = command.constructor.name;
      calls.push(name);
      const h = handlers[name];
      if (!h) throw new Error(`the fake account has no ${name}`);
      return h(command.input);
    },
  } as unknown as IAMClient;
  return { iam, state, calls };
}

describe('the sweep of resources the run made', () => {
  test('removes what carries the run mark, detached first, and leaves the rest as it was', async () => {
    const { iam, state } = fakeAccount();
    const result = await sweepResources(iam, RUN, false);
    expect(result.leftovers).toEqual([]);
    expect(result.removed).toEqual([
      `instance profile ic-${RUN}-ip`,
      `role ic-${RUN}-r1`,
      `managed policy ${OUR_POLICY}`,
      `OIDC provider arn:aws:iam::123456789012:oidc-provider/example.com/ic-${RUN}-a`,
    ]);
    expect([...state.roles.keys()]).toEqual(['deploy']);
    expect(state.roles.get('deploy')!.attached).toEqual(new Set([THEIR_POLICY]));
    expect([...state.policies.keys()]).toEqual([THEIR_POLICY]);
    expect(state.oidc).toEqual(['arn:aws:iam::123456789012:oidc-provider/accounts.google.com']);
  });

  test('a dry run lists the same and deletes nothing', async () => {
    const { iam, state, calls } = fakeAccount();
    const result = await sweepResources(iam, RUN, true);
    expect(result.removed).toHaveLength(4);
    expect(calls.filter((c) => /^(Delete|Detach|Remove)/.test(c))).toEqual([]);
    expect(state.roles.size).toBe(2);
  });

  test("another run's mark is not this run's", async () => {
    const { iam, state } = fakeAccount();
    expect((await sweepResources(iam, 'zz99zz', false)).removed).toEqual([]);
    expect(state.roles.size).toBe(2);
  });

  test('a kind the identity may not list is said, one that cannot be listed is a leftover, and the other kinds are still swept', async () => {
    const { iam, state } = fakeAccount();
    const broken = { ...iam, send: async (c: { constructor: { name: string } }) => (c.constructor.name === 'ListRolesCommand' ? Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDenied' })) : iam.send(c as never)) } as unknown as IAMClient;
    const result = await sweepResources(broken, RUN, false);
    expect(result.leftovers).toEqual([]);
    expect(result.unchecked).toEqual(['roles']);
    expect(state.oidc).toHaveLength(1);
    const throttled = { send: async (c: { constructor: { name: string } }) => (c.constructor.name === 'ListGroupsCommand' ? Promise.reject(Object.assign(new Error('slow down'), { name: 'Throttling' })) : iam.send(c as never)) } as unknown as IAMClient;
    expect((await sweepResources(throttled, RUN, false)).leftovers).toEqual(['groups could not be listed: Throttling: slow down']);
  });
});
