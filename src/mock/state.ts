import { randomBytes } from 'node:crypto';
import type { Credentials } from '../iam/credentials.ts';

export interface LoginProfile {
  password: string;
  passwordResetRequired: boolean;
  createDate: Date;
}

export interface AccessKey {
  id: string;
  secret: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
}

export interface User {
  name: string;
  id: string;
  path: string;
  arn: string;
  createDate: Date;
  keys: AccessKey[];
  /** Inline policies by name: the decoded JSON documents. */
  policies: Map<string, string>;
  /** ARNs of the AWS managed policies attached to the user (src/mock/managed-policies.ts). */
  attached: Set<string>;
  loginProfile?: LoginProfile;
  /** Every password the user has had, oldest first (for reuse prevention). */
  passwordHistory: string[];
  /** The emulator's administrator: allowed everything, like a user with AdministratorAccess. */
  administrator?: boolean;
  tags: Tag[];
  /** The ARN of the managed policy that bounds the user's permissions, if any. */
  permissionsBoundary?: string;
  /** X.509 signing certificates (UploadSigningCertificate), oldest first; absent until the first. */
  signingCertificates?: SigningCertificate[];
  /** SSH public keys (UploadSSHPublicKey), oldest first; absent until the first (src/mock/operations/ssh-public-keys.ts). */
  sshPublicKeys?: SshPublicKey[];
  /** Service-specific credentials (CreateServiceSpecificCredential), oldest first (src/mock/operations/service-credentials.ts). */
  serviceCredentials?: ServiceCredential[];
}

export interface SshPublicKey {
  id: string;
  /** The body as uploaded, and the MD5 fingerprint of the key it holds. */
  body: string;
  fingerprint: string;
  status: 'Active' | 'Inactive';
  uploadDate: Date;
}

export interface ServiceCredential {
  id: string;
  serviceName: string;
  /** The user name the service knows: fixed at creation (a rename of the IAM user keeps it). */
  serviceUserName: string;
  password: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
}

export interface SigningCertificate {
  id: string;
  body: string;
  status: 'Active' | 'Inactive';
  uploadDate: Date;
}

export interface Tag {
  Key: string;
  Value: string;
}

/**
 * The families the emulator models share this one state model: each kind below is held in a map of
 * Account (names lower-cased where IAM names are case-insensitive), and src/mock/entities.ts reads the
 * maps to say what exists. A family module (src/mock/operations/) changes only its own kinds' maps.
 */
export interface Group {
  name: string;
  id: string;
  path: string;
  arn: string;
  createDate: Date;
  /** Lower-cased names of the member users. */
  members: Set<string>;
  /** Inline policies by name: the decoded JSON documents. */
  policies: Map<string, string>;
  /** ARNs of the managed policies attached (AWS managed or customer managed). */
  attached: Set<string>;
}

export interface Role {
  name: string;
  id: string;
  path: string;
  arn: string;
  createDate: Date;
  /** The trust policy, decoded JSON. */
  assumeRolePolicy: string;
  description?: string;
  /** Seconds (3600 when not given, as IAM documents). */
  maxSessionDuration: number;
  policies: Map<string, string>;
  attached: Set<string>;
  permissionsBoundary?: string;
  tags: Tag[];
}

export interface InstanceProfile {
  name: string;
  id: string;
  path: string;
  arn: string;
  createDate: Date;
  /** Lower-cased names of its roles (IAM allows one). */
  roles: string[];
  tags: Tag[];
}

export interface PolicyVersion {
  /** `v1`, `v2`, ... never reused within the policy. */
  id: string;
  document: string;
  createDate: Date;
}

export interface OidcProvider {
  arn: string;
  url: string;
  clientIds: string[];
  thumbprints: string[];
  createDate: Date;
  tags: Tag[];
}

export interface SamlProvider {
  arn: string;
  name: string;
  metadataDocument: string;
  createDate: Date;
  validUntil?: Date;
  /** SAMLProviderUUID, and how assertions must be encrypted (AWS's default: Allowed). */
  uuid?: string;
  assertionEncryptionMode?: string;
  tags: Tag[];
}

export interface ServerCertificate {
  name: string;
  id: string;
  path: string;
  arn: string;
  body: string;
  chain?: string;
  uploadDate: Date;
  expiration?: Date;
  tags: Tag[];
}

export interface MfaDevice {
  serialNumber: string;
  /** The user it is enabled for, lower-cased; undefined while unassigned. */
  user?: string;
  enableDate?: Date;
  /** Virtual devices only: the seed IAM returns once, at creation. */
  seed?: string;
  tags: Tag[];
}

