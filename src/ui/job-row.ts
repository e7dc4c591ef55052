import type { ImageRecord } from '../shared/db';
import type { EncodeRoute } from '../shared/encoder-route';
import { localIiifBase } from '../shared/local-iiif-path';
import { offeredSizes, sizePath, tileCount } from '../shared/pyramid';
import { encodingsFor } from '../shared/settings';
import { canRetry } from '../shared/tile-error';
import { formatBytes, formatSeconds, h } from './dom';

export interface RowActions {
  view(id: string): void;
  mirador(id: string): void;
  cancel(id: string): void;
  retry(id: string): void;
  remove(id: string): void;
}

const STATE_TEXT = {
  queued: 'Queued',
  running: 'Tiling…',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
} as const;

/** Who encoded the tiles, first in the row's notes (their counts follow). */
const ROUTE_TEXT: Record<EncodeRoute, string> = {
  libvips: 'Encoded by libvips',
  browser: "Encoded by the browser's JPEG encoder and libvips",
  'lent-worker': 'Encoded by libvips, with a lent worker',
};

/** The row of one image: the automation contract's `[data-testid=job]`. */
export function renderJobRow(
  record: ImageRecord,
  progress: number,
  actions: RowActions,
  describe: Node,
): HTMLLIElement {
  const row = h('li', {
    class: `job job-${record.state}`,
    'data-testid': 'job',
    'data-name': record.name,
    'data-image-id': record.id,
    'data-state': record.state,
    'data-elapsed-ms': record.state === 'done' ? record.elapsedMs : undefined,
    'data-wasm-bytes': record.wasmBytes,
    'data-route': record.route,
  });
  const fraction = record.state === 'done' ? 1 : progress;
  row.append(
    h(
      'div',
      { class: 'job-head' },
      record.state === 'done' && thumbnail(record),
      h('span', { class: 'job-name', title: record.name }, record.name),
      h('span', { class: 'job-dims' }, record.width ? `${record.width} × ${record.height}` : ''),
      h('progress', { class: 'job-progress', max: 1, value: fraction, 'aria-label': `Progress of ${record.name}` }),
      h('span', { class: 'job-state' }, STATE_TEXT[record.state]),
      h(
        'span',
        { class: 'job-elapsed' },
        record.elapsedMs !== undefined && record.state === 'done' ? formatSeconds(record.elapsedMs) : '',
      ),
      h('span', { class: 'job-input', title: 'Size of the dropped file' }, `in ${formatBytes(record.sourceBytes)}`),
      record.state === 'done' &&
        h(
          'span',
          { class: 'job-tiles', title: 'Tile files written, every level and encoding' },
          `${tilesOf(record)} tiles`,
        ),
      h(
        'span',
        { class: 'job-bytes', title: 'Bytes written: tiles and sizes' },
        record.storedBytes ? `out ${formatBytes(record.storedBytes)}` : '',
      ),
      record.state === 'done' && button('View', 'view-image', () => actions.view(record.id)),
      record.state === 'done' && button('Mirador', 'open-mirador', () => actions.mirador(record.id)),
      (record.state === 'queued' || record.state === 'running') &&
        button('Preview', 'preview-image', () => actions.view(record.id)),
      (record.state === 'queued' || record.state === 'running') &&
        button('Cancel', 'cancel-image', () => actions.cancel(record.id)),
      record.state === 'failed' &&
        canRetry(record.errorCode) &&
        button('Retry', 'retry-image', () => actions.retry(record.id)),
      record.state !== 'running' &&
        record.state !== 'queued' &&
        button('Delete', 'delete-image', () => actions.remove(record.id), 'danger'),
    ),
  );
  if (record.error) row.append(h('p', { class: 'job-error', 'data-testid': 'job-error', role: 'alert' }, record.error));
  if (record.damaged) {
    const reason = record.sourceMetadata?.find((m) => m.label === 'Damaged file')?.value;
    const text = `Damaged file, tiled anyway${reason ? `: ${reason}` : ''}`;
    row.append(h('p', { class: 'job-warning', 'data-testid': 'job-warning', role: 'status' }, text));
  }
  // Damage has its own line above; other warnings (frames left out, a profile ignored) are listed here.
  const warnings = (record.warnings ?? []).filter((w) => !w.startsWith('damaged file tiled anyway'));
  if (warnings.length) {
    row.append(h('p', { class: 'job-warning', 'data-testid': 'job-warnings', role: 'status' }, warnings.join('; ')));
  }
  const notes = [...(record.route ? [ROUTE_TEXT[record.route]] : []), ...record.notes];
  if (notes.length) row.append(h('p', { class: 'job-notes', 'data-testid': 'job-notes' }, notes.join('; ')));
  if (record.state === 'done') row.append(describe);
  return row;
}

/** Tile files of a finished image, from its pyramid's geometry (the report counts them the same way). */
const tilesOf = (record: ImageRecord) =>
  tileCount(record, record.settings.tileSize) * encodingsFor(record.settings).length;

/** The smallest stored size, as the service worker serves it from the stored bundle (no copy in memory). */
function thumbnail(record: ImageRecord): HTMLImageElement {
  const size = offeredSizes(record, record.settings.tileSize, record.settings.maxSide)[0]!;
  const src = `${localIiifBase(document.baseURI)}/${record.id}/${sizePath(size, 'jpg')}`;
  return h('img', { class: 'job-thumb', src, alt: '', loading: 'lazy', width: 48, height: 48 });
}

function button(text: string, testId: string, onClick: () => void, kind?: 'danger'): HTMLButtonElement {
  const b = h('button', { type: 'button', 'data-testid': testId, class: kind }, text);
  b.addEventListener('click', onClick);
  return b;
}
