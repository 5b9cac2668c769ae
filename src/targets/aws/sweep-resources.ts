import * as IAM from '@aws-sdk/client-iam';
import {
  DeactivateMFADeviceCommand, ListGroupsCommand, ListInstanceProfilesCommand, ListOpenIDConnectProvidersCommand, ListPoliciesCommand,
  ListRolesCommand, ListSAMLProvidersCommand, ListServerCertificatesCommand, ListVirtualMFADevicesCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import { codeOf, removeResource, type ResourceKind, type Send } from '../../iam/removal.ts';

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

async function gone(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (e) {
    if (codeOf(e) !== 'NoSuchEntity') throw e;
  }
}

/** Sends by operation name through the JS SDK (its command class of that name). */
export function sdkSend(iam: IAMClient): Send {
  return async (operation, input) => {
    const Command = (IAM as unknown as Record<string, new (i: unknown) => Parameters<IAMClient['send']>[0]>)[`${operation}Command`];
    if (!Command) throw new Error(`@aws-sdk/client-iam has no ${operation}Command`);
    return (await iam.send(new Command(input) as never)) as unknown as Record<string, unknown>;
  };
}

const removal = (kind: ResourceKind) => (iam: IAMClient, id: string) => removeResource(sdkSend(iam), kind, id).then(() => undefined);

/**
 * In dependency order: profiles let go of roles, roles and groups of policies, before those are deleted.
 * How each is freed and deleted is src/iam/removal.ts, shared with a case's own tear-down.
 */
export const KIND_SWEEPS: KindSweep[] = [
  {
    kind: 'instance profile',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListInstanceProfilesCommand({ Marker }));
      return { items: (p.InstanceProfiles ?? []).map((x) => x.InstanceProfileName!), marker: next(p) };
    }),
    remove: removal('instance profile'),
  },
  {
    kind: 'role',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListRolesCommand({ Marker }));
      return { items: (p.Roles ?? []).map((x) => x.RoleName!), marker: next(p) };
    }),
    remove: removal('role'),
  },
  {
    kind: 'group',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListGroupsCommand({ Marker }));
      return { items: (p.Groups ?? []).map((x) => x.GroupName!), marker: next(p) };
    }),
    remove: removal('group'),
  },
  {
    kind: 'managed policy',
    // Customer managed only: the account's own (AWS's are never the run's). The ARN holds name and path.
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker }));
      return { items: (p.Policies ?? []).map((x) => x.Arn!), marker: next(p) };
    }),
    remove: removal('managed policy'),
  },
  {
    kind: 'OIDC provider',
    list: async (iam) => ((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? []).map((x) => x.Arn!),
    remove: removal('OIDC provider'),
  },
  {
    kind: 'SAML provider',
    list: async (iam) => ((await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList ?? []).map((x) => x.Arn!),
    remove: removal('SAML provider'),
  },
  {
    kind: 'server certificate',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListServerCertificatesCommand({ Marker }));
      return { items: (p.ServerCertificateMetadataList ?? []).map((x) => x.ServerCertificateName!), marker: next(p) };
    }),
    remove: removal('server certificate'),
  },
  {
    kind: 'virtual MFA device',
    list: (iam) => all(async (Marker) => {
      const p = await iam.send(new ListVirtualMFADevicesCommand({ Marker }));
      return { items: (p.VirtualMFADevices ?? []).map((x) => `${x.SerialNumber!} ${x.User?.UserName ?? ''}`.trim()), marker: next(p) };
    }),
    async remove(iam, id) {
      // A device enabled for a user is deactivated first (the listing said whose it is).
      const [SerialNumber, UserName] = id.split(' ') as [string, string | undefined];
      if (UserName) await gone(() => iam.send(new DeactivateMFADeviceCommand({ SerialNumber, UserName })));
      await removeResource(sdkSend(iam), 'virtual MFA device', SerialNumber);
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