/** A customer managed policy (AWS managed ones are fixed data: src/mock/managed-policies.ts). */
export interface CustomerPolicy {
  name: string;
  id: string;
  path: string;
  arn: string;
  description?: string;
  createDate: Date;
  updateDate: Date;
  defaultVersion: string;
  versions: PolicyVersion[];
  /** The number the next version takes. */
  nextVersion: number;
  tags: Tag[];
}

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** The IAM user behind the emulator's fixed administrator key. */
export const ADMIN_USER_NAME = 'iam-conformance-admin';

/** Who signed a request. */
export type Caller = { kind: 'root'; arn: string } | { kind: 'user'; user: User; arn: string };

/** One AWS account as IAM sees it. Users are keyed by lower-cased name: IAM names are case-insensitive. */
export class Account {
  readonly id: string;
  readonly users = new Map<string, User>();
  readonly groups = new Map<string, Group>();
  readonly roles = new Map<string, Role>();
  readonly instanceProfiles = new Map<string, InstanceProfile>();
  /** Customer managed policies by ARN. */
  readonly policies = new Map<string, CustomerPolicy>();
  /** OIDC and SAML providers by ARN, server certificates by lower-cased name, MFA devices by serial number. */
  readonly oidcProviders = new Map<string, OidcProvider>();
  readonly samlProviders = new Map<string, SamlProvider>();
  readonly serverCertificates = new Map<string, ServerCertificate>();
  readonly mfaDevices = new Map<string, MfaDevice>();
  passwordPolicy?: PasswordPolicy;
  /** The account's alias (IAM allows one), if any. */
  accountAlias?: string;
  /**
   * Every other kind of resource that exists, by kind (src/mock/entities.ts): keys are names (lower-cased
   * where IAM names are case-insensitive), ids or ARNs. The families the emulator models add to it.
   */
  readonly resources = new Map<string, Set<string>>();
  /** Outbound identity federation (GetWebIdentityToken): off until enabled, its issuer once enabled. */
  outboundFederation?: { issuer: string };
  /** The last credential report generated, if any. */
  credentialReport?: { generated: Date };
  /** The clock every CreateDate is read from (a test may fix it). */
  readonly now: () => Date;
  /** When the account (its root user) came to be: the emulator's creation or last reset. */
  readonly createDate: Date;
  private readonly rootKey: Credentials;

  constructor(id: string, admin: Credentials, root: Credentials, now: () => Date = () => new Date()) {
    this.id = id;
    this.rootKey = root;
    this.now = now;
    this.createDate = now();
    const user = this.createUser(ADMIN_USER_NAME, '/');
    user.administrator = true;
    user.keys.push({ id: admin.accessKeyId, secret: admin.secretAccessKey, status: 'Active', createDate: this.now() });
  }

  user(name: string): User | undefined {
    return this.users.get(name.toLowerCase());
  }

  createUser(name: string, path: string): User {
    const user: User = {
      name,
      id: 'AIDA' + randomId(17),
      path,
      arn: `arn:aws:iam::${this.id}:user${path}${name}`,
      createDate: this.now(),
      keys: [],
      policies: new Map(),
      attached: new Set(),
      passwordHistory: [],
      tags: [],
    };
    this.users.set(name.toLowerCase(), user);
    return user;
  }

  /** The caller behind an access key id, with its secret, or undefined for a key never issued. */
  principal(accessKeyId: string): { caller: Caller; secret: string } | undefined {
    if (accessKeyId === this.rootKey.accessKeyId) {
      return { caller: { kind: 'root', arn: `arn:aws:iam::${this.id}:root` }, secret: this.rootKey.secretAccessKey };
    }
    for (const user of this.users.values()) {
      const key = user.keys.find((k) => k.id === accessKeyId && k.status === 'Active');
      if (key) return { caller: { kind: 'user', user, arn: user.arn }, secret: key.secret };
    }
    return undefined;
  }

  newAccessKey(): AccessKey {
    return { id: 'AKIA' + randomId(16), secret: randomBytes(30).toString('base64').slice(0, 40), status: 'Active', createDate: this.now() };
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A unique id as IAM forms them: a four-letter prefix of the kind (AIDA user, AGPA group, AROA role, AIPA instance profile, ANPA policy) and `n` characters. */
export function randomId(n: number): string {
  return [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length]).join('');
}
