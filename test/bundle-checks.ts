import sharp from 'sharp';
import { presentationSchemaErrors } from './iiif-schema';

/** A bundle as a map from path (relative to its root) to bytes. */
export type Bundle = Map<string, Uint8Array>;

interface Info {
  '@context': string;
  id: string;
  type: string;
  protocol: string;
  profile: string;
  width: number;
  height: number;
  maxWidth?: number;
  maxHeight?: number;
  sizes: { width: number; height: number }[];
  tiles: { width: number; height: number; scaleFactors: number[] }[];
  extraFormats?: string[];
}

export function readJson<T>(bundle: Bundle, path: string): T {
  const bytes = bundle.get(path);
  if (!bytes) throw new Error(`missing ${path}`);
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

/**
 * Everything wrong with one image's folder in a bundle, checked from first principles (not with the
 * app's own geometry code): info.json rules, every tile and size at its pixel size, full/max,
 * no source metadata in any file, and a schema-valid manifest. An empty list means correct.
 */
export async function imageBundleProblems(
  bundle: Bundle,
  id: string,
  baseUrl: string,
  expected?: { width: number; height: number },
  /** `manifest: false`: a canvas of an object, whose manifest is the object's. */
  options: { manifest?: boolean } = {},
): Promise<string[]> {
  const problems: string[] = [];
  const info = readJson<Info>(bundle, `${id}/info.json`);
  const { width: W, height: H } = info;
  if (expected && (W !== expected.width || H !== expected.height)) {
    problems.push(`size ${W}×${H}, expected ${expected.width}×${expected.height}`);
  }
  if (info['@context'] !== 'http://iiif.io/api/image/3/context.json') problems.push('wrong @context');
  if (info.id !== `${baseUrl}/${id}`) problems.push(`id ${info.id}`);
  if (info.type !== 'ImageService3' || info.profile !== 'level0') problems.push('not an ImageService3 level0');
  if (info.protocol !== 'http://iiif.io/api/image') problems.push('wrong protocol');
  const tile = info.tiles[0];
  if (info.tiles.length !== 1 || !tile || tile.width !== tile.height) return [...problems, 'tiles entry malformed'];
  const T = tile.width;
  const factors: number[] = [];
  for (let s = 1; ; s *= 2) {
    factors.push(s);
    if (Math.ceil(W / s) <= T && Math.ceil(H / s) <= T) break;
  }
  if (JSON.stringify(tile.scaleFactors) !== JSON.stringify(factors)) problems.push(`scaleFactors ${tile.scaleFactors}`);
  const levels = factors.map((s) => ({ width: Math.ceil(W / s), height: Math.ceil(H / s) }));
  const maxW = info.maxWidth ?? W;
  const maxH = info.maxHeight ?? H;
  const offered = levels.filter((l) => l.width <= maxW && l.height <= maxH).reverse();
  if (JSON.stringify(info.sizes) !== JSON.stringify(offered)) problems.push(`sizes ${JSON.stringify(info.sizes)}`);
  if (info.maxWidth === undefined && info.sizes.length !== factors.length)
    problems.push('sizes not one per scale factor');
  const formats = ['jpg', ...(info.extraFormats ?? [])];
  const expectFile = async (path: string, w: number, h: number) => {
    for (const format of formats) {
      const bytes = bundle.get(`${id}/${path}.${format}`);
      if (!bytes) {
        problems.push(`missing ${path}.${format}`);
        continue;
      }
      const meta = await sharp(bytes).metadata();
      if (meta.width !== w || meta.height !== h)
        problems.push(`${path}.${format} is ${meta.width}×${meta.height}, not ${w}×${h}`);
      if (meta.exif || meta.icc || meta.xmp || meta.iptc || meta.comments?.length)
        problems.push(`${path}.${format} carries metadata`);
    }
  };
  for (const s of factors) {
    const span = T * s;
    for (let y = 0; y < H; y += span) {
      for (let x = 0; x < W; x += span) {
        const w = Math.min(span, W - x);
        const h = Math.min(span, H - y);
        await expectFile(
          `${x},${y},${w},${h}/${Math.ceil(w / s)},${Math.ceil(h / s)}/0/default`,
          Math.ceil(w / s),
          Math.ceil(h / s),
        );
      }
    }
  }
  for (const size of info.sizes)
    await expectFile(`full/${size.width},${size.height}/0/default`, size.width, size.height);
  await expectFile('full/max/0/default', maxW, maxH);
  if ([...bundle.keys()].some((k) => k.startsWith(`${id}/full/full/`))) problems.push('full/full present (2.x syntax)');
  if (options.manifest !== false)
    problems.push(...manifestProblems(bundle, id, baseUrl, info, { width: maxW, height: maxH }));
  return problems;
}

function manifestProblems(
  bundle: Bundle,
  id: string,
  baseUrl: string,
  info: Info,
  max: { width: number; height: number },
): string[] {
  const manifest = readJson<Record<string, unknown>>(bundle, `${id}/manifest.json`);
  const problems = (presentationSchemaErrors(manifest) ?? []).map((e) => `manifest schema: ${e}`);
  if (manifest.id !== `${baseUrl}/${id}/manifest.json`) problems.push(`manifest id ${String(manifest.id)}`);
  const canvas = (
    manifest.items as { width: number; height: number; items: { items: { body: Record<string, unknown> }[] }[] }[]
  )[0];
  if (!canvas || canvas.width !== info.width || canvas.height !== info.height)
    problems.push('canvas size differs from the image');
  const body = canvas?.items[0]?.items[0]?.body;
  if (body?.id !== `${baseUrl}/${id}/full/max/0/default.jpg`) problems.push('painting body is not full/max');
  if (body?.width !== max.width || body?.height !== max.height)
    problems.push('painting body size differs from full/max');
  const service = (body?.service as Record<string, unknown>[] | undefined)?.[0];
  if (
    !service ||
    service.id !== info.id ||
    service.profile !== 'level0' ||
    JSON.stringify(service.sizes) !== JSON.stringify(info.sizes)
  ) {
    problems.push('embedded service differs from info.json');
  }
  return problems;
}
