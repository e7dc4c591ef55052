import { normaliseRights, type Descriptive, type LabelValue } from './descriptive';
import type { MetadataTable } from './metadata-table';

export interface JoinImage {
  id: string;
  /** The original file name. */
  name: string;
}

export interface JoinPlan {
  /** Image id → index of its row. */
  matches: Map<string, number>;
  unmatchedRows: number[];
  imagesWithoutRow: string[];
}

/** Columns a file name is looked for in when the person picks none. */
const NAME_COLUMNS = ['file', 'filename', 'file_name', 'file name', 'image', 'name', 'artwork_id', 'id'];

export const comparable = (s: string) => s.normalize('NFC').trim().toLowerCase();
const withoutExtension = (s: string) => s.replace(/\.[a-z0-9]{1,5}$/i, '');

/** The column that holds file names or ids: the picked one, else the first well-known one present. */
export function keyColumn(table: MetadataTable, picked?: string): string {
  if (picked) {
    if (!table.columns.includes(picked)) throw new RangeError(`No column “${picked}” in the metadata`);
    return picked;
  }
  const found = table.columns.find((c) => NAME_COLUMNS.includes(comparable(c)));
  if (!found) throw new RangeError(`Pick the column that names each image (columns: ${table.columns.join(', ')})`);
  return found;
}

/** Which row goes with which image: by file name with or without extension, or by image id; first row wins. */
export function planJoin(images: readonly JoinImage[], table: MetadataTable, column: string): JoinPlan {
  const byKey = new Map<string, number>();
  table.rows.forEach((row, index) => {
    const key = comparable(row[column] ?? '');
    if (key && !byKey.has(key)) byKey.set(key, index);
  });
  const matches = new Map<string, number>();
  for (const image of images) {
    const candidates = [image.name, withoutExtension(image.name), image.id].map(comparable);
    const index = candidates.map((k) => byKey.get(k)).find((i) => i !== undefined);
    if (index !== undefined) matches.set(image.id, index);
  }
  const used = new Set(matches.values());
  return {
    matches,
    unmatchedRows: table.rows.map((_, i) => i).filter((i) => !used.has(i)),
    imagesWithoutRow: images.filter((i) => !matches.has(i.id)).map((i) => i.id),
  };
}

const FIELD: Record<string, 'label' | 'summary' | 'rights' | 'attribution' | 'date' | 'ignore'> = {
  title: 'label',
  label: 'label',
  description: 'summary',
  summary: 'summary',
  rights: 'rights',
  license: 'rights',
  licence: 'rights',
  attribution: 'attribution',
  credit: 'attribution',
  'credit line': 'attribution',
  date: 'date',
  thumbnail: 'ignore',
};

/**
 * A row as IIIF descriptive metadata: known columns map to label, summary, rights, requiredStatement
 * and navDate; every other non-empty column becomes a metadata pair. The columns in `leaveOut` (the key,
 * the object and sequence columns) are left out.
 */
export function rowToDescriptive(
  row: Record<string, string>,
  columns: readonly string[],
  leaveOut: readonly string[],
  base: Descriptive,
): Descriptive {
  const out: Descriptive = { ...base, metadata: [] };
  const metadata: LabelValue[] = [];
  for (const column of columns) {
    const value = row[column] ?? '';
    if (!value || leaveOut.includes(column)) continue;
    const field = FIELD[comparable(column)];
    if (field === 'label') out.label = value;
    else if (field === 'summary') out.summary = value;
    else if (field === 'attribution') out.requiredStatement = { label: 'Attribution', value };
    else if (field === 'rights') {
      try {
        out.rights = normaliseRights(value);
      } catch {
        metadata.push({ label: column, value });
      }
    } else if (field === 'date') {
      const navDate = parseNavDate(value);
      if (navDate) out.navDate = navDate;
      else metadata.push({ label: column, value });
    } else if (field !== 'ignore') metadata.push({ label: column, value });
  }
  out.metadata = metadata;
  return out;
}

/** A date as IIIF navDate (xsd:dateTime, UTC) from 1889, 1889-06 or 1889-06-18 (with an optional time). */
export function parseNavDate(text: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?Z?)?)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
  const date = new Date(iso);
  // Rejects 1889-13-40 and the like, which Date would roll over.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(`${y}-${mo}-${d}T${h}:${mi}`) ? iso : undefined;
}
