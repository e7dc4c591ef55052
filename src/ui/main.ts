import './styles.css';
import { manifestUrl } from '../shared/iiif-manifest';
import { localIiifBase } from '../shared/local-iiif-path';
import { describeFailure } from '../shared/tile-error';
import { byTestId } from './dom';
import { wireDropZone, wireFileHandler } from './drop-zone';
import { wireExportControls } from './export-controls';
import { JobList } from './job-list';
import { JobRunner } from './job-runner';
import { Project } from './project';
import { registerServiceWorker } from './service-worker';
import { SettingsForm } from './settings-form';
import { TilerBridge } from './tiler-bridge';

async function main(): Promise<void> {
  const status = byTestId<HTMLElement>('app-status');
  const project = await Project.open();
  const settings = new SettingsForm();
  const runner = new JobRunner(project, new TilerBridge(), () => settings.stallMs());
  const update = byTestId<HTMLButtonElement>('apply-update');
  const serviceWorker = await registerServiceWorker({
    onUpdate: (apply) => {
      update.hidden = false;
      // Never mid-batch: the new version would drop the jobs still running.
      update.onclick = () => (runner.busy ? (status.textContent = 'Update after the current images finish') : apply());
    },
  }).catch(() => 'unavailable' as const);
  if (!crossOriginIsolated) {
    // The reload that brings isolation should come at once; if it does not, say plainly why nothing works.
    const warn = () => (byTestId<HTMLElement>('isolation-warning').hidden = false);
    if (serviceWorker === 'reloading') setTimeout(warn, 8000);
    else warn();
  }
  const dialog = byTestId<HTMLDialogElement>('viewer-dialog');
  const viewerElement = byTestId<HTMLElement>('viewer');

  new JobList(project, {
    view: (id) => {
      const record = project.images.get(id);
      if (!record) return;
      byTestId('viewer-title').textContent = record.descriptive.label;
      dialog.showModal();
      void import('./viewer').then((v) => v.openViewer(viewerElement, project.db, record));
    },
    mirador: (id) => showMirador({ manifest: manifestUrl(localIiifBase(document.baseURI), id) }),
    remove: (id) => void project.remove(id),
  });
  const mirador = byTestId<HTMLElement>('mirador');
  const showMirador = (target: { manifest: string } | 'collection') => {
    mirador.hidden = false;
    void import('./mirador')
      .then((m) => m.openMirador(mirador.querySelector<HTMLElement>('#mirador-root')!, target))
      .catch((error: unknown) => {
        mirador.hidden = true;
        status.textContent = `Mirador could not open: ${describeFailure(error)}`;
      });
  };
  byTestId('open-mirador-collection').addEventListener('click', () => showMirador('collection'));
  byTestId('close-mirador').addEventListener('click', () => {
    mirador.hidden = true;
    void import('./mirador').then((m) => m.closeMirador());
  });
  byTestId('close-viewer').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => void import('./viewer').then((v) => v.closeViewer()));

  const addFiles = (files: File[]) => {
    void (async () => {
      try {
        const tileSettings = settings.settings();
        const policy = settings.policy();
        const records = await project.add(files, tileSettings);
        records.forEach((record, i) =>
          runner.enqueue({ id: record.id, file: files[i]!, settings: tileSettings, policy }),
        );
        status.textContent = '';
      } catch (error) {
        status.textContent = describeFailure(error);
      }
    })();
  };
  wireDropZone(byTestId('drop-zone'), byTestId<HTMLInputElement>('file-input'), addFiles);
  wireFileHandler(addFiles);
  wireExportControls(project, settings.baseUrl, () => runner.busy);
  status.dataset.ready = 'true';
}

void main().catch((error: unknown) => {
  byTestId('app-status').textContent = `Vitrine could not start: ${describeFailure(error)}`;
});
