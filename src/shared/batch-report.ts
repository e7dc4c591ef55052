import type { StoredObject } from './iiif-object';
import { scaleFactors, tileCount } from './pyramid';
import { encodingsFor, type TileSettings } from './settings';

/** One image of a batch as the report needs it: from the app's record or the CLI's result. */
export interface ReportInput {
  id: string;
  name: string;
  state: 'done' | 'failed';
  format?: string;
  /** Which encoder wrote the tile rows (see EncodeRoute). */
  route?: string;
  width: number;
  height: number;
  settings: TileSettings;
  storedBytes: number;
  elapsedMs?: number;
  warnings: string[];
  error?: string;
}

export interface ReportRow {
  id: string;
  name: string;
  object: string;
  state: 'done' | 'failed';
  format: string;
  route: string;
  width: number;
  height: number;
  /** Tile files written: every tile of every level, in each encoding. */
  tiles: number;
  /** Resolution levels; the highest zoom level is one less. */
  levels: number;
  bytes: number;
  ms: number;
  warnings: string;
}

export interface BatchReport {
  rows: ReportRow[];
  objects: { id: string; label: string; canvases: number }[];
  totals: { images: number; failed: number; tiles: number; bytes: number; ms: number; meanTiles: number };
}

export const REPORT_COLUMNS: readonly (keyof ReportRow)[] = [
  'id',
  'name',
  'object',
  'state',
  'format',
  'route',
  'width',
  'height',
  'tiles',
  'levels',
  'bytes',
  'ms',
  'warnings',
];

/** Per image, per object and in total: what a batch wrote, computed from what each image's pyramid holds. */
export function buildReport(inputs: readonly ReportInput[], objects: readonly StoredObject[]): BatchReport {
  const objectOf = new Map(objects.flatMap((o) => o.canvases.map((id) => [id, o.id] as const)));
  const rows = inputs.map((i): ReportRow => {
    const done = i.state === 'done' && i.width > 0;
    const size = { width: i.width, height: i.height };
    return {
      id: i.id,
      name: i.name,
      object: objectOf.get(i.id) ?? '',
      state: i.state,
      format: i.format ?? '',
      route: i.route ?? '',
      width: i.width,
      height: i.height,
      tiles: done ? tileCount(size, i.settings.tileSize) * encodingsFor(i.settings).length : 0,
      levels: done ? scaleFactors(size, i.settings.tileSize).length : 0,
      bytes: i.storedBytes,
      ms: i.elapsedMs ?? 0,
      warnings: [...(i.error ? [i.error] : []), ...i.warnings].join('; '),
    };
  });
  const done = rows.filter((r) => r.state === 'done');
  const sum = (key: 'tiles' | 'bytes' | 'ms') => rows.reduce((n, r) => n + r[key], 0);
  const tiles = sum('tiles');
  const finished = new Set(done.map((r) => r.id));
  return {
    rows,
    objects: objects
      .map((o) => ({
        id: o.id,
        label: o.descriptive.label,
        canvases: o.canvases.filter((c) => finished.has(c)).length,
      }))
      .filter((o) => o.canvases > 0),
    totals: {
      images: done.length,
      failed: rows.length - done.length,
      tiles,
      bytes: sum('bytes'),
      ms: sum('ms'),
      meanTiles: done.length ? Math.round((tiles / done.length) * 10) / 10 : 0,
    },
  };
}

/** The per-image rows as CSV (RFC 4180 quoting), a header first. */
export function reportCsv(report: BatchReport): string {
  const cell = (v: string | number) => {
    const text = String(v);
    // A leading = + - @ would be a formula to a spreadsheet: quoted text with a leading apostrophe stays text.
    const safe = /^[=+\-@]/.test(text) && typeof v === 'string' ? `'${text}` : text;
    return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [REPORT_COLUMNS.join(','), ...report.rows.map((r) => REPORT_COLUMNS.map((c) => cell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
