import { manifestUrl } from '../shared/iiif-manifest';
import { localIiifBase } from '../shared/local-iiif-path';
import { describeFailure } from '../shared/tile-error';
import { byTestId } from './dom';
import type { Project } from './project';

/** The OpenSeadragon preview dialog and the Mirador overlay; both load their code on first use. */
export function wireViewers(project: Project, status: HTMLElement) {
  const dialog = byTestId<HTMLDialogElement>('viewer-dialog');
  const viewerElement = byTestId<HTMLElement>('viewer');
  const mirador = byTestId<HTMLElement>('mirador');
  byTestId('close-viewer').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => void import('./viewer').then((v) => v.closeViewer()));

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
      byTestId('viewer-title').textContent = record.descriptive.label;
      dialog.showModal();
      void import('./viewer').then((v) => v.openViewer(viewerElement, project.db, [record]));
    },
    /** An object's finished canvases in order, with a page strip and previous/next. */
    viewObject(objectId: string) {
      const object = project.objects.get(objectId);
      const pages = (object?.canvases ?? [])
        .map((id) => project.images.get(id))
        .filter((r): r is NonNullable<typeof r> => r?.state === 'done');
      if (!object || pages.length === 0) return;
      byTestId('viewer-title').textContent = object.descriptive.label;
      dialog.showModal();
      void import('./viewer').then((v) => v.openViewer(viewerElement, project.db, pages));
    },
    mirador: (id: string) => showMirador({ manifest: manifestUrl(localIiifBase(document.baseURI), id) }),
  };
}
