/** The public base URL a bundle is written for: absolute http(s), no query or fragment, no trailing slash. */
export function normaliseBaseUrl(input: string): string {
  const text = input.trim();
  if (text === '') throw new TypeError('the public base URL is empty');
  // A bare `?` or `#` leaves search and hash empty, so the characters themselves are checked.
  if (/[?#]/.test(text)) throw new TypeError('Base URL must not have a query or fragment');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`Base URL “${input}” is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Base URL must use http or https, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new TypeError('Base URL must not contain a user name or password');
  return url.href.replace(/\/+$/, '');
}

/** `base/id`: the IIIF image service id, which is also the folder of the image in the bundle. */
export function imageServiceId(baseUrl: string, imageId: string): string {
  return `${baseUrl}/${imageId}`;
}
