import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import osdScript from 'openseadragon/build/openseadragon/openseadragon.min.js?raw';
import viewerScript from '../../public/bundle-viewer.js?raw';
import { BUNDLE_OSD_SCRIPT, BUNDLE_VIEWER_SCRIPT, buildBundleIndexHtml } from '../shared/bundle-index-html';
import { bundleJsonFiles, serialiseJson } from '../shared/bundle-json';
import type { StoredImage } from '../shared/iiif-manifest';

/** Everything of the bundle but the tiles: the same files, from the same builders, as the app's ZIP. */
export async function writeBundleDocuments(
  out: string,
  images: readonly StoredImage[],
  baseUrl: string,
  title: string,
) {
  const files: [string, string][] = [
    ...bundleJsonFiles(images, baseUrl, title).map((f): [string, string] => [f.path, serialiseJson(f.json)]),
    [
      'index.html',
      buildBundleIndexHtml(
        images.map((i) => ({ id: i.id, label: i.descriptive.label })),
        title,
      ),
    ],
    [BUNDLE_VIEWER_SCRIPT, viewerScript],
    [BUNDLE_OSD_SCRIPT, osdScript],
  ];
  for (const [path, text] of files) {
    await mkdir(dirname(join(out, path)), { recursive: true });
    await writeFile(join(out, path), text);
  }
}
