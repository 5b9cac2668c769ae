import {
  DeactivateMFADeviceCommand, DeleteGroupCommand, DeleteGroupPolicyCommand, DeleteInstanceProfileCommand, DeleteOpenIDConnectProviderCommand,
  DeletePolicyCommand, DeletePolicyVersionCommand, DeleteRoleCommand, DeleteRolePermissionsBoundaryCommand, DeleteRolePolicyCommand,
  DeleteSAMLProviderCommand, DeleteServerCertificateCommand, DeleteVirtualMFADeviceCommand, DetachGroupPolicyCommand, DetachRolePolicyCommand,
  DetachUserPolicyCommand, GetGroupCommand, GetInstanceProfileCommand, ListAttachedGroupPoliciesCommand, ListAttachedRolePoliciesCommand, ListEntitiesForPolicyCommand,
  ListGroupPoliciesCommand, ListGroupsCommand, ListInstanceProfilesCommand, ListInstanceProfilesForRoleCommand, ListOpenIDConnectProvidersCommand,
  ListPoliciesCommand, ListPolicyVersionsCommand, ListRolePoliciesCommand, ListRolesCommand, ListSAMLProvidersCommand,
  ListServerCertificatesCommand, ListVirtualMFADevicesCommand, RemoveRoleFromInstanceProfileCommand, RemoveUserFromGroupCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';

/**
 * What a constraint case may have made on a target that wrongly accepted it: a role, group, managed
 * policy, instance profile, OIDC or SAML provider, server certificate or virtual MFA device. Generated
 * cases name everything they could create after the run (`ic-<run>-…` in the name, the path, the URL
 * or the ARN: src/cases/model-values.ts), so a resource is the run's when its identifier holds
 * `ic-<run id>`: six random characters no other run shares. Each kind is listed, what is the run's is
 * freed of what hangs on it, in the order IAM requires, and deleted; nothing else is touched.
 */
export interface KindSweep {
  kind: string;
  /** The identifiers of every resource of the kind (paged through). */
  list(iam: IAMClient): Promise<string[]>;
  /** Deletes one, detaching first what IAM requires; NoSuchEntity counts as done. */
  remove(iam: IAMClient, id: string): Promise<void>;
}

type Page<T> = { items: T[]; marker?: string };

async function all<T>(fetch: (marker?: string) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    out.push(...page.items);
    marker = page.marker;
  } while (marker);
  return out;
}

const next = (p: { IsTruncated?: boolean; Marker?: string }) => (p.IsTruncated ? p.Marker : undefined);
const codeOf = (e: unknown) => (e as { Code?: string }).Code ?? (e as { name?: string }).name?.replace(/Exception$/, '');

async function gone(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (e) {
    if (codeOf(e) !== 'NoSuchEntity') throw e;
  }
}

