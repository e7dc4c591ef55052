import { normaliseKeyPrefix } from './presign-protocol';

/** An S3 presigned POST policy as the AWS SDK's createPresignedPost returns it, checked before use. */
export interface PostPolicy {
  url: string;
  fields: Record<string, string>;
  /** Every key must start with this (the policy's `starts-with $key` condition). */
  keyPrefix: string;
  expiresAt: Date;
}

const fail = (why: string): never => {
  throw new TypeError(`This POST policy cannot be used: ${why}`);
};

/** Parses the pasted `{ "url": …, "fields": { …, "Policy": base64 } }` and reads its key prefix and expiry. */
export function parsePostPolicy(text: string, now = new Date()): PostPolicy {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return fail('it is not JSON (paste the { "url", "fields" } object the presigner gave)');
  }
  const { url, fields } = (input ?? {}) as { url?: unknown; fields?: unknown };
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return fail('"url" is not an http(s) URL');
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return fail('"fields" is missing');
  const entries = Object.entries(fields as Record<string, unknown>);
  if (entries.some(([, v]) => typeof v !== 'string')) return fail('every field must be a string');
  const flat = Object.fromEntries(entries) as Record<string, string>;
  const encoded = flat.Policy ?? flat.policy;
  if (!encoded) return fail('"fields" has no Policy');
  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(atob(encoded)) as typeof policy;
  } catch {
    return fail('its Policy field is not base64 JSON');
  }
  const expiresAt = new Date(typeof policy.expiration === 'string' ? policy.expiration : NaN);
  if (Number.isNaN(expiresAt.getTime())) return fail('its Policy has no expiration');
  if (expiresAt <= now) return fail(`it expired at ${expiresAt.toISOString()}; ask for a new one`);
  const conditions = Array.isArray(policy.conditions) ? (policy.conditions as unknown[]) : [];
  const startsWith = conditions.find(
    (c): c is [string, string, string] =>
      Array.isArray(c) && c[0] === 'starts-with' && c[1] === '$key' && typeof c[2] === 'string',
  );
  if (!startsWith) return fail('it has no ["starts-with", "$key", prefix] condition, so it is for one key only');
  return { url, fields: flat, keyPrefix: normaliseKeyPrefix(startsWith[2]), expiresAt };
}
