import { downloadZip } from 'client-zip';
import type { VitrineDb } from '../shared/db';
import { bundleEntries, type BundleContent } from './bundle-entries';

const ZIP_NAME = 'iiif-bundle.zip';

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

function zipResponse(db: VitrineDb, content: BundleContent, baseUrl: string, title: string): Response {
  const now = new Date();
  const entries = bundleEntries(db, content, baseUrl, title);
  // client-zip streams entries as it pulls them and switches to ZIP64 past 4 GiB or 65,535 files.
  return downloadZip(
    (async function* () {
      for await (const entry of entries) yield { ...entry, lastModified: now };
    })(),
  );
}

/** Streams the ZIP into a file the person picks; nothing but the entry being written is in memory. */
export async function saveZipToFile(db: VitrineDb, content: BundleContent, baseUrl: string, title: string) {
  const handle = await (window as unknown as SaveFilePicker).showSaveFilePicker({
    suggestedName: ZIP_NAME,
    types: [{ description: 'ZIP archive', accept: { 'application/zip': ['.zip'] } }],
  });
  const body = zipResponse(db, content, baseUrl, title).body;
  if (!body) throw new Error('The ZIP stream could not be created');
  await body.pipeTo(await handle.createWritable());
}

/** Downloads the ZIP through a Blob, which browsers keep on disk when it is large. */
export async function downloadZipFile(db: VitrineDb, content: BundleContent, baseUrl: string, title: string) {
  const blob = await zipResponse(db, content, baseUrl, title).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = ZIP_NAME;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
