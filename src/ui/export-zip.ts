import { downloadZip } from 'client-zip';
import type { VitrineDb } from '../shared/db';
import type { IiifVersion } from '../shared/iiif-version';
import { includesTiff, includesTiles, type ExportContent } from '../shared/export-options';
import { bundleEntries, type BundleContent } from './bundle-entries';
import { tiffEntries, type PadTiles } from './tiff-entries';

/** What to export and for which address (`baseUrl` is unused when the ZIP holds TIFFs only). */
export interface ZipRequest {
  content: BundleContent;
  baseUrl: string;
  title: string;
  holds: ExportContent;
  version: IiifVersion;
  /** Re-encodes TIFF edge tiles on a worker (see JobRunner.padTiles). */
  padTiles: PadTiles;
}

/** The ZIP's file name from the collection title: letters, digits, `-` and `_` only, never empty. */
export function zipName(title: string): string {
  const safe = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${safe || 'iiif-bundle'}.zip`;
}

interface SaveFilePicker {
  showSaveFilePicker(options: {
    suggestedName: string;
    types: { description: string; accept: Record<string, string[]> }[];
  }): Promise<FileSystemFileHandle>;
}

/** True where the browser can write the ZIP straight to a file the person picks (File System Access). */
export function canSaveToFile(): boolean {
  return 'showSaveFilePicker' in window;
}

function zipResponse(db: VitrineDb, request: ZipRequest): Response {
  const now = new Date();
  const { content, baseUrl, title, holds, version, padTiles } = request;
  // client-zip streams entries as it pulls them and switches to ZIP64 past 4 GiB or 65,535 files.
  return downloadZip(
    (async function* () {
      if (includesTiles(holds))
        for await (const entry of bundleEntries(db, content, baseUrl, title, version))
          yield { ...entry, lastModified: now };
      if (includesTiff(holds))
        for await (const entry of tiffEntries(db, content.images, padTiles)) yield { ...entry, lastModified: now };
    })(),
  );
}

/** Streams the ZIP into a file the person picks; nothing but the entry being written is in memory. */
export async function saveZipToFile(db: VitrineDb, request: ZipRequest) {
  const handle = await (window as unknown as SaveFilePicker).showSaveFilePicker({
    suggestedName: zipName(request.title),
    types: [{ description: 'ZIP archive', accept: { 'application/zip': ['.zip'] } }],
  });
  const body = zipResponse(db, request).body;
  if (!body) throw new Error('The ZIP stream could not be created');
  let bytes = 0;
  const counted = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  await body.pipeThrough(counted).pipeTo(await handle.createWritable());
  return { name: handle.name, bytes };
}

/** Downloads the ZIP through a Blob, which browsers keep on disk when it is large. */
export async function downloadZipFile(db: VitrineDb, request: ZipRequest) {
  const blob = await zipResponse(db, request).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  const name = zipName(request.title);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, bytes: blob.size };
}
