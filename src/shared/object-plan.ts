import { defaultLabel } from './descriptive';
import type { StoredObject } from './iiif-object';
import { uniqueImageId } from './image-id';
import { naturalCompare } from './natural-order';

/** How a batch's folders are published: each folder one object, or each image its own manifest. */
export type ObjectsMode = 'folders' | 'images';

/** A file of a batch as the planner sees it: never its bytes, only its name, folder and page count. */
export interface BatchFile {
  name: string;
  /** Its folder's path inside what was dropped (`scans/book-1`); null for a file dropped or named alone. */
  folder: string | null;
  /** Full-resolution pages: above 1 only for a multi-page TIFF. */
  pages: number;
  /** Not tiled (not an image): it gets a record, never a canvas. */
  skipped?: boolean;
}

/** One image record to make: a file, or one page of a multi-page TIFF. */
export interface PlannedImage {
  file: number;
  /** 0-based page of a multi-page TIFF; absent for every other file. */
  page?: number;
  id: string;
  label: string;
}

export interface BatchPlan {
  images: PlannedImage[];
  objects: Omit<StoredObject, 'descriptive'>[];
}

/**
 * Ids, labels and objects for a batch, the same in the app and the CLI: every page of a multi-page TIFF
 * is an image, and becomes a canvas of its folder's object or, outside one, of an object of its own.
 * Canvases are in natural order of file name, then page. Ids are unique among `taken` and each other.
 */
export function planBatch(files: readonly BatchFile[], mode: ObjectsMode, taken: Set<string>): BatchPlan {
  const images: PlannedImage[] = [];
  const groups = new Map<string, { name: string; members: { name: string; page: number; id: string }[] }>();
  const claim = (name: string) => {
    const id = uniqueImageId(name, taken);
    taken.add(id);
    return id;
  };
  files.forEach((file, index) => {
    if (file.skipped) return;
    const pages = Math.max(1, file.pages);
    const folderKey = mode === 'folders' && file.folder !== null ? `folder:${file.folder}` : null;
    const key = folderKey ?? (pages > 1 ? `file:${index}` : null);
    const stem = defaultLabel(file.name);
    for (let page = 0; page < pages; page++) {
      const id = claim(pages > 1 ? `${stem}-p${page + 1}` : file.name);
      images.push({ file: index, ...(pages > 1 ? { page } : {}), id, label: pages > 1 ? `Page ${page + 1}` : stem });
      if (!key) continue;
      const group = groups.get(key) ?? { name: folderKey ? lastSegment(file.folder!) : stem, members: [] };
      group.members.push({ name: file.name, page, id });
      groups.set(key, group);
    }
  });
  // Skipped files take their ids last, so they never change an image's id (the CLI does not list them).
  files.forEach((file, index) => {
    if (file.skipped) images.push({ file: index, id: claim(file.name), label: defaultLabel(file.name) });
  });
  images.sort((a, b) => a.file - b.file);
  const objects = [...groups.values()].map(({ name, members }) => {
    members.sort((a, b) => naturalCompare(a.name, b.name) || a.page - b.page);
    return {
      id: claim(name),
      name,
      behavior: 'paged' as const,
      viewingDirection: 'left-to-right' as const,
      canvases: members.map((m) => m.id),
    };
  });
  return { images, objects };
}

function lastSegment(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? path;
}
