import type { ObjectRecord } from '../shared/db';
import { BEHAVIORS, VIEWING_DIRECTIONS, isBehavior, isViewingDirection } from '../shared/iiif-object';
import { byTestId, h } from './dom';
import type { ImageChange, Project } from './project';

/**
 * The Objects panel: per object its label, behaviour, viewing direction and cover, and its canvases in
 * order, each with its label, moved up or down or taken out. Every edit writes only the records.
 */
export function wireObjectPanel(
  project: Project,
  open: { mirador(objectId: string): void; view(objectId: string): void },
): void {
  const panel = byTestId<HTMLElement>('objects-panel');
  const root = byTestId<HTMLElement>('objects');
  let pending = false;
  const render = () => {
    pending = false;
    const objects = [...project.objects.values()].sort((a, b) => a.createdAt - b.createdAt);
    panel.hidden = objects.length === 0;
    const typing = focusedTextField(root);
    root.replaceChildren(...objects.map((o) => renderObject(project, o, open)));
    if (typing) keepField(root, typing);
  };
  const soon = () => {
    if (!pending) requestAnimationFrame(render);
    pending = true;
  };
  project.addEventListener('objects', soon);
  project.addEventListener('change', (event) => {
    const { id, progressOnly } = (event as CustomEvent<ImageChange>).detail;
    if (!progressOnly && project.objectOf(id)) soon();
  });
  render();
}

function renderObject(
  project: Project,
  object: ObjectRecord,
  open: { mirador(objectId: string): void; view(objectId: string): void },
): HTMLElement {
  // Edits apply to the object as stored now, not as drawn: two edits before a redraw both count.
  const now = () => project.objects.get(object.id) ?? object;
  const save = (patch: (o: ObjectRecord) => Partial<ObjectRecord>) =>
    void project.saveObject({ ...now(), ...patch(now()) });
  const label = h('input', { type: 'text', value: object.descriptive.label, 'data-testid': 'object-label' });
  label.addEventListener('change', () =>
    save((o) => ({ descriptive: { ...o.descriptive, label: label.value.trim() } })),
  );
  const options = (values: readonly string[], current: string) =>
    values.map((v) => h('option', { value: v, selected: v === current }, v));
  const behavior = h('select', { 'data-testid': 'object-behavior' }, ...options(BEHAVIORS, object.behavior));
  behavior.addEventListener(
    'change',
    () => isBehavior(behavior.value) && save(() => ({ behavior: behavior.value as ObjectRecord['behavior'] })),
  );
  const direction = h(
    'select',
    { 'data-testid': 'object-direction' },
    ...options(VIEWING_DIRECTIONS, object.viewingDirection),
  );
  direction.addEventListener(
    'change',
    () =>
      isViewingDirection(direction.value) &&
      save(() => ({ viewingDirection: direction.value as ObjectRecord['viewingDirection'] })),
  );
  const mirador = h('button', { type: 'button', 'data-testid': 'object-mirador' }, 'Open in Mirador');
  mirador.addEventListener('click', () => open.mirador(object.id));
  const view = h('button', { type: 'button', 'data-testid': 'object-view' }, 'View');
  view.addEventListener('click', () => open.view(object.id));
  const cover = object.cover ?? object.canvases[0];
  const canvases = object.canvases.map((id, index) => {
    const record = project.images.get(id);
    const move = (by: number) =>
      save((o) => {
        const order = [...o.canvases];
        const at = order.indexOf(id);
        if (at < 0 || !order[at + by]) return {};
        [order[at], order[at + by]] = [order[at + by]!, order[at]!];
        return { canvases: order };
      });
    const pageLabel = h('input', {
      type: 'text',
      value: record?.descriptive.label ?? id,
      'aria-label': 'Canvas label',
      'data-testid': 'canvas-label',
    });
    pageLabel.addEventListener('change', () => {
      const current = project.images.get(id);
      if (current) void project.update(id, { descriptive: { ...current.descriptive, label: pageLabel.value.trim() } });
    });
    const isCover = h('input', {
      type: 'radio',
      name: `cover-${object.id}`,
      checked: id === cover,
      'aria-label': 'Cover',
      'data-testid': 'canvas-cover',
    });
    isCover.addEventListener('change', () => save(() => ({ cover: id })));
    const button = (text: string, testId: string, disabled: boolean, act: () => void) => {
      const b = h('button', { type: 'button', 'data-testid': testId, disabled }, text);
      b.addEventListener('click', act);
      return b;
    };
    return h(
      'li',
      { 'data-testid': 'canvas', 'data-image-id': id, 'data-state': record?.state ?? 'missing' },
      isCover,
      pageLabel,
      h('span', { class: 'canvas-name' }, record?.name ?? id),
      button('↑', 'canvas-up', index === 0, () => move(-1)),
      button('↓', 'canvas-down', index === object.canvases.length - 1, () => move(1)),
      button('Take out', 'canvas-remove', false, () =>
        save((o) => ({
          canvases: o.canvases.filter((c) => c !== id),
          ...(id === o.cover ? { cover: undefined } : {}),
        })),
      ),
    );
  });
  return h(
    'article',
    { class: 'object', 'data-testid': 'object', 'data-object-id': object.id },
    h('div', { class: 'object-head' }, label, behavior, direction, view, mirador),
    h('ol', { class: 'canvases' }, ...canvases),
  );
}

/** The text field being typed in, with the selector of its place in a redrawn panel. */
function focusedTextField(root: HTMLElement): { field: HTMLInputElement; place: string } | null {
  const field = document.activeElement;
  if (!(field instanceof HTMLInputElement) || field.type !== 'text' || !root.contains(field)) return null;
  const object = field.closest<HTMLElement>('[data-testid=object]')?.dataset.objectId;
  const canvas = field.closest<HTMLElement>('[data-testid=canvas]')?.dataset.imageId;
  if (object === undefined) return null;
  const inObject = `[data-testid=object][data-object-id="${CSS.escape(object)}"]`;
  const inCanvas = canvas === undefined ? '' : ` [data-testid=canvas][data-image-id="${CSS.escape(canvas)}"]`;
  return { field, place: `${inObject}${inCanvas} [data-testid="${field.dataset.testid ?? ''}"]` };
}

/**
 * Puts the field being typed in back in place of its redrawn twin: a redraw between a keystroke and the
 * Enter that commits it would otherwise drop what was typed (its own listeners still save to the record).
 */
function keepField(root: HTMLElement, { field, place }: { field: HTMLInputElement; place: string }): void {
  const twin = root.querySelector(place);
  if (!twin) return;
  twin.replaceWith(field);
  field.focus();
}
