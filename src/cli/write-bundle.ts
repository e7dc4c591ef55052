import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import osdScript from 'openseadragon/build/openseadragon/openseadragon.min.js?raw';
import viewerScript from '../../public/bundle-viewer.js?raw';
import type { ReportInput } from '../shared/batch-report';
import { bundleTextFiles } from '../shared/bundle-documents';
import { BUNDLE_OSD_SCRIPT, BUNDLE_VIEWER_SCRIPT } from '../shared/bundle-index-html';
import type { StoredImage } from '../shared/iiif-manifest';
import type { StoredObject } from '../shared/iiif-object';
import type { IiifVersion } from '../shared/iiif-version';

export interface CliBundle {
  images: readonly StoredImage[];
  objects: readonly StoredObject[];
  report: readonly ReportInput[];
}

/** Everything of the bundle but the tiles: the same files, from the same builders, as the app's ZIP. */
export function bundleDocumentFiles(
  content: CliBundle,
  baseUrl: string,
  title: string,
  version: IiifVersion = '3',
): [string, string][] {
  return [
    ...bundleTextFiles(content.images, content.objects, content.report, baseUrl, title, version).map(
      (f): [string, string] => [f.path, f.text],
    ),
    [BUNDLE_VIEWER_SCRIPT, viewerScript],
    [BUNDLE_OSD_SCRIPT, osdScript],
  ];
}

export async function writeBundleDocuments(
  out: string,
  content: CliBundle,
  baseUrl: string,
  title: string,
  version: IiifVersion = '3',
) {
  for (const [path, text] of bundleDocumentFiles(content, baseUrl, title, version)) {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), text);
  }
}
