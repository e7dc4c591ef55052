import { byTestId, h } from './dom';
import type { Project } from './project';

/** How long a deleted image can be brought back before its tiles leave storage. */
export const UNDO_MS = 10_000;

/**
 * Delete with undo: the image leaves the list and the bundle at once, its stored tiles only after
 * UNDO_MS (or when the page is hidden), so "Undo" costs nothing. A reload in between brings it back.
 */
export function wireUndoDelete(project: Project): (id: string) => void {
  const region = byTestId<HTMLElement>('undo-region');
  const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; note: HTMLElement }>();

  const settle = (id: string, keep: boolean) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.note.remove();
    void (keep ? project.restore(id) : project.remove(id));
  };
  addEventListener('pagehide', () => {
    for (const id of [...pending.keys()]) settle(id, false);
  });

  return (id) => {
    const record = project.withdraw(id);
    if (!record) return;
    const undo = h('button', { type: 'button', 'data-testid': 'undo-delete' }, 'Undo');
    const note = h(
      'p',
      { class: 'undo-note', 'data-testid': 'undo-note', 'data-image-id': id },
      h('span', { class: 'undo-text' }, `Deleted “${record.name}”.`),
      undo,
    );
    undo.addEventListener('click', () => settle(id, true));
    region.append(note);
    pending.set(id, { timer: setTimeout(() => settle(id, false), UNDO_MS), note });
    undo.focus();
  };
}
