import type { ImageRecord } from '../shared/db';
import { normaliseRights, parsePairs, type Descriptive } from '../shared/descriptive';
import { h } from './dom';

/** Editable descriptive metadata of a finished image; `onSave` gets the checked values. */
export function renderDescribeForm(record: ImageRecord, onSave: (d: Descriptive) => Promise<void>): HTMLDetailsElement {
  const d = record.descriptive;
  const label = h('input', { name: 'label', value: d.label, required: true, 'data-testid': 'label' });
  const summary = h('textarea', { name: 'summary', rows: 2 });
  summary.value = d.summary;
  const rights = h('input', {
    name: 'rights',
    value: d.rights,
    placeholder: 'http://creativecommons.org/licenses/by/4.0/',
  });
  const attribution = h('input', { name: 'attribution', value: d.requiredStatement?.value ?? '' });
  const metadata = h('textarea', { name: 'metadata', rows: 3, placeholder: 'Creator: Jane Doe\nDate: 1890' });
  metadata.value = d.metadata.map((m) => `${m.label}: ${m.value}`).join('\n');
  const status = h('span', { class: 'describe-status', role: 'status' });
  const form = h(
    'form',
    { class: 'describe' },
    field('Label', label),
    field('Summary', summary),
    field('Rights (URI)', rights),
    field('Attribution', attribution),
    field('Metadata (one “Label: value” per line)', metadata),
    h('button', { type: 'submit' }, 'Save'),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      const descriptive: Descriptive = {
        label: label.value.trim() || record.name,
        summary: summary.value.trim(),
        rights: normaliseRights(rights.value),
        requiredStatement: attribution.value.trim() ? { label: 'Attribution', value: attribution.value.trim() } : null,
        metadata: parsePairs(metadata.value),
      };
      void onSave(descriptive).then(() => (status.textContent = 'Saved'));
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
    }
  });
  return h('details', { class: 'describe-details' }, h('summary', {}, 'Describe'), form);
}

function field(text: string, control: HTMLElement): HTMLLabelElement {
  return h('label', {}, h('span', {}, text), control);
}
