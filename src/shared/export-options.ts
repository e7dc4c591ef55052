/** What an export holds for each image: level-0 tiles for a static host, a pyramidal TIFF for an image server, or both. */
export type ExportContent = 'tiles' | 'tiff' | 'both';

export const EXPORT_CONTENTS: readonly ExportContent[] = ['tiles', 'both', 'tiff'];

export const includesTiles = (content: ExportContent) => content !== 'tiff';
export const includesTiff = (content: ExportContent) => content !== 'tiles';

/** Where an image's pyramidal TIFF goes in the ZIP or the CLI's output folder. */
export const tiffPath = (imageId: string) => `tiff/${imageId}.tif`;
