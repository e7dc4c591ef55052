/**
 * The IIIF versions an export writes over the same stored tiles: Image API 3 with Presentation 3; Image
 * API 2.1 with Presentation 3 and 2.1 manifests side by side; or Image API 2.1 with Presentation 2.1 only.
 */
export type IiifVersion = '3' | '2+3' | '2';

export const IIIF_VERSIONS: readonly IiifVersion[] = ['3', '2+3', '2'];

export const usesImageApi2 = (v: IiifVersion) => v !== '3';
export const writesPresentation3 = (v: IiifVersion) => v !== '2';
export const writesPresentation2 = (v: IiifVersion) => v !== '3';

/** A Presentation 2.1 document's name: `manifest.json` when it is the only one, else beside the version 3 one. */
export const presentation2Name = (v: IiifVersion, name: 'manifest' | 'collection') =>
  v === '2' ? `${name}.json` : `${name}-v2.json`;
