import { createHmac, randomBytes } from 'node:crypto';
import { accountResource, authorize } from '../authz.ts';
import { IamError, noSuchUser } from '../errors.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { members } from '../xml.ts';
import type { MfaDevice, User } from '../state.ts';
import type { Item } from '../validate.ts';
import { iso, page, subjectUser, type Handler, type OperationContext } from './context.ts';
import { userXml } from './users.ts';

/**
 * Virtual MFA devices and the MFA devices enabled for users, held in Account.mfaDevices by serial number
 * (a virtual device's serial is its ARN). Texts are recorded in test_iam_mfa.snapshot.json unless a
 * comment says otherwise.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 40 random bytes in base32: 64 characters, the length of the seeds IAM hands out. */
function newSeed(): string {
  let bits = '';
  for (const b of randomBytes(40)) bits += b.toString(2).padStart(8, '0');
  return bits.match(/.{5}/g)!.map((chunk) => BASE32[parseInt(chunk, 2)]).join('');
}

function seedBytes(seed: string): Buffer {
  const bits = [...seed].map((ch) => BASE32.indexOf(ch).toString(2).padStart(5, '0')).join('');
  return Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
}

/** The RFC 6238 code (HMAC-SHA1, 30-second steps, six digits) of time step `step`. */
function totp(seed: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', seedBytes(seed)).update(counter).digest();
  const at = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * Whether the two codes are consecutive codes of the device, the second of a step near now (the
 * EnableMFADevice reference: two consecutive codes). The window of a few steps either side is inferred.
 */
function codesValid(ctx: OperationContext, device: MfaDevice): boolean {
  if (!ctx.behaviour.mfaCodesChecked) return true;
  if (!device.seed) return false;
  const now = Math.floor(ctx.account.now().getTime() / 30_000);
  for (let step = now - 3; step <= now + 3; step++) {
    if (totp(device.seed, step - 1) === ctx.input.AuthenticationCode1 && totp(device.seed, step) === ctx.input.AuthenticationCode2) return true;
  }
  return false;
}

/** Code and status from the EnableMFADevice reference; the message is inferred. */
const invalidCodes = () => new IamError('InvalidAuthenticationCode', 403, 'Authentication code for device is not valid.');

/** delete-nonexistent-error, deactivate-nonexistent-mfa-error. */
const missing = (serial: string) => new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.SerialNumber!.missing(serial, ''));

function device(ctx: OperationContext): MfaDevice {
  const serial = ctx.input.SerialNumber as string;
  const held = ctx.account.mfaDevices.get(serial);
  if (!held) throw missing(serial);
  return held;
}

/** The device the request names, enabled for `user` (inferred: one enabled for someone else is not found either). */
function enabledFor(ctx: OperationContext, user: User): MfaDevice {
  const held = device(ctx);
  if (held.user !== user.name.toLowerCase()) throw missing(held.serialNumber);
  return held;
}

