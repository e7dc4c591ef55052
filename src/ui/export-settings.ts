import { EXPORT_CONTENTS, type ExportContent } from '../shared/export-options';
import { IIIF_VERSIONS, type IiifVersion } from '../shared/iiif-version';
import { byTestId } from './dom';

const KEYS = { content: 'vitrine.exportContent', version: 'vitrine.iiifVersion' };

/** Restores the export's "Bundle holds" and "IIIF version" choices and remembers every change. */
export function wireExportSettings(): void {
  const remember = (select: HTMLSelectElement, key: string, allowed: readonly string[]) => {
    const stored = localStorage.getItem(key);
    if (stored && allowed.includes(stored)) select.value = stored;
    select.addEventListener('change', () => localStorage.setItem(key, select.value));
  };
  remember(byTestId<HTMLSelectElement>('export-content'), KEYS.content, EXPORT_CONTENTS);
  remember(byTestId<HTMLSelectElement>('export-iiif-version'), KEYS.version, IIIF_VERSIONS);
}

/** What the ZIP and the upload hold now: the same choices for both. */
export function exportChoices(): { holds: ExportContent; version: IiifVersion } {
  return {
    holds: byTestId<HTMLSelectElement>('export-content').value as ExportContent,
    version: byTestId<HTMLSelectElement>('export-iiif-version').value as IiifVersion,
  };
}
