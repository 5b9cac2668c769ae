import { createHash, createPublicKey } from 'node:crypto';
import { ENTITY_MEMBERS } from '../entities.ts';
import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { randomId, type SshPublicKey, type User } from '../state.ts';
import { iso, page, subjectUser, type Handler, type OperationContext } from './context.ts';

/**
 * A user's SSH public keys (for CodeCommit), held on the user (User.sshPublicKeys). Shapes and texts are
 * recorded in test_iam_ssh_public_keys.snapshot.json unless a comment says otherwise.
 */

/** SSH public keys per IAM user (IAM quotas: 5). */
const KEYS_PER_USER = 5;
/** The UploadSSHPublicKey reference: "The minimum bit-length of the public key is 2048 bits." */
const MIN_BITS = 2048;

const invalid = () => new IamError('InvalidPublicKey', 400, 'The public key is malformed or otherwise invalid.'); // docs (InvalidPublicKey); text inferred
const unrecognised = () => new IamError('UnrecognizedPublicKeyEncoding', 400, 'The public key encoding format is unsupported or unrecognized.'); // docs; text inferred

/** An SSH wire string (uint32 length, bytes); an mpint is one with a leading zero byte when the top bit is set. */
const sshString = (b: Buffer) => Buffer.concat([Buffer.from([b.length >>> 24, (b.length >>> 16) & 255, (b.length >>> 8) & 255, b.length & 255]), b]);
const mpint = (b: Buffer) => sshString(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);

/** The RSA key an `ssh-rsa AAAA... comment` body holds: its wire blob and modulus, or undefined. */
function parseOpenSsh(body: string): { blob: Buffer; n: Buffer; e: Buffer } | undefined {
  const m = /^ssh-rsa\s+([A-Za-z0-9+/]+={0,2})(\s.*)?$/s.exec(body.trim());
  if (!m) return undefined;
  const blob = Buffer.from(m[1]!, 'base64');
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 4 <= blob.length && parts.length < 3) {
    const len = blob.readUInt32BE(at);
    if (at + 4 + len > blob.length) return undefined;
    parts.push(blob.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  if (parts.length !== 3 || at !== blob.length || parts[0]!.toString() !== 'ssh-rsa') return undefined;
  return { blob, e: parts[1]!, n: parts[2]! };
}

const bits = (n: Buffer) => {
  const i = n.findIndex((b) => b !== 0);
  return i < 0 ? 0 : (n.length - i) * 8 - Math.clz32(n[i]!) + 24;
};

/** The key a body holds, as the fingerprint and both encodings need it; IAM's errors for anything else. */
function readKey(body: string): { blob: Buffer; pem: string } {
  let n: Buffer;
  let e: Buffer;
  if (/^\s*ssh-/.test(body)) {
    if (!/^\s*ssh-rsa\s/.test(body)) throw unrecognised();
    const k = parseOpenSsh(body);
    if (!k) throw invalid();
    ({ n, e } = k);
  } else if (/^\s*-----BEGIN /.test(body)) {
    try {
      const jwk = createPublicKey(body).export({ format: 'jwk' });
      if (jwk.kty !== 'RSA') throw unrecognised();
      n = Buffer.from(jwk.n!, 'base64url');
      e = Buffer.from(jwk.e!, 'base64url');
    } catch (err) {
      throw err instanceof IamError ? err : invalid();
    }
  } else {
    throw unrecognised();
  }
  if (bits(n) < MIN_BITS) throw invalid();
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(e), mpint(n)]);
  const jwk = { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') };
  let pem: string;
  try {
    pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString().trim();
  } catch {
    throw invalid();
  }
  return { blob, pem };
}

/** The MD5 digest of the key's wire blob, colon-separated hex (the form `ssh-keygen -l -E md5` prints). */
const fingerprint = (blob: Buffer) => createHash('md5').update(blob).digest('hex').match(/../g)!.join(':');

const metadataXml = (user: User, k: SshPublicKey) => ({ UserName: user.name, SSHPublicKeyId: k.id, Status: k.status, UploadDate: iso(k.uploadDate) });
const keyXml = (user: User, k: SshPublicKey, body: string) => ({ ...metadataXml(user, k), Fingerprint: k.fingerprint, SSHPublicKeyBody: body });

/** The user's key SSHPublicKeyId names (get-not-found, update-not-found, delete-not-found). */
function keyOf(ctx: OperationContext, user: User): SshPublicKey {
  const id = ctx.input.SSHPublicKeyId as string;
  const key = user.sshPublicKeys?.find((k) => k.id === id);
  if (!key) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.SSHPublicKeyId!.missing(id, ''));
  return key;
}

export const sshPublicKeyOperations: Record<string, Handler> = {
  UploadSSHPublicKey(ctx) {
    const user = subjectUser(ctx, 'UploadSSHPublicKey');
    const body = ctx.input.SSHPublicKeyBody as string;
    const print = ctx.behaviour.sshKeyBodyChecked ? fingerprint(readKey(body).blob) : fingerprint(Buffer.from(body));
    const held = (user.sshPublicKeys ??= []);
    // Docs (DuplicateSSHPublicKey): "the SSH public key is already associated with the specified IAM user".
    if (held.some((k) => k.fingerprint === print)) throw new IamError('DuplicateSSHPublicKey', 400, 'The SSH public key is already associated with the specified IAM user.');
    if (held.length >= KEYS_PER_USER) throw new IamError('LimitExceeded', 409, `Cannot exceed quota for PublicKeysPerUser: ${KEYS_PER_USER}`); // text inferred
    // Ids as the recording shows them (APKA and 17 upper-case letters or digits: get-not-found's example).
    const key: SshPublicKey = { id: 'APKA' + randomId(17), body, fingerprint: print, status: 'Active', uploadDate: ctx.account.now() };
    held.push(key);
    return { SSHPublicKey: keyXml(user, key, body) };
  },

  GetSSHPublicKey(ctx) {
    const user = subjectUser(ctx, 'GetSSHPublicKey');
    const key = keyOf(ctx, user);
    // SSH: the body as uploaded (get-response); PEM: the key as an X.509 SubjectPublicKeyInfo (docs).
    let body = key.body;
    if (ctx.input.Encoding === 'PEM') {
      try {
        body = readKey(key.body).pem;
      } catch {
        // A body stored unchecked (the sshKeyBodyChecked mutant) has no PEM form: answered as stored.
      }
    }
    return { SSHPublicKey: keyXml(user, key, body) };
  },

  ListSSHPublicKeys(ctx) {
    const user = subjectUser(ctx, 'ListSSHPublicKeys');
    const p = page((user.sshPublicKeys ?? []).map((k) => metadataXml(user, k)), ctx.input);
    return { SSHPublicKeys: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },

  UpdateSSHPublicKey(ctx) {
    const user = subjectUser(ctx, 'UpdateSSHPublicKey');
    const key = keyOf(ctx, user);
    if (ctx.behaviour.updateSshPublicKeySetsStatus) key.status = ctx.input.Status as SshPublicKey['status'];
    return undefined;
  },

  DeleteSSHPublicKey(ctx) {
    const user = subjectUser(ctx, 'DeleteSSHPublicKey');
    const key = keyOf(ctx, user);
    user.sshPublicKeys = user.sshPublicKeys!.filter((k) => k !== key);
    return undefined;
  },
};
