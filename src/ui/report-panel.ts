import { REPORT_COLUMNS, buildReport, reportCsv, type ReportRow } from '../shared/batch-report';
import { byTestId, formatBytes, h } from './dom';
import type { ImageChange, Project } from './project';

/** The batch report as a table: redrawn when an image finishes or fails, sortable by any column, copied as CSV. */
export function wireReportPanel(project: Project): void {
  const panel = byTestId<HTMLElement>('report-panel');
  const root = byTestId<HTMLElement>('report');
  const totals = byTestId<HTMLElement>('report-totals');
  let sort: { key: keyof ReportRow; descending: boolean } = { key: 'id', descending: false };
  let pending = false;
  const current = () => {
    const { report, objects } = project.bundle();
    return buildReport(report, objects);
  };
  const render = () => {
    pending = false;
    const report = current();
    panel.hidden = report.rows.length === 0;
    const t = report.totals;
    totals.textContent =
      `${t.images} images, ${t.failed} failed, ${report.objects.length} objects; ${t.tiles} tiles ` +
      `(${t.meanTiles} per image), ${formatBytes(t.bytes)}, ${(t.ms / 1000).toFixed(1)} s of tiling`;
    const rows = [...report.rows].sort((a, b) => compare(a[sort.key], b[sort.key]) * (sort.descending ? -1 : 1));
    const head = REPORT_COLUMNS.map((key) => {
      const button = h('button', { type: 'button', 'data-sort': key }, key);
      button.addEventListener('click', () => {
        sort = { key, descending: sort.key === key && !sort.descending };
        render();
      });
      const order = sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined;
      return h('th', { 'aria-sort': order }, button);
    });
    root.replaceChildren(
      h(
        'table',
        { 'data-testid': 'report-table' },
        h('thead', {}, h('tr', {}, ...head)),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h('tr', { 'data-image-id': r.id }, ...REPORT_COLUMNS.map((key) => h('td', {}, String(r[key])))),
          ),
        ),
      ),
    );
  };
  const soon = () => {
    if (!pending) requestAnimationFrame(render);
    pending = true;
  };
  project.addEventListener('change', (event) => {
    if (!(event as CustomEvent<ImageChange>).detail.progressOnly) soon();
  });
  project.addEventListener('objects', soon);
  byTestId('report-copy').addEventListener('click', () => {
    const csv = reportCsv(current());
    void navigator.clipboard.writeText(csv).then(
      () => (totals.dataset.copied = 'true'),
      () => (totals.textContent = 'The browser did not allow copying; select the table instead'),
    );
  });
  render();
}

const compare = (a: string | number, b: string | number) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true });
