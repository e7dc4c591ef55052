/**
 * Where a bucket serves the objects under a key prefix, read off an upload URL: the suggestion for the
 * public base URL once publishing is set up. Presigned and policy URLs carry the bucket's address.
 */

/** `https://host/bucket/` + `prefix`, from a presigned URL for the key `prefix + probe`; null when it does not end in that key. */
export function bucketUrlFromSigned(signedUrl: string, key: string, prefix: string): string | null {
  const url = parseHttp(signedUrl);
  if (!url) return null;
  const path = decodeURIComponent(url.pathname);
  if (!key.startsWith(prefix) || !path.endsWith(`/${key}`)) return null;
  return join(url.origin, path.slice(0, path.length - key.length), prefix);
}

/** The bucket URL of a POST policy (the form's action) with the key prefix under it. */
export function bucketUrlFromPolicy(policyUrl: string, prefix: string): string | null {
  const url = parseHttp(policyUrl);
  return url ? join(url.origin, url.pathname, prefix) : null;
}

function parseHttp(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The path segments re-encoded one by one, so a prefix with spaces stays a valid URL; no trailing slash. */
function join(origin: string, bucketPath: string, prefix: string): string {
  const segments = `${bucketPath}/${prefix}`.split('/').filter((s) => s !== '');
  return [origin, ...segments.map(encodeURIComponent)].join('/');
}
