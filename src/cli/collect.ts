import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchReport, ReportInput } from '../shared/batch-report';
import type { Descriptive, LabelValue } from '../shared/descriptive';
import type { ImageService3 } from '../shared/iiif-info';
import type { StoredImage } from '../shared/iiif-manifest';
import { isBehavior, isViewingDirection, type StoredObject } from '../shared/iiif-object';
import { isSafeImageId } from '../shared/image-id';
import { DEFAULT_SETTINGS } from '../shared/settings';
import type { CliBundle } from './write-bundle';

type LanguageMap = Record<string, string[]>;
type Pair = { label: LanguageMap; value: LanguageMap };
interface Described {
  label: LanguageMap;
  summary?: LanguageMap;
  rights?: string;
  navDate?: string;
  requiredStatement?: Pair;
  metadata?: Pair[];
}
interface ManifestFields extends Described {
  behavior?: string[];
  viewingDirection?: string;
  start?: { id: string };
  items?: (Described & { id: string })[];
  structures?: { label: LanguageMap; items: { id: string }[] }[];
}

const text = (map: LanguageMap | undefined) => (map ? (Object.values(map)[0]?.[0] ?? '') : '');
const descriptiveOf = (m: Described): Descriptive => ({
  label: text(m.label),
  summary: text(m.summary),
  rights: m.rights ?? '',
  requiredStatement: m.requiredStatement
    ? { label: text(m.requiredStatement.label), value: text(m.requiredStatement.value) }
    : null,
  metadata: (m.metadata ?? []).map((p): LabelValue => ({ label: text(p.label), value: text(p.value) })),
  ...(m.navDate ? { navDate: m.navDate } : {}),
});
/** The image id in a canvas id (`{base}/{id}/canvas/1`). */
const imageOfCanvas = (id: string) => id.split('/').at(-3) ?? '';

/**
 * The images and objects already in a bundle folder, read back from their info.json and manifest.json:
 * what separate runs wrote, so one collection, index, index.html and report can be made over all of them.
 */
export async function bundleInFolder(out: string): Promise<CliBundle> {
  const images: StoredImage[] = [];
  const manifests = new Map<string, ManifestFields>();
  const folders = (await readdir(out, { withFileTypes: true })).filter((e) => e.isDirectory() && isSafeImageId(e.name));
  const read = async <T>(path: string) => JSON.parse(await readFile(join(out, path), 'utf8')) as T;
  for (const folder of folders.map((f) => f.name).sort()) {
    const manifest = await read<ManifestFields>(`${folder}/manifest.json`).catch(() => null);
    if (manifest) manifests.set(folder, manifest);
    const info = await read<ImageService3>(`${folder}/info.json`).catch(() => null);
    // Neither: not a folder of this bundle (viewer/, or a run still writing).
    if (info?.['@context']?.includes('/image/2/'))
      throw new Error(`${folder}/info.json is Image API 2.1: collect rewrites Image API 3 bundles only`);
    if (info) images.push(imageOf(folder, info, manifest));
  }
  // The last run's report keeps the order its images were listed in; others follow by name.
  const earlier = await earlierReport(out);
  const place = new Map(earlier.map((r, i) => [r.id, i]));
  images.sort((a, b) => (place.get(a.id) ?? Infinity) - (place.get(b.id) ?? Infinity));
  const byId = new Map(images.map((i) => [i.id, i]));
  const objects: StoredObject[] = [];
  for (const [id, m] of manifests) {
    if (byId.has(id) || !m.items) continue;
    const canvases = m.items.map((c) => imageOfCanvas(c.id)).filter((c) => byId.has(c));
    for (const c of m.items) {
      const image = byId.get(imageOfCanvas(c.id));
      if (image) image.descriptive = descriptiveOf(c);
    }
    for (const range of m.structures ?? [])
      for (const item of range.items) {
        const image = byId.get(imageOfCanvas(item.id));
        if (image) image.section = text(range.label);
      }
    const behavior = m.behavior?.[0] ?? 'paged';
    const direction = m.viewingDirection ?? 'left-to-right';
    const cover = m.start ? imageOfCanvas(m.start.id) : undefined;
    objects.push({
      id,
      name: text(m.label),
      descriptive: descriptiveOf(m),
      behavior: isBehavior(behavior) ? behavior : 'paged',
      viewingDirection: isViewingDirection(direction) ? direction : 'left-to-right',
      canvases,
      ...(cover && canvases.includes(cover) ? { cover } : {}),
    });
  }
  return { images, objects, report: await reportOf(out, images, earlier) };
}

function imageOf(folder: string, info: ImageService3, manifest: ManifestFields | null): StoredImage {
  const tile = info.tiles?.[0];
  return {
    id: folder,
    width: info.width,
    height: info.height,
    settings: {
      ...DEFAULT_SETTINGS,
      tileSize: tile?.width === 512 ? 512 : 256,
      format: info.extraFormats?.includes('webp') ? 'webp' : 'jpg',
      // A capped bundle offers the levels up to the cap: its largest offered side gives them again
      // (maxWidth/maxHeight can be a pixel smaller than that level, see maxSize).
      maxSide: info.maxWidth
        ? Math.max(...info.sizes.map((s) => Math.max(s.width, s.height)))
        : DEFAULT_SETTINGS.maxSide,
    },
    // An image inside an object has no manifest of its own: its canvas in the object's manifest describes it.
    descriptive: manifest ? descriptiveOf(manifest) : descriptiveOf({ label: { none: [folder] } }),
  };
}

/** The report over every image: bytes counted on disk; format, time and warnings kept from earlier reports. */
async function earlierReport(out: string): Promise<BatchReport['rows']> {
  return readFile(join(out, 'report.json'), 'utf8')
    .then((t) => (JSON.parse(t) as BatchReport).rows)
    .catch(() => []);
}

async function reportOf(
  out: string,
  images: readonly StoredImage[],
  earlier: BatchReport['rows'],
): Promise<ReportInput[]> {
  const rows = new Map(earlier.map((r) => [r.id, r]));
  return Promise.all(
    images.map(async (image) => {
      const row = rows.get(image.id);
      return {
        id: image.id,
        name: row?.name ?? image.id,
        state: 'done' as const,
        format: row?.format ?? '',
        route: row?.route ?? '',
        width: image.width,
        height: image.height,
        settings: image.settings,
        storedBytes: await tileBytes(join(out, image.id)),
        elapsedMs: row?.ms ?? 0,
        warnings: row?.warnings ? row.warnings.split('; ') : [],
      };
    }),
  );
}

/** Bytes of an image folder's tiles and sizes: every file but its JSON documents. */
async function tileBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.name.endsWith('.json')) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
