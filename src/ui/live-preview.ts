import type { Project } from './project';
import { quickPreview } from './quick-preview';

/**
 * The viewer for an image still being tiled: the browser's quick preview at once (or a message when
 * there is none), swapped for the stored tiles, at the same view, when the image is done. Returns the
 * function that stops watching, for when the dialog closes or shows another image.
 */
export function previewWhileTiling(project: Project, id: string, element: HTMLElement): () => void {
  let stopped = false;
  let release = () => {};
  const viewer = import('./viewer');
  const settle = async () => {
    const v = await viewer;
    const record = project.images.get(id);
    if (stopped || !record) return;
    if (record.state === 'done') {
      stop();
      v.openViewer(element, project.db, [record], element.dataset.preview === 'quick');
    } else if (record.state === 'failed') {
      stop();
      v.showViewerMessage(element, `This image failed: ${record.error ?? 'no reason given'}`);
    }
  };
  const onChange = (event: Event) => {
    if ((event as CustomEvent<{ id: string }>).detail.id === id) void settle();
  };
  const stop = () => {
    stopped = true;
    project.removeEventListener('change', onChange);
    release();
  };
  project.addEventListener('change', onChange);
  void (async () => {
    const file = await project.source(id);
    const [v, preview] = await Promise.all([viewer, file ? quickPreview(file) : null]);
    const record = project.images.get(id);
    if (stopped || !record || record.state === 'done' || record.state === 'failed') {
      preview?.release();
      return void settle();
    }
    if (preview) {
      release = preview.release;
      v.openQuickPreview(element, preview, record);
    } else v.showViewerMessage(element, 'No quick preview for this file: the viewer opens when its tiles are stored.');
  })();
  return stop;
}
