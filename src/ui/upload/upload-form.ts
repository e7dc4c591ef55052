import { parsePostPolicy } from '../../shared/post-policy';
import { normaliseKeyPrefix } from '../../shared/presign-protocol';
import { bucketUrlFromPolicy, bucketUrlFromSigned } from '../../shared/bucket-url';
import { DEFAULT_CACHE_RULES } from '../../shared/cache-rules';
import { byTestId } from '../dom';
import { FieldProblem } from '../field-problem';
import { PostPolicySigner, PresignEndpointSigner, type UploadSigner } from './signers';
import type { CacheRules } from './upload-objects';

const STORAGE_KEY = 'vitrine.upload';
const DEFAULTS = {
  mode: 'presign',
  endpoint: '',
  keyPrefix: '',
  concurrency: '8',
  cacheImages: DEFAULT_CACHE_RULES.images as string,
  cacheDocuments: DEFAULT_CACHE_RULES.documents as string,
};
type Saved = typeof DEFAULTS;

export interface UploadSettings {
  signer: UploadSigner;
  keyPrefix: string;
  concurrency: number;
  cache: CacheRules;
}

/** The publish settings. All but the POST policy persist, so an interrupted upload resumes after a reload. */
export class UploadForm {
  private readonly controls = {
    mode: byTestId<HTMLSelectElement>('upload-mode'),
    endpoint: byTestId<HTMLInputElement>('presign-endpoint'),
    keyPrefix: byTestId<HTMLInputElement>('key-prefix'),
    concurrency: byTestId<HTMLInputElement>('upload-concurrency'),
    cacheImages: byTestId<HTMLInputElement>('cache-images'),
    cacheDocuments: byTestId<HTMLInputElement>('cache-documents'),
  } satisfies Record<keyof Saved, HTMLInputElement | HTMLSelectElement>;
  private readonly policy = byTestId<HTMLTextAreaElement>('post-policy');

  constructor() {
    const saved = this.load();
    for (const [name, control] of Object.entries(this.controls) as [keyof Saved, HTMLInputElement][]) {
      control.value = saved[name];
      control.addEventListener('change', () => this.save());
    }
    this.controls.mode.addEventListener('change', () => this.showMode());
    this.showMode();
  }

  /** The settings of the next upload; throws a FieldProblem naming the control that is unusable. */
  settings(): UploadSettings {
    const c = this.controls;
    const concurrency = Number(c.concurrency.value);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
      throw new FieldProblem(c.concurrency, 'Parallel uploads must be a whole number from 1 to 32');
    }
    const cache = { images: c.cacheImages.value.trim(), documents: c.cacheDocuments.value.trim() };
    for (const control of [c.cacheImages, c.cacheDocuments]) {
      if (!/^[\x20-\x7e]{0,256}$/.test(control.value.trim())) {
        throw new FieldProblem(control, 'Cache-Control must be plain text of at most 256 characters');
      }
    }
    if (c.mode.value === 'post') {
      const policy = blame(this.policy, () => parsePostPolicy(this.policy.value));
      const keyPrefix = blame(c.keyPrefix, () => normaliseKeyPrefix(c.keyPrefix.value || policy.keyPrefix));
      return { signer: new PostPolicySigner(policy), keyPrefix, concurrency, cache };
    }
    const endpoint = blame(c.endpoint, () => presignEndpoint(c.endpoint.value));
    const keyPrefix = blame(c.keyPrefix, () => normaliseKeyPrefix(c.keyPrefix.value));
    return { signer: new PresignEndpointSigner(endpoint.href), keyPrefix, concurrency, cache };
  }

  /**
   * Where the bucket will serve the bundle, or null while signing is not set up: read off the policy's
   * form action, or off a URL the presign endpoint signs for a probe key (signed, never used).
   */
  async bucketUrl(): Promise<string | null> {
    try {
      const { signer, keyPrefix } = this.settings();
      if (signer instanceof PostPolicySigner) return bucketUrlFromPolicy(signer.policy.url, keyPrefix);
      const key = `${keyPrefix}collection.json`;
      const probe = { key, body: new Uint8Array(0), contentType: 'application/json', cacheControl: '' };
      const [signed] = await signer.sign([probe]);
      return signed ? bucketUrlFromSigned(signed.url, key, keyPrefix) : null;
    } catch {
      return null;
    }
  }

  /** Calls `listener` after any change to the settings that decide the bucket URL. */
  onSigningChange(listener: () => void): void {
    for (const control of [this.controls.mode, this.controls.endpoint, this.controls.keyPrefix, this.policy]) {
      control.addEventListener('change', listener);
    }
  }

  private showMode(): void {
    for (const element of document.querySelectorAll<HTMLElement>('[data-upload-mode]')) {
      element.hidden = element.dataset.uploadMode !== this.controls.mode.value;
    }
  }

  private save(): void {
    const values = Object.fromEntries(Object.entries(this.controls).map(([name, c]) => [name, c.value.trim()]));
    localStorage.setItem(STORAGE_KEY, JSON.stringify(values));
  }

  private load(): Saved {
    try {
      return { ...DEFAULTS, ...(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Saved>) };
    } catch {
      return DEFAULTS;
    }
  }
}

function presignEndpoint(text: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(text.trim());
  } catch {
    throw new TypeError('Set the presign endpoint URL first');
  }
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
    throw new TypeError('The presign endpoint must be an http(s) URL');
  }
  return endpoint;
}

/** Runs `read`; a failure becomes a FieldProblem of `control`, so its message is shown beside it. */
function blame<T>(control: FieldProblem['control'], read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new FieldProblem(control, (error as Error).message);
  }
}
