import type { Descriptive } from './descriptive';

/** Presentation 3 behaviours a person picks per object: a book, separate views, or a scroll. */
export const BEHAVIORS = ['paged', 'individuals', 'continuous'] as const;
export type Behavior = (typeof BEHAVIORS)[number];

export const VIEWING_DIRECTIONS = ['left-to-right', 'right-to-left', 'top-to-bottom'] as const;
export type ViewingDirection = (typeof VIEWING_DIRECTIONS)[number];

/**
 * An object (a book, a manuscript, a coin's two faces): one manifest whose canvases are images of the
 * project, in order. Only ids are kept, so reordering or relabelling never touches a tile.
 */
export interface StoredObject {
  /** The folder of its manifest in the bundle: unique among objects and images alike. */
  id: string;
  /** What it was made from (a folder's or file's name, a table's object value): matched by tables, shown as text. */
  name: string;
  descriptive: Descriptive;
  behavior: Behavior;
  viewingDirection: ViewingDirection;
  /** Image ids, in reading order. */
  canvases: string[];
  /** The image the manifest starts at and shows as its thumbnail; the first canvas when absent. */
  cover?: string;
}

export function isBehavior(value: string): value is Behavior {
  return (BEHAVIORS as readonly string[]).includes(value);
}

export function isViewingDirection(value: string): value is ViewingDirection {
  return (VIEWING_DIRECTIONS as readonly string[]).includes(value);
}
