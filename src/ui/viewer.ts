import OpenSeadragon from 'openseadragon';
import type { ImageRecord, VitrineDb } from '../shared/db';
import { buildInfoJson } from '../shared/iiif-info';
import { localIiifBase } from '../shared/local-iiif-path';
import { contentTypeOf } from '../shared/content-type';
import { scaleFactors } from '../shared/pyramid';
import type { QuickPreview } from './quick-preview';

/** The preview uses the local bundle's URLs too, but answers them from IndexedDB itself: it never fetches. */
const LOCAL_BASE = localIiifBase(document.baseURI);

interface TileStats {
  requested: number;
  loaded: number;
  failed: string[];
  finestScale: number;
  /** When the first tile was loaded, on the page's clock (the benchmark's first-preview time). */
  firstAt?: number;
}

let viewer: OpenSeadragon.Viewer | null = null;

/** The 2D canvas drawer: OpenSeadragon's WebGL one took about 600 ms to start in headless Chromium, measured. */
const DRAWER = 'canvas';

/**
 * Opens a finished image in OpenSeadragon with its IIIF tile source: OpenSeadragon builds every URL
 * exactly as it would against a static host, and each is answered from the stored bundle. The element
 * gets data-tiles-requested/-loaded/-failed and data-finest-scale for tests and curious people.
 */
export function openViewer(
  element: HTMLElement,
  db: VitrineDb,
  records: readonly ImageRecord[],
  /** Carry the quick preview's view over (same normalised coordinates), rather than the whole image. */
  keepView = false,
): void {
  const bounds = keepView ? viewer?.viewport.getBounds(true) : undefined;
  viewer?.destroy();
  element.dataset.preview = 'tiles';
  forgetPreview(element);
  const stats: TileStats = { requested: 0, loaded: 0, failed: [], finestScale: Infinity };
  const show = () => {
    element.dataset.imageId = records[0]!.id;
    element.dataset.tilesRequested = String(stats.requested);
    element.dataset.tilesLoaded = String(stats.loaded);
    element.dataset.tilesFailed = String(stats.failed.length);
    element.dataset.failedPaths = stats.failed.slice(0, 20).join(' ');
    element.dataset.finestScale = String(stats.finestScale);
    if (stats.firstAt !== undefined) element.dataset.firstTileAt = String(stats.firstAt);
  };
  const sources = records.map((record) => storedTileSource(db, record, stats, show));
  element.replaceChildren();
  show();
  viewer = OpenSeadragon({
    element,
    tileSources: sources,
    // An object is a sequence with a strip of its pages; our own buttons replace OpenSeadragon's images.
    sequenceMode: records.length > 1,
    showReferenceStrip: records.length > 1,
    showSequenceControl: false,
    showNavigationControl: false,
    showNavigator: true,
    navigatorPosition: 'BOTTOM_RIGHT',
    crossOriginPolicy: false,
    maxZoomPixelRatio: 2,
    drawer: DRAWER,
  });
  if (bounds) viewer.addOnceHandler('open', (e) => e.eventSource.viewport.fitBounds(bounds, true));
  wireControls(viewer, records);
}

/**
 * While `record` is still being tiled: the browser's own decode of it (see quick-preview.ts) as a plain
 * image, zoomable up to its size; data-preview="quick", and data-tiles-loaded counts its drawn tiles.
 */
export function openQuickPreview(element: HTMLElement, preview: QuickPreview, record: ImageRecord): void {
  viewer?.destroy();
  let loaded = 0;
  forgetPreview(element);
  element.replaceChildren();
  Object.assign(element.dataset, { imageId: record.id, preview: 'quick', tilesRequested: '0', tilesLoaded: '0' });
  Object.assign(element.dataset, { tilesFailed: '0', failedPaths: '', finestScale: '' });
  // What is on screen, for tests and curious people: the decoded preview itself.
  Object.assign(element.dataset, { previewUrl: preview.url, previewSize: `${preview.width}x${preview.height}` });
  viewer = OpenSeadragon({
    element,
    tileSources: { type: 'image', url: preview.url, buildPyramid: true } as never,
    drawer: DRAWER,
    showNavigationControl: false,
    showNavigator: true,
    navigatorPosition: 'BOTTOM_RIGHT',
    crossOriginPolicy: false,
    maxZoomPixelRatio: 2,
  });
  viewer.addHandler('tile-loaded', () => {
    if (!loaded) element.dataset.firstTileAt = String(Math.round(performance.now()));
    element.dataset.tilesLoaded = element.dataset.tilesRequested = String(++loaded);
  });
  wireControls(
    viewer,
    [record],
    `Quick preview, ${preview.width} × ${preview.height} px: the tiles replace it once stored`,
  );
}

