import { buildBundleIndexHtml } from '../shared/bundle-index-html';
import { serialiseJson } from '../shared/bundle-json';
import type { VitrineDb } from '../shared/db';
import { buildInfoJson } from '../shared/iiif-info';
import { buildCollection, buildManifest } from '../shared/iiif-manifest';
import { contentTypeOf } from '../shared/content-type';

const CORS = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };

const json = (value: unknown) =>
  new Response(serialiseJson(value), { headers: { ...CORS, 'Content-Type': 'application/json' } });
const notFound = () => new Response('Not found', { status: 404, headers: CORS });

/**
 * Answers `{base}/{id}/info.json`, `{base}/{id}/manifest.json`, `{base}/collection.json` and every stored
 * tile from IndexedDB, with ids written for `base`: exactly what a static host of the export would serve.
 */
export async function serveLocalIiif(db: VitrineDb, base: string, path: string): Promise<Response> {
  if (path === 'collection.json' || path === 'index.html') {
    const done = (await db.getAll('images')).filter((r) => r.state === 'done');
    if (path === 'collection.json') return json(buildCollection(done, base, 'Local collection'));
    const html = buildBundleIndexHtml(
      done.map((r) => ({ id: r.id, label: r.descriptive.label })),
      'Local bundle',
    );
    return new Response(html, { headers: { 'Content-Type': contentTypeOf(path) } });
  }
  // Tiles are the hot path: one record by key, not every record per request.
  const slash = path.indexOf('/');
  const record = slash < 0 ? undefined : await db.get('images', path.slice(0, slash));
  if (!record || record.state !== 'done') return notFound();
  const rest = path.slice(slash + 1);
  if (rest === 'info.json') return json(buildInfoJson(record, base));
  if (rest === 'manifest.json') return json(buildManifest(record, base));
  const file = await db.get('files', [record.id, rest]);
  if (!file) return notFound();
  return new Response(file.data, { headers: { ...CORS, 'Content-Type': contentTypeOf(rest) } });
}
