import Papa from 'papaparse';

/** A catalogue export: one row per image, every value as text, columns in file order. */
export interface MetadataTable {
  columns: string[];
  rows: Record<string, string>[];
}

/**
 * Reads a CSV (comma, semicolon or tab separated; UTF-8 with or without BOM; quoted fields holding
 * delimiters and newlines) or a JSON array of objects. Throws with a message for the person otherwise.
 */
export function parseMetadata(text: string): MetadataTable {
  const body = text.replace(/^\uFEFF/, '');
  return /^\s*\[/.test(body) ? fromJson(body) : fromCsv(body);
}

function fromCsv(text: string): MetadataTable {
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    transformHeader: (h) => h.trim(),
  });
  const serious = result.errors.find((e) => e.type !== 'Delimiter');
  if (serious) throw new SyntaxError(`CSV row ${serious.row ?? '?'}: ${serious.message}`);
  const columns = (result.meta.fields ?? []).filter(Boolean);
  if (columns.length === 0) throw new SyntaxError('The CSV has no header row');
  const rows = result.data.map((row) => Object.fromEntries(columns.map((c) => [c, (row[c] ?? '').trim()])));
  return { columns, rows };
}

function fromJson(text: string): MetadataTable {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data) || !data.every((r) => r && typeof r === 'object' && !Array.isArray(r))) {
    throw new SyntaxError('The JSON must be an array of objects, one per image');
  }
  const columns = [...new Set(data.flatMap((r: object) => Object.keys(r)))];
  const text_ = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const rows = data.map((r: Record<string, unknown>) =>
    Object.fromEntries(columns.map((c) => [c, text_(r[c]).trim()])),
  );
  return { columns, rows };
}
