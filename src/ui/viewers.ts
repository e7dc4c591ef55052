import { manifestUrl } from '../shared/iiif-manifest';
import { localIiifBase } from '../shared/local-iiif-path';
import { describeFailure } from '../shared/tile-error';
import { byTestId } from './dom';
import { previewWhileTiling } from './live-preview';
import type { Project } from './project';

/** The OpenSeadragon preview dialog and the Mirador overlay; both load their code on first use. */
export function wireViewers(project: Project, status: HTMLElement) {
  const dialog = byTestId<HTMLDialogElement>('viewer-dialog');
  const viewerElement = byTestId<HTMLElement>('viewer');
  const mirador = byTestId<HTMLElement>('mirador');
  /** Stops watching an image still being tiled (see previewWhileTiling). */
  let stopWatching = () => {};
  byTestId('close-viewer').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    stopWatching();
    void import('./viewer').then((v) => v.closeViewer());
  });

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

  return {
    view(id: string) {
      const record = project.images.get(id);
      if (!record) return;
      stopWatching();
      byTestId('viewer-title').textContent = record.descriptive.label;
      dialog.showModal();
      if (record.state === 'done')
        void import('./viewer').then((v) => v.openViewer(viewerElement, project.db, [record]));
      else stopWatching = previewWhileTiling(project, id, viewerElement);
    },
    /** An object's finished canvases in order, with a page strip and previous/next. */
    viewObject(objectId: string) {
      const object = project.objects.get(objectId);
      const pages = (object?.canvases ?? [])
        .map((id) => project.images.get(id))
        .filter((r): r is NonNullable<typeof r> => r?.state === 'done');
      if (!object || pages.length === 0) return;
      stopWatching();
      byTestId('viewer-title').textContent = object.descriptive.label;
      dialog.showModal();
      void import('./viewer').then((v) => v.openViewer(viewerElement, project.db, pages));
    },
    mirador: (id: string) => showMirador({ manifest: manifestUrl(localIiifBase(document.baseURI), id) }),
  };
}
