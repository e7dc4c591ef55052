/** The public base URL a bundle is written for: absolute http(s), no query or fragment, no trailing slash. */
export function normaliseBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new TypeError(`Base URL “${input}” is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Base URL must use http or https, not ${url.protocol}`);
  }
  if (url.search || url.hash) throw new TypeError('Base URL must not have a query or fragment');
  return url.href.replace(/\/+$/, '');
}

/** `base/id`: the IIIF image service id, which is also the folder of the image in the bundle. */
export function imageServiceId(baseUrl: string, imageId: string): string {
  return `${baseUrl}/${imageId}`;
}
