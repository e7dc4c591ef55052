import type { PostPolicy } from '../../shared/post-policy';
import {
  PRESIGN_BATCH_MAX,
  type PresignRefusal,
  type PresignRequest,
  type PresignResponse,
} from '../../shared/presign-protocol';
import type { UploadObject } from './upload-objects';

/** One signed upload: where to send it and how, and until when the signature holds. */
export interface SignedUpload {
  url: string;
  expiresAt: number;
  request(object: UploadObject): RequestInit;
}

/** Turns objects into signed uploads. `canRefresh`: whether signing again gives a new signature. */
export interface UploadSigner {
  readonly canRefresh: boolean;
  sign(objects: readonly UploadObject[]): Promise<SignedUpload[]>;
}

/** A problem no retry fixes: the person must change something (shown as it is). */
export class UploadFailure extends Error {
  constructor(
    message: string,
    readonly corsRule?: string,
  ) {
    super(message);
    this.name = 'UploadFailure';
  }
}

/** Asks the presign endpoint for PUT URLs, a batch per request. */
export class PresignEndpointSigner implements UploadSigner {
  readonly canRefresh = true;

  constructor(private readonly endpoint: string) {}

  async sign(objects: readonly UploadObject[]): Promise<SignedUpload[]> {
    const signed: SignedUpload[] = [];
    for (let i = 0; i < objects.length; i += PRESIGN_BATCH_MAX) {
      signed.push(...(await this.signBatch(objects.slice(i, i + PRESIGN_BATCH_MAX))));
    }
    return signed;
  }

  private async signBatch(objects: readonly UploadObject[]): Promise<SignedUpload[]> {
    const body: PresignRequest = {
      objects: objects.map(({ key, contentType, cacheControl }) => ({ key, contentType, cacheControl })),
    };
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      throw new UploadFailure(
        `The presign endpoint ${this.endpoint} did not answer, or it does not allow this page's origin ` +
          `(${location.origin}): add that origin to its PRESIGN_ALLOWED_ORIGINS.`,
      );
    }
    if (!response.ok) {
      const refusal = (await response.json().catch(() => ({}))) as Partial<PresignRefusal>;
      const keys = refusal.refused?.length ? ` (${refusal.refused.slice(0, 3).join(', ')}…)` : '';
      throw new UploadFailure(
        `The presign endpoint refused (${response.status}): ${refusal.error ?? response.statusText}${keys}`,
      );
    }
    const answer = (await response.json()) as PresignResponse;
    const expiresAt = Date.parse(answer.expiresAt);
    return objects.map((object, i) => {
      const put = answer.objects[i];
      if (put?.key !== object.key) throw new UploadFailure('The presign endpoint answered for other keys');
      return { url: put.url, expiresAt, request: (o) => ({ method: 'PUT', headers: put.headers, body: o.body }) };
    });
  }
}

/** Uploads every object through one pasted POST policy: no request per object to any signer. */
export class PostPolicySigner implements UploadSigner {
  readonly canRefresh = false;

  constructor(readonly policy: PostPolicy) {}

  async sign(objects: readonly UploadObject[]): Promise<SignedUpload[]> {
    const outside = objects.find((o) => !o.key.startsWith(this.policy.keyPrefix));
    if (outside) {
      throw new UploadFailure(
        `The POST policy allows only keys starting with “${this.policy.keyPrefix}”; ` +
          `set the key prefix inside it (“${outside.key}” is not).`,
      );
    }
    const { url, fields, expiresAt } = this.policy;
    const request = (object: UploadObject): RequestInit => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.set('key', object.key);
      form.append('Content-Type', object.contentType);
      form.append('Cache-Control', object.cacheControl);
      // S3 reads every field before `file`, which must come last.
      form.append('file', new Blob([object.body], { type: object.contentType }));
      return { method: 'POST', body: form };
    };
    return objects.map(() => ({ url, expiresAt: expiresAt.getTime(), request }));
  }
}
