import { deleteImage, filesOf, openVitrineDb, type ImageRecord, type VitrineDb } from '../shared/db';
import { defaultLabel, emptyDescriptive } from '../shared/descriptive';
import { uniqueImageId } from '../shared/image-id';
import type { TileSettings } from '../shared/settings';

export interface ImageChange {
  id: string;
  removed?: boolean;
}

/**
 * The images of the project as the page sees them: IndexedDB records mirrored in memory, with
 * transient progress. Emits `change` (detail: ImageChange) after every update.
 */
export class Project extends EventTarget {
  readonly images = new Map<string, ImageRecord>();
  readonly progress = new Map<string, number>();

  private constructor(readonly db: VitrineDb) {
    super();
  }

  static async open(): Promise<Project> {
    const project = new Project(await openVitrineDb());
    for (const record of await project.db.getAllFromIndex('images', 'createdAt')) {
      project.images.set(record.id, record);
      if (record.state === 'queued' || record.state === 'running') {
        // The File was not kept, so a job cut short by a reload cannot go on: say so, keep nothing half-written.
        await project.fail(record.id, 'Interrupted by a page reload before it finished: add the file again');
      }
    }
    return project;
  }

  /** New queued records for dropped files, with ids unique in the project. */
  async add(files: readonly File[], settings: TileSettings): Promise<ImageRecord[]> {
    const taken = new Set(this.images.keys());
    const now = Date.now();
    const records = files.map((file, i): ImageRecord => {
      const id = uniqueImageId(file.name, taken);
      taken.add(id);
      return {
        id,
        name: file.name,
        state: 'queued',
        settings,
        width: 0,
        height: 0,
        descriptive: emptyDescriptive(defaultLabel(file.name)),
        notes: [],
        createdAt: now + i / 1000,
        storedBytes: 0,
      };
    });
    const tx = this.db.transaction('images', 'readwrite');
    await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
    for (const record of records) this.emit(record.id, record);
    return records;
  }

  async update(id: string, patch: Partial<ImageRecord>): Promise<void> {
    const current = this.images.get(id);
    if (!current) return;
    const next = { ...current, ...patch };
    // The mirror changes at once so that overlapping updates merge; IndexedDB applies puts in order.
    this.emit(id, next);
    await this.db.put('images', next);
  }

  /** Marks a job failed and drops whatever it stored. */
  async fail(id: string, error: string): Promise<void> {
    await this.db.delete('files', filesOf(id));
    await this.update(id, { state: 'failed', error, storedBytes: 0 });
  }

  setProgress(id: string, fraction: number): void {
    this.progress.set(id, fraction);
    this.dispatchEvent(new CustomEvent<ImageChange>('change', { detail: { id } }));
  }

  async remove(id: string): Promise<void> {
    await deleteImage(this.db, id);
    this.images.delete(id);
    this.progress.delete(id);
    this.dispatchEvent(new CustomEvent<ImageChange>('change', { detail: { id, removed: true } }));
  }

  finished(): ImageRecord[] {
    return [...this.images.values()].filter((r) => r.state === 'done');
  }

  private emit(id: string, record: ImageRecord): void {
    this.images.set(id, record);
    this.dispatchEvent(new CustomEvent<ImageChange>('change', { detail: { id } }));
  }
}
