import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/**
 * SHA-256 / HMAC-SHA256 for @smithy/signature-v4 on node:crypto (native), in the Checksum shape the
 * signer expects: `new Sha256(secret?)`, `update`, `digest`. The pure-JS implementations cost
 * milliseconds per request, which dominate a run against the in-process emulator.
 */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error('NodeSha256 cannot be reset; make a new one');
  }
}
