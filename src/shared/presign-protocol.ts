/**
 * The contract between the app and a presign endpoint: POST a batch of keys with their headers,
 * receive one presigned PUT URL per key. Shared by the reference endpoint and the browser.
 */
export interface PresignObject {
  key: string;
  contentType: string;
  cacheControl: string;
}

export interface PresignRequest {
  objects: PresignObject[];
}

export interface PresignedPut {
  key: string;
  url: string;
  /** Headers that are part of the signature: the PUT must send exactly these. */
  headers: Record<string, string>;
}

export interface PresignResponse {
  /** ISO time after which every URL of this batch is refused. */
  expiresAt: string;
  objects: PresignedPut[];
}

export interface PresignRefusal {
  error: string;
  /** Keys outside the endpoint's allowed prefixes, or malformed. */
  refused?: string[];
}

/** Largest batch an endpoint must accept: S3 lists and deletes go by a thousand too. */
export const PRESIGN_BATCH_MAX = 1000;
const KEY_MAX_BYTES = 1024;

/** Why a key is not a safe S3 object key for a bundle, or null when it is. */
export function keyProblem(key: string): string | null {
  if (key.length === 0) return 'is empty';
  if (new TextEncoder().encode(key).length > KEY_MAX_BYTES) return `is longer than ${KEY_MAX_BYTES} bytes`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(key)) return 'has a control character or a backslash';
  if (key.startsWith('/')) return 'starts with a slash';
  if (
    key
      .split('/')
      .some((segment, i, all) => segment === '.' || segment === '..' || (segment === '' && i < all.length - 1))
  )
    return 'has an empty, "." or ".." segment';
  return null;
}

/** A key prefix as the app and the endpoint compare it: no leading slash, one trailing slash (or empty). */
export function normaliseKeyPrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  const problem = keyProblem(`${trimmed}/x`);
  if (problem) throw new RangeError(`Key prefix “${prefix}” ${problem}`);
  return `${trimmed}/`;
}

/** True when `key` is inside one of the allowed prefixes (an empty prefix allows every key). */
export function keyAllowed(key: string, allowedPrefixes: readonly string[]): boolean {
  return keyProblem(key) === null && allowedPrefixes.some((prefix) => key.startsWith(prefix));
}
