import { keyColumn, planJoin, rowToDescriptive, type JoinPlan } from '../shared/metadata-join';
import { parseMetadata, type MetadataTable } from '../shared/metadata-table';
import { byTestId, h } from './dom';
import type { Project } from './project';

/**
 * Catalogue metadata: read a CSV or JSON file, show which rows match which images (and which match
 * nothing) before anything changes, then apply the rows to the images' descriptive metadata.
 */
export function wireMetadataImport(project: Project): void {
  const input = byTestId<HTMLInputElement>('metadata-input');
  const key = byTestId<HTMLSelectElement>('metadata-key');
  const preview = byTestId<HTMLElement>('metadata-preview');
  const apply = byTestId<HTMLButtonElement>('metadata-apply');
  let table: MetadataTable | null = null;

  const images = () => [...project.images.values()].filter((r) => r.state !== 'skipped' && r.state !== 'failed');
  const plan = (): { plan: JoinPlan; column: string } | null => {
    if (!table) return null;
    try {
      const column = keyColumn(table, key.value || undefined);
      return { plan: planJoin(images(), table, column), column };
    } catch (error) {
      preview.replaceChildren(h('p', { class: 'job-error', role: 'alert' }, (error as Error).message));
      apply.disabled = true;
      return null;
    }
  };
  const show = () => {
    const result = plan();
    if (!result || !table) return;
    const { plan: p, column } = result;
    const t = table;
    const names = new Map(images().map((r) => [r.id, r.name]));
    const list = (title: string, testId: string, items: string[]) =>
      h(
        'div',
        { 'data-testid': testId, 'data-count': items.length },
        h('strong', {}, `${title} (${items.length})`),
        h('ul', {}, ...items.map((i) => h('li', {}, i))),
      );
    preview.replaceChildren(
      list(
        'Matched',
        'metadata-matched',
        [...p.matches].map(([id, row]) => `${names.get(id)} ← ${t.rows[row]![column]}`),
      ),
      list(
        'Rows matching no image',
        'metadata-unmatched-rows',
        p.unmatchedRows.map((row) => `row ${row + 2}: ${t.rows[row]![column]}`),
      ),
      list(
        'Images without a row',
        'metadata-unmatched-images',
        p.imagesWithoutRow.map((id) => names.get(id) ?? id),
      ),
    );
    apply.disabled = p.matches.size === 0;
  };

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      try {
        table = parseMetadata(text);
      } catch (error) {
        table = null;
        preview.replaceChildren(
          h('p', { class: 'job-error', role: 'alert' }, `Cannot read ${file.name}: ${(error as Error).message}`),
        );
        return;
      }
      key.replaceChildren(
        h('option', { value: '' }, 'Match by file name (automatic)'),
        ...table.columns.map((c) => h('option', { value: c }, c)),
      );
      show();
    });
  });
  key.addEventListener('change', show);
  apply.addEventListener('click', () => {
    const result = plan();
    if (!result || !table) return;
    const t = table;
    void (async () => {
      for (const [id, row] of result.plan.matches) {
        const record = project.images.get(id);
        if (record)
          await project.update(id, {
            descriptive: rowToDescriptive(t.rows[row]!, t.columns, result.column, record.descriptive),
          });
      }
      preview.append(
        h('p', { role: 'status', 'data-testid': 'metadata-applied' }, `Applied to ${result.plan.matches.size} images`),
      );
    })();
  });
}
