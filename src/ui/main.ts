import './styles.css';
import { describeFailure } from '../shared/tile-error';
import { byTestId } from './dom';
import { wireDropZone, wireFileHandler } from './drop-zone';
import { wireExportControls } from './export-controls';
import { wireExportSettings } from './export-settings';
import { JobList } from './job-list';
import { JobRunner } from './job-runner';
import { wireMetadataImport } from './metadata-import';
import { Project } from './project';
import { registerServiceWorker, whenControlled } from './service-worker';
import { SettingsForm } from './settings-form';
import type { IncomingFile } from './folder-entries';
import { batchFiles } from './batch-files';
import { wireBaseUrlField } from './base-url-field';
import { confirmTwice } from './confirm-button';
import { wireUndoDelete } from './undo-delete';
import { wireControlStates } from './control-states';
import { wireBatchProgress } from './batch-progress';
import { wireObjectPanel } from './object-panel';
import { wireReportPanel } from './report-panel';
import { storageWarning } from './storage-check';
import { wireUploadPanel } from './upload/upload-panel';
import { wireViewers } from './viewers';

/** How long workers wait for the service worker to take control on a first visit (see whenControlled). */
const CLAIM_WAIT_MS = 30_000;

async function main(): Promise<void> {
  const status = byTestId<HTMLElement>('app-status');
  const { project, resumable } = await Project.open();
  const settings = new SettingsForm();
  const update = byTestId<HTMLButtonElement>('apply-update');
  const registration = registerServiceWorker({
    onUpdate: (apply) => {
      update.hidden = false;
      // Never mid-batch: the new version would drop the jobs still running. Consent given then applies after.
      update.onclick = () => {
        update.disabled = true;
        if (runner.busy) status.textContent = 'Update after the current images finish';
        runner.whenIdle(apply);
      };
    },
  }).catch(() => 'unavailable' as const);
  // Workers start once the service worker controls the page: at once on later visits.
  const controlled = registration.then((state) => (state === 'registered' ? whenControlled(CLAIM_WAIT_MS) : undefined));
  const runner = new JobRunner(project, {
    workers: () => settings.workers(),
    stallMs: () => settings.stallMs(),
    encoder: () => settings.encoder(),
    startAfter: controlled,
  });
  const serviceWorker = await registration;
  if (!crossOriginIsolated) {
    // The reload that brings isolation should come at once; if it does not, say plainly why nothing works.
    const warn = () => (byTestId<HTMLElement>('isolation-warning').hidden = false);
    if (serviceWorker === 'reloading') setTimeout(warn, 8000);
    else warn();
  }
  const viewers = wireViewers(project, status);
  const deleteWithUndo = wireUndoDelete(project);
  new JobList(project, {
    view: (id) => viewers.view(id),
    mirador: (id) => viewers.mirador(id),
    remove: deleteWithUndo,
    cancel: (id) => runner.cancel(id),
    retry: (id) => void project.retry(id).then((queued) => queued && runner.enqueue([id])),
  });
  confirmTwice(byTestId('cancel-all'), 'Cancel every job?', () => runner.cancelAll());

  const addFiles = (incoming: IncomingFile[]) => {
    void (async () => {
      try {
        const { files: described, skip } = await batchFiles(incoming);
        const files = incoming.map((i) => i.file);
        const batch = { files, described, skip, mode: settings.objectsMode() };
        const records = await project.add(batch, settings.settings(), settings.policy());
        runner.enqueue(records.filter((r) => r.state === 'queued').map((r) => r.id));
        status.textContent = (await storageWarning(files.reduce((n, f) => n + f.size, 0))) ?? '';
      } catch (error) {
        status.textContent = describeFailure(error);
      }
    })();
  };
  const pickers = {
    files: byTestId<HTMLInputElement>('file-input'),
    folder: byTestId<HTMLInputElement>('folder-input'),
  };
  wireDropZone(byTestId('drop-zone'), pickers, addFiles);
  wireFileHandler(addFiles);
  const baseUrl = wireBaseUrlField(settings.baseUrl);
  wireExportSettings();
  wireExportControls(project, baseUrl, runner);
  wireUploadPanel(project, settings.baseUrl, baseUrl, () => runner.busy);
  wireControlStates(project);
  wireBatchProgress(project);
  wireMetadataImport(project);
  wireObjectPanel(project, { mirador: (id) => viewers.mirador(id), view: (id) => viewers.viewObject(id) });
  wireReportPanel(project);
  runner.enqueue(resumable);
  if (crossOriginIsolated) {
    runner.warmUp();
    // The preview's code (OpenSeadragon) is fetched while the person picks files, not after the first click.
    void controlled.then(() => setTimeout(() => void import('./viewer'), 1000));
  }
  status.dataset.ready = 'true';
}

void main().catch((error: unknown) => {
  byTestId('app-status').textContent = `Vitrine could not start: ${describeFailure(error)}`;
});