/** A placeholder image (a 1x1 PNG), not a QR code: no check reads the picture. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

export const mfaDeviceOperations: Record<string, Handler> = {
  CreateVirtualMFADevice(ctx) {
    const name = ctx.input.VirtualMFADeviceName as string;
    const path = (ctx.input.Path as string | undefined) ?? '/';
    const serial = `arn:aws:iam::${ctx.account.id}:mfa${path}${name}`;
    authorize(ctx.account, ctx.caller, 'CreateVirtualMFADevice', serial, ctx.behaviour);
    if (ctx.behaviour.virtualMfaDuplicatesRejected && ctx.account.mfaDevices.has(serial)) throw new IamError('EntityAlreadyExists', 409, 'MFA device already exists.'); // create-duplicate-error
    const tags = ((ctx.input.Tags as Item[] | undefined) ?? []).map((t) => ({ Key: t.Key!, Value: t.Value! }));
    const created: MfaDevice = { serialNumber: serial, seed: newSeed(), tags };
    ctx.account.mfaDevices.set(serial, created);
    // Blobs travel base64-encoded: the seed's text, and the picture's bytes.
    return {
      VirtualMFADevice: {
        SerialNumber: serial,
        Base32StringSeed: Buffer.from(created.seed!).toString('base64'),
        QRCodePNG: PNG,
        ...(tags.length ? { Tags: members(tags) } : {}),
      },
    };
  },

  ListVirtualMFADevices(ctx) {
    authorize(ctx.account, ctx.caller, 'ListVirtualMFADevices', accountResource(ctx.account), ctx.behaviour);
    const status = (ctx.input.AssignmentStatus as string | undefined) ?? 'Any';
    const devices = [...ctx.account.mfaDevices.values()]
      .filter((d) => d.seed !== undefined)
      .filter((d) => status === 'Any' || (status === 'Assigned') === (d.user !== undefined))
      .sort((a, b) => a.serialNumber.localeCompare(b.serialNumber));
    const p = page(devices, ctx.input);
    // list-assigned-with-user: an assigned device carries its user and EnableDate.
    const items = p.items.map((d) => {
      const user = d.user !== undefined ? ctx.account.user(d.user) : undefined;
      return { SerialNumber: d.serialNumber, ...(user ? { User: userXml(user), EnableDate: iso(d.enableDate!) } : {}) };
    });
    return { VirtualMFADevices: members(items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },

  DeleteVirtualMFADevice(ctx) {
    const serial = ctx.input.SerialNumber as string;
    authorize(ctx.account, ctx.caller, 'DeleteVirtualMFADevice', serial, ctx.behaviour);
    const held = device(ctx);
    // Code and status from the DeleteVirtualMFADevice reference; the message is inferred.
    if (held.user !== undefined) throw new IamError('DeleteConflict', 409, 'MFA device is still in use.');
    if (ctx.behaviour.deleteVirtualMfaDeletes) ctx.account.mfaDevices.delete(serial);
    return undefined;
  },

  EnableMFADevice(ctx) {
    const user = subjectUser(ctx, 'EnableMFADevice'); // enable-mfa-nonexistent-user-error
    const held = device(ctx);
    if (held.user !== undefined) throw new IamError('EntityAlreadyExists', 409, 'MFA Device is already in use.'); // enable-mfa-already-attached-error
    if (!codesValid(ctx, held)) throw invalidCodes();
    held.user = user.name.toLowerCase();
    held.enableDate = ctx.account.now();
    return undefined;
  },

  ResyncMFADevice(ctx) {
    const user = subjectUser(ctx, 'ResyncMFADevice');
    const held = enabledFor(ctx, user);
    if (!codesValid(ctx, held)) throw invalidCodes();
    return undefined;
  },

  DeactivateMFADevice(ctx) {
    const user = subjectUser(ctx, 'DeactivateMFADevice'); // deactivate-mfa-nonexistent-user-error
    const held = enabledFor(ctx, user);
    delete held.user;
    delete held.enableDate;
    return undefined;
  },

  /**
   * Inferred (no recording): the device's user and EnableDate while it is enabled, only its serial number
   * while it is not; a UserName that is not the device's user does not find it.
   */
  GetMFADevice(ctx) {
    const serial = ctx.input.SerialNumber as string;
    authorize(ctx.account, ctx.caller, 'GetMFADevice', serial, ctx.behaviour);
    const name = ctx.input.UserName as string | undefined;
    if (name !== undefined && !ctx.account.user(name)) throw noSuchUser(name);
    const held = device(ctx);
    if (name !== undefined && held.user !== name.toLowerCase()) throw missing(serial);
    const user = held.user !== undefined ? ctx.account.user(held.user) : undefined;
    return { SerialNumber: held.serialNumber, ...(user ? { UserName: user.name, EnableDate: iso(held.enableDate!) } : {}) };
  },

  ListMFADevices(ctx) {
    const user = subjectUser(ctx, 'ListMFADevices');
    const mine = [...ctx.account.mfaDevices.values()].filter((d) => d.user === user.name.toLowerCase());
    const p = page(mine.map((d) => ({ UserName: user.name, SerialNumber: d.serialNumber, EnableDate: iso(d.enableDate!) })), ctx.input);
    return { MFADevices: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
