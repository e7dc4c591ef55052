import { keyColumn, rowToDescriptive } from '../shared/metadata-join';
import { parseMetadata, type MetadataTable } from '../shared/metadata-table';
import { applyTableObjects, planTable, type TablePlan } from '../shared/table-objects';
import { byTestId, h } from './dom';
import type { Project } from './project';

/**
 * Catalogue metadata: read a CSV or JSON file, show which rows match which images (and which match
 * nothing) and which objects it groups them into before anything changes, then apply the rows to the
 * images' descriptive metadata and sections, and the objects' grouping, order and metadata.
 */
export function wireMetadataImport(project: Project): void {
  const input = byTestId<HTMLInputElement>('metadata-input');
  const key = byTestId<HTMLSelectElement>('metadata-key');
  const preview = byTestId<HTMLElement>('metadata-preview');
  const apply = byTestId<HTMLButtonElement>('metadata-apply');
  let table: MetadataTable | null = null;

  const images = () => [...project.images.values()].filter((r) => r.state !== 'skipped' && r.state !== 'failed');
  const plan = (): { plan: TablePlan; column: string } | null => {
    if (!table) return null;
    try {
      const column = keyColumn(table, key.value || undefined);
      return { plan: planTable(images(), table, column), column };
    } catch (error) {
      preview.replaceChildren(h('p', { class: 'job-error', role: 'alert' }, (error as Error).message));
      apply.disabled = true;
      return null;
    }
  };
  const show = () => {
    const result = plan();
    if (!result || !table) return;
    const { plan: tablePlan, column } = result;
    const p = tablePlan.join;
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
      list(
        'Objects',
        'metadata-objects',
        [...tablePlan.groups].map(([object, ids]) => `${object}: ${ids.length} images`),
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
      const { join, leaveOut, sections } = result.plan;
      for (const [id, row] of join.matches) {
        const record = project.images.get(id);
        if (record)
          await project.update(id, {
            descriptive: rowToDescriptive(t.rows[row]!, t.columns, leaveOut, record.descriptive),
            section: sections.get(id),
          });
      }
      await applyObjects(project, result.plan, t);
      preview.append(
        h('p', { role: 'status', 'data-testid': 'metadata-applied' }, `Applied to ${join.matches.size} images`),
      );
    })();
  });
}

/** Writes the objects the table makes (see applyTableObjects) and deletes those it emptied. */
async function applyObjects(project: Project, plan: TablePlan, table: MetadataTable): Promise<void> {
  if (plan.groups.size === 0 && plan.objectRows.size === 0) return;
  const before = [...project.objects.values()];
  const taken = new Set([...project.images.keys(), ...project.objects.keys()]);
  const after = applyTableObjects(before, plan, table, taken);
  const now = Date.now();
  for (const [i, object] of after.entries()) {
    const old = project.objects.get(object.id);
    await project.saveObject({ ...object, createdAt: old?.createdAt ?? now + i / 1000 });
  }
  for (const old of before) {
    if (!after.some((o) => o.id === old.id)) await project.saveObject({ ...old, canvases: [] });
  }
}
