/**
 * Stands in for `@smithy/core/checksum` in the Lambda bundles (an esbuild alias, see infra/bundle-aliases.ts).
 * The clients import one name from it, `Sha256`, the hash their SigV4 signer uses (and Secrets Manager's
 * signer, adapters/secrets-manager/get-secret-value.ts); the module brings a pure-JS SHA-256 for runtimes
 * without node:crypto beside it (~4 KB minified). This is the SDK's node:crypto class, the same methods.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

type Data = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: Data): string | Buffer => {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
};

/** SHA-256, or HMAC-SHA-256 when made with a secret, as the SDK's signers call it. */
export class Sha256 {
  readonly digestLength = 32;
  private hash: Hash | Hmac;
  private finished = false;

  constructor(private readonly secret?: Data) {
    this.hash = this.fresh();
  }

  update(data: Data): void {
    if (this.finished) throw new Error('Attempted to update an already finished hash.');
    this.hash.update(bytes(data));
  }

  /** An HMAC is finished by its digest; a plain hash may go on (its digest is taken from a copy). */
  async digest(): Promise<Uint8Array> {
    let digest: Buffer;
    if (this.secret) {
      this.finished = true;
      digest = this.hash.digest();
    } else {
      digest = (this.hash as Hash).copy().digest();
    }
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }

  reset(): void {
    this.hash = this.fresh();
    this.finished = false;
  }

  private fresh(): Hash | Hmac {
    return this.secret ? createHmac('sha256', bytes(this.secret)) : createHash('sha256');
  }
}
