import { readFile } from 'node:fs/promises';
import type { StoredImage } from '../shared/iiif-manifest';
import type { StoredObject } from '../shared/iiif-object';
import { keyColumn, rowToDescriptive } from '../shared/metadata-join';
import { parseMetadata } from '../shared/metadata-table';
import { applyTableObjects, planTable } from '../shared/table-objects';

/**
 * Joins a metadata table to the finished images as the app's Apply does: descriptive metadata and
 * sections onto images, then the table's objects. Says on stderr which rows and images found no partner.
 */
export async function applyTable(
  path: string,
  picked: string | undefined,
  done: StoredImage[],
  objects: StoredObject[],
  names: Map<string, string>,
  taken: Set<string>,
): Promise<StoredObject[]> {
  const table = parseMetadata(await readFile(path, 'utf8'));
  const key = keyColumn(table, picked);
  const plan = planTable(
    done.map((d) => ({ id: d.id, name: names.get(d.id)! })),
    table,
    key,
  );
  for (const image of done) {
    const row = plan.join.matches.get(image.id);
    if (row === undefined) continue;
    image.descriptive = rowToDescriptive(table.rows[row]!, table.columns, plan.leaveOut, image.descriptive);
    const section = plan.sections.get(image.id);
    if (section) image.section = section;
  }
  for (const row of plan.join.unmatchedRows)
    process.stderr.write(`metadata row ${row + 2} matches no image (${key}: ${table.rows[row]![key]})\n`);
  for (const id of plan.join.imagesWithoutRow) process.stderr.write(`no metadata row for ${names.get(id)}\n`);
  return plan.groups.size || plan.objectRows.size ? applyTableObjects(objects, plan, table, taken) : objects;
}
