import { randomBytes } from 'node:crypto';
import { generatePassword, type CharacterType } from '../cases/values.ts';
import { seededRandom, type Random } from '../cases/random.ts';
import { TEMPLATE_REF } from '../specfile/vocabulary.ts';
import type { Credentials } from '../iam/credentials.ts';
import type { PooledUser } from './pool.ts';

/** `$$` (a literal `$`: generated probe values are escaped so, src/cases/template.ts) or a `${…}` reference. */
const LITERAL_DOLLAR_OR_REF = new RegExp(`\\$\\$|${TEMPLATE_REF.source}`, 'g');

/** A user of one case, as created on the target. */
export interface CaseUser {
  handle: string;
  name: string;
  exists: boolean;
  /** The password set at setup: `${handle.password}`. */
  password?: string;
  arn?: string;
  key?: Credentials;
  created: { user: boolean; key: boolean; policy: boolean };
  /** Managed policies a step attached (AttachUserPolicy): detached before the user is deleted. */
  attached?: Set<string>;
  /** Borrowed from the run's pool (not created for the case, not deleted after it). */
  pooled?: PooledUser;
}

/**
 * The variables of one running case: its users, its generated passwords, and every secret it has
 * seen (so reports can cut them out). Resolves the runtime templates of the spec format.
 */
export class CaseScope {
  readonly rng: Random;
  readonly users = new Map<string, CaseUser>();
  readonly secrets = new Set<string>();
  accountId?: string;
  private readonly passwords = new Map<string, string>();
  private readonly generated = new Set<string>();

  /** Output members earlier steps kept: `${kept.label}`. */
  readonly kept = new Map<string, unknown>();
  /** Names made for this case: `${name.label}`, each the run's next name and the label. */
  private readonly names = new Map<string, string>();

  /** The run's id, for `${run}` in run-scoped user names. */
  private readonly runId: string;
  private readonly newName: () => string;

  constructor(seed: string, accountId?: string, runId = '', newName?: () => string) {
    this.rng = seededRandom(seed);
    this.accountId = accountId;
    this.runId = runId;
    let serial = 0;
    this.newName = newName ?? (() => `ic-${runId}-n${serial++}`);
  }

  /** Whether a value is a password this case's generator made (not a probe value a spec fixed). */
  isGenerated(value: string): boolean {
    return this.generated.has(value);
  }

  password(n: string): string {
    let p = this.passwords.get(n);
    if (!p) {
      p = generatePassword(this.rng);
      this.passwords.set(n, p);
      this.generated.add(p);
      this.secrets.add(p);
    }
    return p;
  }

  /** Resolve `${...}` references and `{ generate: password }` objects in a spec value. */
  resolve(value: unknown): unknown {
    if (typeof value === 'string') return this.resolveString(value);
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      if (obj.generate === 'password') {
        const p = generatePassword(this.rng, {
          length: obj.length as number | undefined,
          only: obj.only as CharacterType[] | undefined,
          without: obj.without as CharacterType[] | undefined,
        });
        this.secrets.add(p);
        this.generated.add(p);
        return p;
      }
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, this.resolve(v)]));
    }
    return value;
  }

  private resolveString(s: string): unknown {
    const whole = /^\$\{([A-Za-z][A-Za-z0-9]*)(?:\.([A-Za-z0-9]+))?\}$/.exec(s);
    if (whole) return this.lookup(whole[1]!, whole[2]);
    if (!s.includes('$')) return s;
    return s.replace(LITERAL_DOLLAR_OR_REF, (match: string, name?: string, field?: string) =>
      match === '$$' ? '$' : String(this.lookup(name!, field)),
    );
  }

  private lookup(name: string, field?: string): unknown {
    if (name === 'password' && field) return this.password(field);
    if (name === 'account') return this.accountId ?? '(unknown account)';
    if (name === 'run' && !field) return this.runId;
    if (name === 'name' && field) {
      // Made on first use and the same for the rest of the case: `ic-<run>-…-role`, the run's mark first,
      // so every clean-up path (the tear-down, the aws sweep, cleanup) knows it for the run's.
      let n = this.names.get(field);
      if (!n) this.names.set(field, (n = `${this.newName()}-${field}`));
      return n;
    }
    if (name === 'kept' && field) {
      if (!this.kept.has(field)) throw new Error(`no output kept as "${field}" in this case`);
      return this.kept.get(field);
    }
    const user = this.users.get(name);
    if (!user) throw new Error(`no user "${name}" in this case`);
    switch (field) {
      case undefined:
      case 'name':
        return user.name;
      case 'password':
        return user.password;
      case 'arn':
        return user.arn ?? `arn:aws:iam::${this.accountId}:user/${user.name}`;
      default:
        throw new Error(`unknown field ${name}.${field}`);
    }
  }

  /** The credentials a step is signed with. */
  credentials(caller: string, admin: Credentials, root: Credentials | undefined): Credentials {
    if (caller === 'admin') return admin;
    if (caller === 'root') {
      if (!root) throw new Error('root credentials requested but not offered');
      return root;
    }
    if (caller === 'unknownKey') {
      return { accessKeyId: 'AKIA' + randomBytes(8).toString('hex').toUpperCase(), secretAccessKey: randomBytes(20).toString('base64') };
    }
    if (caller === 'wrongSecret') {
      const key = this.users.get('user')?.key;
      if (!key) throw new Error('wrongSecret needs the case user "user" with an access key');
      return { accessKeyId: key.accessKeyId, secretAccessKey: randomBytes(20).toString('base64') };
    }
    const key = this.users.get(caller)?.key;
    if (!key) throw new Error(`user "${caller}" has no access key in this case`);
    return key;
  }
}
