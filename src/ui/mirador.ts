import { viewer, type MiradorViewer } from 'mirador';
import { localIiifBase } from '../shared/local-iiif-path';

let current: MiradorViewer | null = null;

/**
 * Opens Mirador (loaded only now: it is large) on a manifest or the collection served at local URLs.
 * The service worker must control the page, or those URLs would not exist.
 */
export async function openMirador(element: HTMLElement, target: { manifest: string } | 'collection'): Promise<void> {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    throw new Error('Mirador reads the local bundle through the service worker, which does not control this page yet');
  }
  closeMirador();
  const manifestId = target === 'collection' ? `${localIiifBase(document.baseURI)}/collection.json` : target.manifest;
  current = viewer({
    id: element.id,
    windows: [{ manifestId }],
    window: { allowClose: false, allowMaximize: false },
    workspace: { type: 'mosaic' },
    workspaceControlPanel: { enabled: false },
  });
}

export function closeMirador(): void {
  current?.unmount();
  current = null;
}
