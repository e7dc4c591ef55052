import { normaliseBaseUrl } from '../shared/base-url';
import { byTestId } from './dom';
import type { Project } from './project';

/** The export buttons: check the base URL, then stream the ZIP (the ZIP code loads on first use). */
export function wireExportControls(project: Project, baseUrlInput: HTMLInputElement, busy: () => boolean): void {
  const download = byTestId<HTMLButtonElement>('export-zip');
  const save = byTestId<HTMLButtonElement>('save-zip');
  const title = byTestId<HTMLInputElement>('collection-title');
  const status = byTestId<HTMLElement>('export-status');
  save.hidden = !('showSaveFilePicker' in window);

  const run = async (mode: 'download' | 'file') => {
    let baseUrl: string;
    try {
      baseUrl = normaliseBaseUrl(baseUrlInput.value);
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
      if (mode === 'file') await zip.saveZipToFile(project.db, content, baseUrl, label);
      else await zip.downloadZipFile(project.db, content, baseUrl, label);
      status.textContent = `Exported ${images.length} image${images.length === 1 ? '' : 's'} for ${baseUrl}`;
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
