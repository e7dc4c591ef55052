import { buildBundleIndexHtml } from '../shared/bundle-index-html';
import { serialiseJson } from '../shared/bundle-json';
import type { VitrineDb } from '../shared/db';
import { buildInfoJson } from '../shared/iiif-info';
import { buildCollection, buildManifest } from '../shared/iiif-manifest';
import { buildObjectManifest } from '../shared/object-manifest';
import { publications } from '../shared/publication';
import { contentTypeOf } from '../shared/content-type';
import { indexEntries } from '../shared/bundle-documents';

const CORS = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };

const json = (value: unknown) =>
  new Response(serialiseJson(value), { headers: { ...CORS, 'Content-Type': 'application/json' } });
const notFound = () => new Response('Not found', { status: 404, headers: CORS });

/** The project's manifests now: finished images and the objects they are canvases of. */
async function localPublications(db: VitrineDb) {
  const done = (await db.getAll('images', undefined)).filter((r) => r.state === 'done');
  done.sort((a, b) => a.createdAt - b.createdAt);
  return publications(done, await db.getAll('objects'));
}

/**
 * Answers `{base}/{id}/info.json`, `{base}/{id}/manifest.json` (an image's or an object's),
 * `{base}/collection.json` and every stored tile from IndexedDB, with ids written for `base`: what a
 * static host of the export would serve (an image inside an object also keeps a manifest of its own here).
 */
export async function serveLocalIiif(db: VitrineDb, base: string, path: string): Promise<Response> {
  if (path === 'collection.json' || path === 'index.html') {
    const manifests = await localPublications(db);
    if (path === 'collection.json') return json(buildCollection(manifests, base, 'Local collection'));
    const html = buildBundleIndexHtml(indexEntries(manifests), 'Local bundle');
    return new Response(html, { headers: { 'Content-Type': contentTypeOf(path) } });
  }
  // Tiles are the hot path: one record by key, not every record per request.
  const slash = path.indexOf('/');
  const folder = slash < 0 ? '' : path.slice(0, slash);
  const rest = path.slice(slash + 1);
  const record = folder ? await db.get('images', folder) : undefined;
  if (!record && rest === 'manifest.json' && (await db.getKey('objects', folder))) {
    const object = (await localPublications(db)).find((m) => m.id === folder);
    return object ? json(buildObjectManifest(object, base)) : notFound();
  }
  if (!record || record.state !== 'done') return notFound();
  if (rest === 'info.json') return json(buildInfoJson(record, base));
  if (rest === 'manifest.json') return json(buildManifest(record, base));
  const file = await db.get('files', [record.id, rest]);
  if (!file) return notFound();
  return new Response(file.data, { headers: { ...CORS, 'Content-Type': contentTypeOf(rest) } });
}
