import type { Descriptive } from '../shared/descriptive';
import { renderDescribeForm } from './describe-form';
import { byTestId } from './dom';
import { renderJobRow, type RowActions } from './job-row';
import type { ImageChange, Project } from './project';

/** The list of image rows, redrawn one row at a time as the project changes. */
export class JobList {
  private readonly list = byTestId<HTMLOListElement>('jobs');
  private readonly rows = new Map<string, HTMLLIElement>();
  private readonly forms = new Map<string, { form: HTMLDetailsElement; from: Descriptive }>();

  constructor(
    private readonly project: Project,
    private readonly actions: RowActions,
  ) {
    project.addEventListener('change', (event) => this.redraw((event as CustomEvent<ImageChange>).detail));
    for (const id of project.images.keys()) this.redraw({ id });
  }

  private redraw({ id, removed, progressOnly }: ImageChange): void {
    const old = this.rows.get(id);
    // Progress arrives per strip from every worker: moving the bar costs far less than a new row.
    const bar = progressOnly ? old?.querySelector('progress') : null;
    if (bar) {
      bar.value = this.project.progress.get(id) ?? 0;
      return;
    }
    const record = this.project.images.get(id);
    if (removed || !record) {
      old?.remove();
      this.rows.delete(id);
      this.forms.delete(id);
      return;
    }
    // The describe form is kept across redraws so progress updates never discard what is being typed;
    // it is rebuilt only when the metadata changed elsewhere (a catalogue import).
    let kept = this.forms.get(id);
    if (!kept || kept.from !== record.descriptive) {
      const entry = { from: record.descriptive, form: document.createElement('details') };
      entry.form = renderDescribeForm(record, (d: Descriptive) => {
        entry.from = d; // the form's own save keeps the form, with its "Saved"
        return this.project.update(id, { descriptive: d });
      });
      kept = entry;
      this.forms.set(id, kept);
    }
    const row = renderJobRow(record, this.project.progress.get(id) ?? 0, this.actions, kept.form);
    if (old) old.replaceWith(row);
    else this.list.insertBefore(row, this.rowAfter(id));
    this.rows.set(id, row);
  }

  /** The row of the next image in project order, so a restored image goes back where it was. */
  private rowAfter(id: string): HTMLLIElement | null {
    const ids = [...this.project.images.keys()];
    for (const next of ids.slice(ids.indexOf(id) + 1)) {
      const row = this.rows.get(next);
      if (row) return row;
    }
    return null;
  }
}
