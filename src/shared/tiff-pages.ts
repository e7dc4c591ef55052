import type { ReadBytes } from './read-bytes';

/** What each IFD of a TIFF is: a full-resolution page or a reduced-resolution overview of the one before. */
export interface TiffPageRoles {
  /** The IFD index (libvips' `page`) of each full-resolution page, in file order. */
  pageIfds: number[];
  overviews: number;
  /** Each IFD's ExtraSamples (tag 338): 0 unspecified (a band of its own), 1 and 2 alpha. */
  extraSamples: number[][];
}

/** A read the walk asks for: `length` bytes at `position`. */
type ReadRequest = [position: number, length: number];

const MAX_IFDS = 10_000;

/**
 * Walks a classic or BigTIFF file's IFD chain and reads each NewSubfileType (tag 254): bit 0 set marks a
 * reduced-resolution image, which is an overview (GeoTIFF, pyramidal TIFF), not a page of its own.
 * Returns null when the bytes are not a TIFF header it can walk (libvips then decides). It yields each
 * read it needs, so the same walk runs on a synchronous reader (the worker) and on a File (the page).
 */
function* walk(fileLength: number): Generator<ReadRequest, TiffPageRoles | null, Uint8Array> {
  const head = yield [0, 16];
  if (head.length < 8) return null;
  const little = head[0] === 0x49 && head[1] === 0x49;
  if (!little && !(head[0] === 0x4d && head[1] === 0x4d)) return null;
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (b: Uint8Array, at: number) => view(b).getUint16(at, little);
  const u32 = (b: Uint8Array, at: number) => view(b).getUint32(at, little);
  const u64 = (b: Uint8Array, at: number) => Number(view(b).getBigUint64(at, little));
  const big = u16(head, 2) === 43;
  if (!big && u16(head, 2) !== 42) return null;
  if (big && head.length < 16) return null;
  const [countBytes, entryBytes, offsetBytes] = big ? [8, 20, 8] : [2, 12, 4];
  let next = big ? u64(head, 8) : u32(head, 4);
  const seen = new Set<number>();
  const roles: TiffPageRoles = { pageIfds: [], overviews: 0, extraSamples: [] };
  while (next && !seen.has(next) && seen.size < MAX_IFDS && next + countBytes <= fileLength) {
    seen.add(next);
    const countField = yield [next, countBytes];
    if (countField.length < countBytes) break;
    const count = big ? u64(countField, 0) : u16(countField, 0);
    const table = yield [next + countBytes, count * entryBytes + offsetBytes];
    if (table.length < count * entryBytes + offsetBytes) break;
    let reduced = false;
    const extra: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = i * entryBytes;
      const tag = u16(table, at);
      const type = u16(table, at + 2);
      const valueAt = at + (big ? 12 : 8);
      if (tag === 254) reduced = ((type === 3 ? u16(table, valueAt) : u32(table, valueAt)) & 1) === 1;
      if (tag === 338 && type === 3) {
        const n = big ? u64(table, at + 4) : u32(table, at + 4);
        // Up to 2 (4 in BigTIFF) shorts sit in the entry; more are at the offset it holds.
        const values =
          n * 2 <= offsetBytes
            ? table.subarray(valueAt, valueAt + n * 2)
            : yield [big ? u64(table, valueAt) : u32(table, valueAt), n * 2];
        for (let j = 0; j + 1 < values.length && j < n * 2; j += 2) extra.push(u16(values, j));
      }
    }
    if (reduced) roles.overviews++;
    else roles.pageIfds.push(seen.size - 1);
    roles.extraSamples.push(extra);
    next = big ? u64(table, count * entryBytes) : u32(table, count * entryBytes);
  }
  return roles.pageIfds.length + roles.overviews ? roles : null;
}

/** The page roles of a TIFF read synchronously (see walk). */
export function tiffPageRoles(read: ReadBytes, fileLength: number): TiffPageRoles | null {
  const steps = walk(fileLength);
  for (let step = steps.next(new Uint8Array()); ;) {
    if (step.done) return step.value;
    step = steps.next(read(...step.value));
  }
}

/** The page roles of a TIFF in a Blob: the page reads only the IFDs, wherever in the file they are. */
export async function tiffPageRolesOfBlob(blob: Blob): Promise<TiffPageRoles | null> {
  const steps = walk(blob.size);
  for (let step = steps.next(new Uint8Array()); ;) {
    if (step.done) return step.value;
    const [position, length] = step.value;
    step = steps.next(new Uint8Array(await blob.slice(position, position + length).arrayBuffer()));
  }
}

/** How many full-resolution pages a file has: a TIFF's own count, 1 for everything else. */
export async function fullResolutionPages(blob: Blob): Promise<number> {
  return (await tiffPageRolesOfBlob(blob))?.pageIfds.length || 1;
}
