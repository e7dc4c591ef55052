import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Descriptive, LabelValue } from '../shared/descriptive';
import type { ImageService3 } from '../shared/iiif-info';
import type { StoredImage } from '../shared/iiif-manifest';
import { isSafeImageId } from '../shared/image-id';
import { DEFAULT_SETTINGS } from '../shared/settings';

type LanguageMap = Record<string, string[]>;
interface ManifestFields {
  label: LanguageMap;
  summary?: LanguageMap;
  rights?: string;
  navDate?: string;
  requiredStatement?: { label: LanguageMap; value: LanguageMap };
  metadata?: { label: LanguageMap; value: LanguageMap }[];
}

const text = (map: LanguageMap | undefined) => (map ? (Object.values(map)[0]?.[0] ?? '') : '');

/**
 * The images already in a bundle folder, read back from their info.json and manifest.json: what
 * separate runs wrote, so one collection, index and index.html can be made over all of them.
 */
export async function imagesInBundle(out: string): Promise<StoredImage[]> {
  const images: StoredImage[] = [];
  const folders = (await readdir(out, { withFileTypes: true })).filter((e) => e.isDirectory() && isSafeImageId(e.name));
  for (const folder of folders.map((f) => f.name).sort()) {
    const read = async <T>(file: string) => JSON.parse(await readFile(join(out, folder, file), 'utf8')) as T;
    let info: ImageService3, manifest: ManifestFields;
    try {
      [info, manifest] = await Promise.all([read<ImageService3>('info.json'), read<ManifestFields>('manifest.json')]);
    } catch {
      continue; // not an image folder of this bundle (viewer/, or a run still writing)
    }
    const tile = info.tiles?.[0];
    const descriptive: Descriptive = {
      label: text(manifest.label),
      summary: text(manifest.summary),
      rights: manifest.rights ?? '',
      requiredStatement: manifest.requiredStatement
        ? { label: text(manifest.requiredStatement.label), value: text(manifest.requiredStatement.value) }
        : null,
      metadata: (manifest.metadata ?? []).map((m): LabelValue => ({ label: text(m.label), value: text(m.value) })),
      ...(manifest.navDate ? { navDate: manifest.navDate } : {}),
    };
    images.push({
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
      descriptive,
    });
  }
  return images;
}
