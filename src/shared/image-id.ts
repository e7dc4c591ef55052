/** Image ids: derived from a file name, safe as a URL segment and a folder name on every file system. */

const MAX_ID_LENGTH = 64;

/** Names Windows reserves for devices: a folder cannot have them, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A lowercase ASCII slug of the name without its extension; never empty, never `.` or `..`. */
export function slugFromFileName(fileName: string): string {
  const base = fileName
    .trim()
    .normalize('NFKD')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const slug = base
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, '');
  if (RESERVED.test(slug)) return `${slug}-image`;
  return slug || 'image';
}

/** A slug not yet in `taken` (compared as is: slugs are lowercase, so case-insensitive file systems agree). */
export function uniqueImageId(fileName: string, taken: ReadonlySet<string>): string {
  const slug = slugFromFileName(fileName);
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug.slice(0, MAX_ID_LENGTH - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** True for strings this module could have produced: the check used before an id becomes a path. */
export function isSafeImageId(id: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(id) && !RESERVED.test(id);
}
