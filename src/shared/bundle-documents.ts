import { buildReport, reportCsv, type ReportInput } from './batch-report';
import { buildBundleIndexHtml, type IndexEntry } from './bundle-index-html';
import { bundleJsonFiles, serialiseJson } from './bundle-json';
import type { StoredImage } from './iiif-manifest';
import type { IiifVersion } from './iiif-version';
import type { StoredObject } from './iiif-object';
import { publications, type Publication } from './publication';

/** index.html's list: single images, and objects with their canvases. */
export function indexEntries(manifests: readonly Publication[]): IndexEntry[] {
  return manifests.map((m) => ({
    id: m.id,
    label: m.descriptive.label,
    ...(m.object ? { canvases: m.canvases.map((c) => ({ id: c.id, label: c.descriptive.label })) } : {}),
  }));
}

export interface BundleTextFile {
  path: string;
  text: string;
}

/**
 * Every document of a bundle but the viewer scripts, the same from the app and the CLI: the IIIF JSON,
 * index.html with the report's summary, and the report as report.json and report.csv.
 */
export function bundleTextFiles(
  images: readonly StoredImage[],
  objects: readonly StoredObject[],
  report: readonly ReportInput[],
  baseUrl: string,
  title: string,
  version: IiifVersion = '3',
): BundleTextFile[] {
  const files = bundleJsonFiles(images, objects, baseUrl, title, version).map((f) => ({
    path: f.path,
    text: serialiseJson(f.json),
  }));
  const entries = indexEntries(publications(images, objects));
  const built = buildReport(report, objects);
  files.push({ path: 'index.html', text: buildBundleIndexHtml(entries, title, report.length ? built : undefined) });
  if (report.length) {
    files.push({ path: 'report.json', text: serialiseJson(built) });
    files.push({ path: 'report.csv', text: reportCsv(built) });
  }
  return files;
}
