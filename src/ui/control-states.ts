import { byTestId } from './dom';
import type { ImageChange, Project } from './project';

/** A button enabled only when it can act; when it cannot, the reason is its tooltip. */
function gate(button: HTMLButtonElement, reason: string | null): void {
  button.disabled = reason !== null;
  if (reason) button.title = reason;
  else button.removeAttribute('title');
}

/** Keeps the page's batch and export buttons enabled exactly when they can act, as images change. */
export function wireControlStates(project: Project): void {
  const cancelAll = byTestId<HTMLButtonElement>('cancel-all');
  const exports = ['export-zip', 'save-zip', 'open-mirador-collection'].map((id) => byTestId<HTMLButtonElement>(id));
  const upload = byTestId<HTMLButtonElement>('upload-start');
  const uploading = byTestId<HTMLButtonElement>('upload-stop');
  const update = () => {
    // From the records, not the runner: they change in the same event the rows are redrawn in.
    const busy = [...project.images.values()].some((r) => r.state === 'queued' || r.state === 'running');
    gate(cancelAll, busy ? null : 'Nothing is queued or tiling');
    const none = project.finished().length === 0;
    for (const button of exports) gate(button, none ? 'No finished images yet: add images first' : null);
    // While an upload runs its panel owns the button (disabled until it ends).
    if (uploading.disabled) gate(upload, none ? 'No finished images yet: add images first' : null);
  };
  project.addEventListener('change', (event) => {
    if (!(event as CustomEvent<ImageChange>).detail.progressOnly) update();
  });
  update();
}
