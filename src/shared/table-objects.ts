import { emptyDescriptive } from './descriptive';
import { isBehavior, isViewingDirection, type StoredObject } from './iiif-object';
import { uniqueImageId } from './image-id';
import { comparable, planJoin, rowToDescriptive, type JoinImage, type JoinPlan } from './metadata-join';
import type { MetadataTable } from './metadata-table';
import { naturalCompare } from './natural-order';

/** Columns that shape objects rather than describe: which object, in which place, in which section. */
const ROLE_NAMES = {
  object: ['object', 'object_id', 'object id'],
  sequence: ['sequence', 'seq', 'order', 'page_number'],
  section: ['section', 'chapter', 'range'],
  behavior: ['behavior', 'behaviour'],
  viewingDirection: ['viewingdirection', 'viewing direction', 'viewing_direction', 'direction'],
} as const;
type Role = keyof typeof ROLE_NAMES;

export interface TablePlan {
  /** Rows of images (see planJoin); object rows are not counted as unmatched. */
  join: JoinPlan;
  /** The column of each role the table has. */
  roles: Partial<Record<Role, string>>;
  /** Columns left out of descriptive metadata: the key and the role columns. */
  leaveOut: string[];
  /** Object key → its images' ids, by sequence then natural order of file name. */
  groups: Map<string, string[]>;
  /** Object key → the row describing the object itself (no file, an object value). */
  objectRows: Map<string, number>;
  /** Image id → its section (a range of its object's table of contents). */
  sections: Map<string, string>;
}

/**
 * Reads a metadata table's object structure: rows with a file and an `object` value group images into
 * that object, ordered by `sequence`; a row with an object value and no file describes the object.
 */
export function planTable(images: readonly JoinImage[], table: MetadataTable, key: string): TablePlan {
  const roles: TablePlan['roles'] = {};
  for (const role of Object.keys(ROLE_NAMES) as Role[]) {
    const found = table.columns.find(
      (c) => c !== key && (ROLE_NAMES[role] as readonly string[]).includes(comparable(c)),
    );
    if (found) roles[role] = found;
  }
  const cell = (row: number, role: Role) => (roles[role] ? (table.rows[row]![roles[role]!] ?? '') : '');
  const join = planJoin(images, table, key);
  const objectRows = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const object = cell(i, 'object');
    if (object && !row[key] && !objectRows.has(object)) objectRows.set(object, i);
  });
  const names = new Map(images.map((i) => [i.id, i.name]));
  const members = new Map<string, { id: string; sequence: number }[]>();
  const sections = new Map<string, string>();
  for (const [id, row] of join.matches) {
    const section = cell(row, 'section');
    if (section) sections.set(id, section);
    const object = cell(row, 'object');
    if (!object) continue;
    const sequence = Number.parseFloat(cell(row, 'sequence'));
    const list = members.get(object) ?? [];
    list.push({ id, sequence: Number.isFinite(sequence) ? sequence : Infinity });
    members.set(object, list);
  }
  const groups = new Map(
    [...members].map(([object, list]) => {
      list.sort((a, b) => a.sequence - b.sequence || naturalCompare(names.get(a.id)!, names.get(b.id)!));
      return [object, list.map((m) => m.id)];
    }),
  );
  const described = new Set(objectRows.values());
  return {
    join: { ...join, unmatchedRows: join.unmatchedRows.filter((r) => !described.has(r)) },
    roles,
    leaveOut: [key, ...Object.values(roles)],
    groups,
    objectRows,
    sections,
  };
}

/**
 * The objects after a table is applied: each group becomes the object of that name (or id), made if
 * none exists, with exactly its images in its order; grouped images leave the objects they were in, and
 * an object left without canvases goes. Object rows describe their objects. Ids stay unique in `taken`.
 */
export function applyTableObjects(
  objects: readonly StoredObject[],
  plan: TablePlan,
  table: MetadataTable,
  taken: Set<string>,
): StoredObject[] {
  const grouped = new Set([...plan.groups.values()].flat());
  const out = objects.map((o) => ({ ...o, canvases: o.canvases.filter((c) => !grouped.has(c)) }));
  const find = (key: string) =>
    out.find((o) => comparable(o.name) === comparable(key)) ?? out.find((o) => o.id === comparable(key));
  for (const [key, canvases] of plan.groups) {
    const existing = find(key);
    if (existing) existing.canvases = canvases;
    else {
      const id = uniqueImageId(key, taken);
      taken.add(id);
      out.push({
        id,
        name: key,
        descriptive: emptyDescriptive(key),
        behavior: 'paged',
        viewingDirection: 'left-to-right',
        canvases,
      });
    }
  }
  for (const [key, row] of plan.objectRows) {
    const object = find(key);
    if (!object) continue;
    const values = table.rows[row]!;
    object.descriptive = rowToDescriptive(values, table.columns, plan.leaveOut, object.descriptive);
    const behavior = plan.roles.behavior && values[plan.roles.behavior]?.toLowerCase();
    if (behavior && isBehavior(behavior)) object.behavior = behavior;
    const direction = plan.roles.viewingDirection && values[plan.roles.viewingDirection]?.toLowerCase();
    if (direction && isViewingDirection(direction)) object.viewingDirection = direction;
  }
  for (const object of out) if (object.cover && !object.canvases.includes(object.cover)) delete object.cover;
  return out.filter((o) => o.canvases.length > 0);
}
