/** Descriptive metadata a person enters for an image, and its checks. */

export interface LabelValue {
  label: string;
  value: string;
}

export interface Descriptive {
  label: string;
  summary: string;
  /** A Creative Commons or RightsStatements.org URI, or empty. */
  rights: string;
  requiredStatement: LabelValue | null;
  metadata: LabelValue[];
  /** xsd:dateTime, for viewers that order or place items in time. */
  navDate?: string;
}

/** The label an image starts with: its file name without the extension. */
export function defaultLabel(fileName: string): string {
  return fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '') || fileName;
}

export function emptyDescriptive(label: string): Descriptive {
  return { label, summary: '', rights: '', requiredStatement: null, metadata: [] };
}

const RIGHTS_PATTERN =
  /^https?:\/\/(creativecommons\.org\/(licenses|publicdomain)\/|rightsstatements\.org\/vocab\/)\S+$/;

/**
 * A rights URI as IIIF Presentation 3 wants it: both vocabularies are identified by their http form,
 * so an https link is accepted and written as http. Throws on anything else.
 */
export function normaliseRights(input: string): string {
  const value = input.trim();
  if (!value) return '';
  if (!RIGHTS_PATTERN.test(value)) {
    throw new TypeError('Rights must be a Creative Commons or RightsStatements.org URI');
  }
  return value.replace(/^https:/, 'http:');
}

/** A language map with no declared language: the text is the person's own, in whatever language. */
export function languageMap(text: string): { none: string[] } {
  return { none: [text] };
}

/** “Label: value” lines; a line without a colon is a note. */
export function parsePairs(text: string): LabelValue[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      const label = colon < 0 ? '' : line.slice(0, colon).trim();
      return { label: label || 'Note', value: colon < 0 ? line : line.slice(colon + 1).trim() };
    });
}