/** Instead of a viewer: why there is nothing to see yet, or any more. */
export function showViewerMessage(element: HTMLElement, text: string): void {
  closeViewer();
  element.dataset.preview = 'none';
  element.replaceChildren(
    Object.assign(document.createElement('p'), { className: 'viewer-message', textContent: text }),
  );
}

/** A record's IIIF tile source whose every tile is read from IndexedDB: it never fetches. */
function storedTileSource(db: VitrineDb, record: ImageRecord, stats: TileStats, show: () => void) {
  const info = buildInfoJson(record, LOCAL_BASE);
  const prefix = `${info.id}/`;
  const source = new OpenSeadragon.IIIFTileSource(
    OpenSeadragon.IIIFTileSource.prototype.configure(structuredClone(info) as never, '', '') as never,
  );
  const maxLevel = Math.log2(Math.max(...(info.tiles?.[0]?.scaleFactors ?? [1])));
  source.downloadTileStart = (job: OpenSeadragon.ImageJob) => {
    stats.requested++;
    show();
    const path = job.src.startsWith(prefix) ? job.src.slice(prefix.length) : job.src;
    const settle = (data: ArrayBuffer | undefined) => {
      if (job.jobId === null || job.userData.aborted) return;
      if (!data) {
        stats.failed.push(path);
        show();
        job.fail(`missing ${path}`, null);
        return;
      }
      stats.firstAt ??= Math.round(performance.now());
      stats.loaded++;
      stats.finestScale = Math.min(stats.finestScale, 2 ** (maxLevel - job.tile.level));
      show();
      job.finish(new Blob([data], { type: contentTypeOf(path) }), null, 'rasterBlob');
    };
    db.get('files', [record.id, path]).then(
      (file) => settle(file?.data),
      () => settle(undefined),
    );
  };
  source.downloadTileAbort = (job: OpenSeadragon.ImageJob) => {
    job.userData.aborted = true;
  };
  return source;
}

/** Zoom, whole image, full screen, previous and next page, and the scale and pixel size as the view changes. */
function wireControls(v: OpenSeadragon.Viewer, records: readonly ImageRecord[], quick?: string): void {
  const find = <T extends HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`);
  const on = (testId: string, act: () => void) => {
    const button = find<HTMLButtonElement>(testId);
    if (button) button.onclick = act;
  };
  let page = 0;
  on('viewer-zoom-in', () => v.viewport.zoomBy(1.5));
  on('viewer-zoom-out', () => v.viewport.zoomBy(1 / 1.5));
  on('viewer-home', () => v.viewport.goHome());
  on('viewer-full-screen', () => v.setFullScreen(!v.isFullPage()));
  on('viewer-previous', () => v.goToPage(Math.max(0, page - 1)));
  on('viewer-next', () => v.goToPage(Math.min(records.length - 1, page + 1)));
  for (const id of ['viewer-previous', 'viewer-next']) {
    const button = find<HTMLButtonElement>(id);
    if (button) button.hidden = records.length < 2;
  }
  const scale = find<HTMLElement>('viewer-scale');
  const show = () => {
    const record = records[page]!;
    if (quick) {
      if (scale) scale.textContent = quick;
      return;
    }
    const shown = v.viewport.viewportToImageZoom(v.viewport.getZoom(true));
    const where = records.length > 1 ? `page ${page + 1} of ${records.length} · ` : '';
    // The pyramid level whose pixels are on screen: level 0 is the smallest, the last is full resolution.
    const levels = scaleFactors(record, record.settings.tileSize).length;
    const level = Math.min(levels - 1, Math.max(0, levels - 1 + Math.ceil(Math.log2(Math.min(1, shown)))));
    const text = `${where}${Math.round(shown * 100)}% of ${record.width} × ${record.height} px`;
    if (scale) scale.textContent = `${text} · level ${level} of ${levels - 1}`;
  };
  v.addHandler('page', (event) => {
    page = event.page;
    show();
  });
  v.addHandler('animation', show);
  v.addHandler('open', show);
}

export function closeViewer(): void {
  viewer?.destroy();
  viewer = null;
  const element = document.querySelector<HTMLElement>('[data-testid=viewer]');
  if (element) forgetPreview(element);
}

/** What a closed or replaced viewer said about its preview. */
function forgetPreview(element: HTMLElement): void {
  delete element.dataset.firstTileAt;
  delete element.dataset.previewUrl;
  delete element.dataset.previewSize;
}
