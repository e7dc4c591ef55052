import type { BaseUrlField } from './base-url-field';
import { byTestId, formatBytes, h } from './dom';
import type { Project } from './project';

/** The export buttons: check the base URL, then stream the ZIP (the ZIP code loads on first use). */
export function wireExportControls(project: Project, baseUrlField: BaseUrlField, busy: () => boolean): void {
  const download = byTestId<HTMLButtonElement>('export-zip');
  const save = byTestId<HTMLButtonElement>('save-zip');
  const title = byTestId<HTMLInputElement>('collection-title');
  const status = byTestId<HTMLElement>('export-status');
  save.hidden = !('showSaveFilePicker' in window);

  const run = async (mode: 'download' | 'file') => {
    let baseUrl: string;
    try {
      baseUrl = baseUrlField.require();
    } catch (error) {
      status.textContent = `Set the public base URL first: ${(error as Error).message}`;
      status.dataset.state = 'error';
      return;
    }
    const content = project.bundle();
    const images = content.images;
    if (images.length === 0) {
      status.textContent = 'No finished images to export yet';
      status.dataset.state = 'error';
      return;
    }
    status.textContent = busy() ? 'Exporting the finished images; images still tiling are left out…' : 'Exporting…';
    status.dataset.state = 'running';
    try {
      const zip = await import('./export-zip');
      const label = title.value.trim() || 'Untitled collection';
      const saved =
        mode === 'file'
          ? await zip.saveZipToFile(project.db, content, baseUrl, label)
          : await zip.downloadZipFile(project.db, content, baseUrl, label);
      const count = `${images.length} image${images.length === 1 ? '' : 's'}`;
      // What was written, and what to do next: unzip where the base URL points (the README says how).
      status.replaceChildren(
        `Exported ${count} to ${saved.name} (${formatBytes(saved.bytes)}) for ${baseUrl}. `,
        h(
          'details',
          { class: 'serve-help' },
          h('summary', {}, 'How to serve it'),
          h(
            'ol',
            {},
            h('li', {}, `Unzip ${saved.name} into the folder that ${baseUrl} points to.`),
            h('li', {}, 'Send Access-Control-Allow-Origin: * with every file: viewers read tiles from other sites.'),
            h('li', {}, 'Serve .json as application/json. Open index.html there to check every image.'),
          ),
        ),
      );
      status.dataset.state = 'done';
    } catch (error) {
      const aborted = error instanceof DOMException && error.name === 'AbortError';
      status.textContent = aborted ? 'Export cancelled' : `Export failed: ${(error as Error).message}`;
      status.dataset.state = aborted ? 'cancelled' : 'error';
    }
  };
  download.addEventListener('click', () => void run('download'));
  save.addEventListener('click', () => void run('file'));
}
