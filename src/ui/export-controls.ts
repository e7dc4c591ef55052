import type { BaseUrlField } from './base-url-field';
import { byTestId, formatBytes, h } from './dom';
import type { JobRunner } from './job-runner';
import type { Project } from './project';
import { includesTiff, includesTiles, type ExportContent } from '../shared/export-options';
import { exportChoices } from './export-settings';

/** The export buttons: check the base URL, then stream the ZIP (the ZIP code loads on first use). */
export function wireExportControls(project: Project, baseUrlField: BaseUrlField, runner: JobRunner): void {
  const busy = () => runner.busy;
  const download = byTestId<HTMLButtonElement>('export-zip');
  const save = byTestId<HTMLButtonElement>('save-zip');
  const title = byTestId<HTMLInputElement>('collection-title');
  const status = byTestId<HTMLElement>('export-status');
  save.hidden = !('showSaveFilePicker' in window);

  const run = async (mode: 'download' | 'file') => {
    const choices = exportChoices();
    let baseUrl = '';
    try {
      // TIFFs for an image server hold no URL: only tiles and manifests need the public base URL.
      if (includesTiles(choices.holds)) baseUrl = baseUrlField.require();
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
      const padTiles = runner.padTiles.bind(runner);
      const request = { content, baseUrl, title: label, ...choices, padTiles };
      const saved =
        mode === 'file' ? await zip.saveZipToFile(project.db, request) : await zip.downloadZipFile(project.db, request);
      const count = `${images.length} image${images.length === 1 ? '' : 's'}`;
      // What was written, and what to do next: unzip where the base URL points (the README says how).
      status.replaceChildren(
        `Exported ${count} to ${saved.name} (${formatBytes(saved.bytes)})${baseUrl ? ` for ${baseUrl}` : ''}. `,
        serveHelp(saved.name, baseUrl, request.holds),
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

/** What to do with the ZIP next: unzip where the base URL points, and give the TIFFs to an image server. */
function serveHelp(name: string, baseUrl: string, holds: ExportContent): HTMLElement {
  const steps = includesTiles(holds)
    ? [
        `Unzip ${name} into the folder that ${baseUrl} points to.`,
        'Send Access-Control-Allow-Origin: * with every file: viewers read tiles from other sites.',
        'Serve .json as application/json. Open index.html there to check every image.',
      ]
    : [];
  if (includesTiff(holds))
    steps.push('Put the files of its tiff/ folder where your IIPImage or Cantaloupe server reads images.');
  return h(
    'details',
    { class: 'serve-help' },
    h('summary', {}, 'How to serve it'),
    h('ol', {}, ...steps.map((step) => h('li', {}, step))),
  );
}
