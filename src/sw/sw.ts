/// <reference lib="webworker" />
import { openVitrineDb, type VitrineDb } from '../shared/db';
import { localIiifBase } from '../shared/local-iiif-path';
import { serveLocalIiif } from './local-iiif';

/**
 * Vitrine's one service worker: precaches the app shell and every wasm file so the app works offline,
 * adds the cross-origin isolation headers a static host may not send, and serves the local bundle.
 */
declare const self: ServiceWorkerGlobalScope;
/** Written by the build (vite.sw.config.ts): every file of dist/ and a hash of their contents. */
declare const __PRECACHE__: string[];
declare const __VERSION__: string;

const CACHE = `vitrine-${__VERSION__}`;
const scope = new URL(self.registration.scope);
const localBase = localIiifBase(scope.href);
let db: Promise<VitrineDb> | undefined;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(__PRECACHE__.map((p) => new Request(new URL(p, scope), { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('vitrine-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// A new version waits until the page asks for it, which it does only with the person's consent.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== scope.origin || event.request.method !== 'GET') return;
  if (url.href.startsWith(`${localBase}/`)) {
    db ??= openVitrineDb();
    event.respondWith(
      db.then((d) =>
        serveLocalIiif(d, localBase, decodeURIComponent(url.pathname.slice(new URL(localBase).pathname.length + 1))),
      ),
    );
    return;
  }
  event.respondWith(fromCacheOrNetwork(event.request).then(withIsolationHeaders));
});

async function fromCacheOrNetwork(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const key = request.mode === 'navigate' ? new URL('index.html', scope).href : request;
  // Hosts send `Vary: Origin`, and module scripts carry an Origin header the precache requests lacked.
  return (await cache.match(key, { ignoreSearch: request.mode === 'navigate', ignoreVary: true })) ?? fetch(request);
}

/** The coi-serviceworker technique: the headers that make the page cross-origin isolated, added here. */
function withIsolationHeaders(response: Response): Response {
  if (response.status === 0 || response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