/** In dependency order: profiles let go of roles, roles and groups of policies, before those are deleted. */
export const KIND_SWEEPS: KindSweep[] = [
  {
    kind: 'instance profile',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListInstanceProfilesCommand({ Marker }));
      return { items: (p.InstanceProfiles ?? []).map((x) => x.InstanceProfileName!), marker: next(p) };
    }),
    async remove(iam, InstanceProfileName) {
      const roles = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName }))).InstanceProfile?.Roles?.map((r) => r.RoleName!) ?? [];
      for (const RoleName of roles) await gone(() => iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName, RoleName })));
      await gone(() => iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName })));
    },
  },
  {
    kind: 'role',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListRolesCommand({ Marker }));
      return { items: (p.Roles ?? []).map((x) => x.RoleName!), marker: next(p) };
    }),
    async remove(iam, RoleName) {
      for (const p of (await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName }))).InstanceProfiles ?? []) {
        await gone(() => iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: p.InstanceProfileName!, RoleName })));
      }
      for (const { PolicyArn } of (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies ?? []) {
        await gone(() => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn })));
      }
      for (const PolicyName of (await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? []) {
        await gone(() => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
      }
      await gone(() => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName })));
      await gone(() => iam.send(new DeleteRoleCommand({ RoleName })));
    },
  },
  {
    kind: 'group',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListGroupsCommand({ Marker }));
      return { items: (p.Groups ?? []).map((x) => x.GroupName!), marker: next(p) };
    }),
    async remove(iam, GroupName) {
      for (const u of (await iam.send(new GetGroupCommand({ GroupName }))).Users ?? []) {
        await gone(() => iam.send(new RemoveUserFromGroupCommand({ GroupName, UserName: u.UserName! })));
      }
      for (const { PolicyArn } of (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName }))).AttachedPolicies ?? []) {
        await gone(() => iam.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn })));
      }
      for (const PolicyName of (await iam.send(new ListGroupPoliciesCommand({ GroupName }))).PolicyNames ?? []) {
        await gone(() => iam.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName })));
      }
      await gone(() => iam.send(new DeleteGroupCommand({ GroupName })));
    },
  },
  {
    kind: 'managed policy',
    // Customer managed only: the account's own (AWS's are never the run's). The ARN holds name and path.
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker }));
      return { items: (p.Policies ?? []).map((x) => x.Arn!), marker: next(p) };
    }),
    async remove(iam, PolicyArn) {
      const e = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn }));
      for (const u of e.PolicyUsers ?? []) await gone(() => iam.send(new DetachUserPolicyCommand({ UserName: u.UserName!, PolicyArn })));
      for (const g of e.PolicyGroups ?? []) await gone(() => iam.send(new DetachGroupPolicyCommand({ GroupName: g.GroupName!, PolicyArn })));
      for (const r of e.PolicyRoles ?? []) await gone(() => iam.send(new DetachRolePolicyCommand({ RoleName: r.RoleName!, PolicyArn })));
      for (const v of (await iam.send(new ListPolicyVersionsCommand({ PolicyArn }))).Versions ?? []) {
        if (!v.IsDefaultVersion) await gone(() => iam.send(new DeletePolicyVersionCommand({ PolicyArn, VersionId: v.VersionId! })));
      }
      await gone(() => iam.send(new DeletePolicyCommand({ PolicyArn })));
    },
  },
  {
    kind: 'OIDC provider',
    list: async (iam) => ((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? []).map((x) => x.Arn!),
    remove: (iam, OpenIDConnectProviderArn) => gone(() => iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn }))),
  },
  {
    kind: 'SAML provider',
    list: async (iam) => ((await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList ?? []).map((x) => x.Arn!),
    remove: (iam, SAMLProviderArn) => gone(() => iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn }))),
  },
  {
    kind: 'server certificate',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListServerCertificatesCommand({ Marker }));
      return { items: (p.ServerCertificateMetadataList ?? []).map((x) => x.ServerCertificateName!), marker: next(p) };
    }),
    remove: (iam, ServerCertificateName) => gone(() => iam.send(new DeleteServerCertificateCommand({ ServerCertificateName }))),
  },
  {
    kind: 'virtual MFA device',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListVirtualMFADevicesCommand({ Marker }));
      return { items: (p.VirtualMFADevices ?? []).map((x) => `${x.SerialNumber!} ${x.User?.UserName ?? ''}`.trim()), marker: next(p) };
    }),
    async remove(iam, id) {
      const [SerialNumber, UserName] = id.split(' ') as [string, string | undefined];
      if (UserName) await gone(() => iam.send(new DeactivateMFADeviceCommand({ SerialNumber, UserName })));
      await gone(() => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber })));
    },
  },
];

/** `ic-<run id>` inside an identifier: the run's mark (a name's prefix, a path's or URL's segment). */
export const runMark = (runId: string) => `ic-${runId}`;

export interface ResourceSweepResult {
  removed: string[];
  leftovers: string[];
  /** Kinds the identity may not list (AccessDenied): not searched, said, but not a failure of the clean-up. */
  unchecked: string[];
}

/** Finds and removes every resource of these kinds that carries the run's mark. */
export async function sweepResources(iam: IAMClient, runId: string, dryRun: boolean, kinds: KindSweep[] = KIND_SWEEPS): Promise<ResourceSweepResult> {
  const result: ResourceSweepResult = { removed: [], leftovers: [], unchecked: [] };
  const mark = runMark(runId);
  for (const k of kinds) {
    let ids: string[];
    try {
      ids = (await k.list(iam)).filter((id) => id.includes(mark));
    } catch (e) {
      // An identity with the policy of an earlier version may not list these kinds; AWS refuses every
      // request that could have made one, so this is said, not counted as something left behind.
      if (codeOf(e) === 'AccessDenied') {
        result.unchecked.push(`${k.kind}s`);
        continue;
      }
      result.leftovers.push(`${k.kind}s could not be listed: ${codeOf(e) ?? 'error'}: ${(e as Error).message}`);
      continue;
    }
    for (const id of ids) {
      if (dryRun) {
        result.removed.push(`${k.kind} ${id}`);
        continue;
      }
      try {
        await k.remove(iam, id);
        result.removed.push(`${k.kind} ${id}`);
      } catch (e) {
        result.leftovers.push(`${k.kind} ${id}: ${codeOf(e) ?? 'error'}: ${(e as Error).message}`);
      }
    }
  }
  return result;
}
