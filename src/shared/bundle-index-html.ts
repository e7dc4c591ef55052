/** The bundle's index.html: its objects and images, each opening in OpenSeadragon when the folder is served. */
import type { BatchReport } from './batch-report';

export const BUNDLE_VIEWER_SCRIPT = 'viewer/viewer.js';
export const BUNDLE_OSD_SCRIPT = 'viewer/openseadragon.min.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A line of the list: an image, or an object whose canvases are listed below its label. */
export interface IndexEntry {
  id: string;
  label: string;
  canvases?: { id: string; label: string }[];
}

const button = (id: string, label: string) =>
  `<button type="button" data-image="${escapeHtml(id)}">${escapeHtml(label)}</button>`;

function entryHtml(entry: IndexEntry): string {
  if (!entry.canvases) return `      <li>${button(entry.id, entry.label)}</li>`;
  const pages = entry.canvases.map((c) => `          <li>${button(c.id, c.label)}</li>`).join('\n');
  return `      <li data-object="${escapeHtml(entry.id)}"><strong>${escapeHtml(entry.label)}</strong>
        <ol>
${pages}
        </ol>
      </li>`;
}

/** The report's totals, and its rows in a table a person can open. */
function reportHtml(report: BatchReport): string {
  const t = report.totals;
  const cells = (values: (string | number)[], tag: string) =>
    values.map((v) => `<${tag}>${escapeHtml(String(v))}</${tag}>`).join('');
  const head = cells(['Image', 'Object', 'Format', 'Width', 'Height', 'Tiles', 'Levels', 'Bytes', 'Warnings'], 'th');
  const rows = report.rows
    .map((r) => {
      const values = [r.id, r.object, r.format, r.width, r.height, r.tiles, r.levels, r.bytes, r.warnings];
      return `            <tr>${cells(values, 'td')}</tr>`;
    })
    .join('\n');
  const singles = report.rows.filter((r) => r.state === 'done' && !r.object).length;
  const failed = t.failed ? `; ${t.failed} failed` : '';
  return `      <section data-testid="bundle-report">
        <p>${t.images} images: ${report.objects.length} objects and ${singles} single images.
          ${t.tiles} tiles (${t.meanTiles} per image), ${t.bytes} bytes${failed}.</p>
        <details>
          <summary>Report</summary>
          <table>
            <tr>${head}</tr>
${rows}
          </table>
        </details>
      </section>
`;
}

export function buildBundleIndexHtml(entries: readonly IndexEntry[], title: string, report?: BatchReport): string {
  const items = entries.map(entryHtml).join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <style>
      body { margin: 0; font: 15px/1.4 system-ui, sans-serif; display: grid; grid-template-columns: 16rem 1fr; height: 100vh; }
      nav { overflow: auto; border-right: 1px solid #ccc; padding: 0.5rem; }
      nav ul, nav ol { list-style: none; margin: 0; padding: 0; }
      nav ol { padding-left: 0.75rem; }
      nav button { width: 100%; text-align: left; padding: 0.4rem; background: none; border: 0; cursor: pointer; }
      nav button[aria-current="true"] { background: #e4ecf7; }
      nav table { font-size: 12px; border-collapse: collapse; }
      nav td, nav th { border: 1px solid #ddd; padding: 0 0.2rem; }
      #viewer { background: #111; }
    </style>
  </head>
  <body>
    <nav>
      <h1>${escapeHtml(title)}</h1>
      <ul>
${items}
      </ul>
${report ? reportHtml(report) : ''}    </nav>
    <main id="viewer" aria-label="Image viewer"></main>
    <script src="${BUNDLE_OSD_SCRIPT}"></script>
    <script src="${BUNDLE_VIEWER_SCRIPT}"></script>
  </body>
</html>
`;
}
