import { withTimeout } from '../shared/with-timeout';

const RELOADED_FOR_ISOLATION = 'vitrine.reloadedForIsolation';

export interface ServiceWorkerHooks {
  /** A new version is installed and waiting; `apply` switches to it (the page then reloads). */
  onUpdate(apply: () => void): void;
}

/**
 * Registers the one service worker. On a host that sends no COOP/COEP, the page reloads once when the
 * worker takes control, so its responses (with the headers added) make the page cross-origin isolated.
 * Says whether the page is about to reload for that.
 */
export async function registerServiceWorker(
  hooks: ServiceWorkerHooks,
): Promise<'reloading' | 'registered' | 'unavailable'> {
  if (!('serviceWorker' in navigator)) return 'unavailable';
  const container = navigator.serviceWorker;
  const registration = await container.register(new URL('sw.js', document.baseURI), { scope: './' });
  if (!crossOriginIsolated && !sessionStorage.getItem(RELOADED_FOR_ISOLATION)) {
    const reload = () => {
      sessionStorage.setItem(RELOADED_FOR_ISOLATION, '1');
      location.reload();
    };
    if (container.controller) reload();
    else container.addEventListener('controllerchange', reload, { once: true });
    return 'reloading';
  }
  const offer = (worker: ServiceWorker | null) => {
    if (!worker || !container.controller) return;
    hooks.onUpdate(() => {
      container.addEventListener('controllerchange', () => location.reload(), { once: true });
      worker.postMessage('skip-waiting');
    });
  };
  offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer(installing);
    });
  });
  return 'registered';
}

/**
 * Resolves once a service worker controls the page, or after `ms` if none takes control. Work that
 * fetches (the tiling worker's modules and wasm, lazy chunks) waits for this on a first visit: in Firefox
 * ESR, requests in flight when the new worker claimed the page hung for 60 s, then failed with
 * NS_ERROR_INTERCEPTION_FAILED (2 of 10 fresh profiles), and the tiling worker stopped without a message.
 */
export function whenControlled(ms: number): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller) return Promise.resolve();
  const claimed = new Promise<void>((resolve) =>
    container.addEventListener('controllerchange', () => resolve(), { once: true }),
  );
  return withTimeout(claimed, ms).catch(() => undefined);
}
