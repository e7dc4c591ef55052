import { deleteImage, filesOf, openVitrineDb, type ImageRecord, type VitrineDb } from '../shared/db';
import { defaultLabel, emptyDescriptive } from '../shared/descriptive';
import { uniqueImageId } from '../shared/image-id';
import type { InputPolicy } from '../shared/input-policy';
import type { TileSettings } from '../shared/settings';

export interface ImageChange {
  id: string;
  removed?: boolean;
  /** Only the transient progress moved: a listener may update just that. */
  progressOnly?: boolean;
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

  /** The stored project, and the ids of jobs a reload cut short: queued again, to run from the start. */
  static async open(): Promise<{ project: Project; resumable: string[] }> {
    const project = new Project(await openVitrineDb());
    const resumable: string[] = [];
    for (const record of await project.db.getAllFromIndex('images', 'createdAt')) {
      project.images.set(record.id, record);
      if (record.state !== 'queued' && record.state !== 'running') continue;
      if (await project.db.getKey('sources', record.id)) {
        // A running job restarts cleanly: the worker clears what it had written before it writes again.
        await project.update(record.id, { state: 'queued' });
        resumable.push(record.id);
      } else await project.fail(record.id, 'Interrupted before it finished, and its file was not stored: add it again');
    }
    return { project, resumable };
  }

  source(id: string): Promise<File | undefined> {
    return this.db.get('sources', id).then((s) => s?.file);
  }

  /**
   * New records for dropped files, with ids unique in the project: queued with their source stored, or
   * skipped (with the reason as a note) for the files in `skip`.
   */
  async add(
    files: readonly File[],
    settings: TileSettings,
    policy: InputPolicy,
    skip = new Map<File, string>(),
  ): Promise<ImageRecord[]> {
    const taken = new Set(this.images.keys());
    const now = Date.now();
    const records = files.map((file, i): ImageRecord => {
      const id = uniqueImageId(file.name, taken);
      taken.add(id);
      return {
        id,
        name: file.name,
        state: skip.has(file) ? 'skipped' : 'queued',
        settings,
        policy,
        width: 0,
        height: 0,
        descriptive: emptyDescriptive(defaultLabel(file.name)),
        notes: skip.has(file) ? [skip.get(file)!] : [],
        createdAt: now + i / 1000,
        storedBytes: 0,
        sourceBytes: file.size,
      };
    });
    // Records and the files themselves in one transaction: a job is never queued without its source.
    const tx = this.db.transaction(['images', 'sources'], 'readwrite');
    await Promise.all([
      ...records.map((r) => tx.objectStore('images').put(r)),
      ...records.flatMap((r, i) =>
        skip.has(files[i]!) ? [] : [tx.objectStore('sources').put({ id: r.id, file: files[i]! })],
      ),
      tx.done,
    ]);
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

  /** Marks a job done and drops its stored source, which is no longer needed. */
  async finish(id: string, patch: Partial<ImageRecord>): Promise<void> {
    await this.update(id, { ...patch, state: 'done' });
    await this.db.delete('sources', id);
  }

  /** Queues a failed or cancelled job again, if its source is still stored. */
  async retry(id: string): Promise<boolean> {
    if (!(await this.db.getKey('sources', id))) return false;
    await this.update(id, { state: 'queued', error: undefined });
    return true;
  }

  /** Marks a job failed and drops whatever it stored (its source stays, for a retry). */
  async fail(id: string, error: string): Promise<void> {
    await this.db.delete('files', filesOf(id));
    await this.update(id, { state: 'failed', error, storedBytes: 0 });
  }

  setProgress(id: string, fraction: number): void {
    this.progress.set(id, fraction);
    this.dispatchEvent(new CustomEvent<ImageChange>('change', { detail: { id, progressOnly: true } }));
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
