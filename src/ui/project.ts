import { deleteImage, filesOf, openVitrineDb, type ImageRecord, type ObjectRecord, type VitrineDb } from '../shared/db';
import { emptyDescriptive } from '../shared/descriptive';
import type { InputPolicy } from '../shared/input-policy';
import { planBatch, type BatchFile, type ObjectsMode } from '../shared/object-plan';
import type { TileSettings } from '../shared/settings';
import type { ReportInput } from '../shared/batch-report';
import type { BundleContent } from './bundle-entries';

export interface ImageChange {
  id: string;
  removed?: boolean;
  /** Only the transient progress moved: a listener may update just that. */
  progressOnly?: boolean;
}

/** A batch to add: the dropped files, what was read of them (see batch-files.ts), and how folders publish. */
export interface NewBatch {
  files: readonly File[];
  described: readonly BatchFile[];
  /** Per file: why it is skipped, or empty. */
  skip: readonly string[];
  mode: ObjectsMode;
}

/**
 * The images and objects of the project as the page sees them: IndexedDB records mirrored in memory,
 * with transient progress. Emits `change` (detail: ImageChange) after every image update and `objects`
 * after every object change.
 */
export class Project extends EventTarget {
  readonly images = new Map<string, ImageRecord>();
  readonly objects = new Map<string, ObjectRecord>();
  readonly progress = new Map<string, number>();
  /** Images out of the project but still stored, until `remove` completes or `restore` undoes it. */
  private readonly withdrawn = new Map<string, { record: ImageRecord; owner?: ObjectRecord; index: number }>();

  private constructor(readonly db: VitrineDb) {
    super();
  }

  /** The stored project, and the ids of jobs a reload cut short: queued again, to run from the start. */
  static async open(): Promise<{ project: Project; resumable: string[] }> {
    const project = new Project(await openVitrineDb());
    const resumable: string[] = [];
    for (const object of await project.db.getAll('objects')) project.objects.set(object.id, object);
    for (const record of await project.db.getAllFromIndex('images', 'createdAt')) {
      project.images.set(record.id, record);
      if (record.state !== 'queued' && record.state !== 'running') continue;
      if (await project.db.getKey('sources', sourceKey(record))) {
        // A running job restarts cleanly: the worker clears what it had written before it writes again.
        await project.update(record.id, { state: 'queued' });
        resumable.push(record.id);
      } else await project.fail(record.id, 'Interrupted before it finished, and its file was not stored: add it again');
    }
    return { project, resumable };
  }

  source(id: string): Promise<File | undefined> {
    const record = this.images.get(id);
    return record ? this.db.get('sources', sourceKey(record)).then((s) => s?.file) : Promise.resolve(undefined);
  }

  /**
   * New records for a batch, with ids unique in the project (see planBatch): queued with their source
   * stored once per file, or skipped with the reason as a note; and its objects.
   */
  async add(batch: NewBatch, settings: TileSettings, policy: InputPolicy): Promise<ImageRecord[]> {
    // A withdrawn image keeps its id until it is gone from storage: a new file must not take its folder.
    const withdrawn = [...this.withdrawn].flatMap(([id, w]) => (w.owner ? [id, w.owner.id] : [id]));
    const taken = new Set([...this.images.keys(), ...withdrawn, ...this.objects.keys()]);
    const plan = planBatch(batch.described, batch.mode, taken);
    const now = Date.now();
    const firstOfFile = new Map<number, string>();
    const records = plan.images.map((p, i): ImageRecord => {
      const file = batch.files[p.file]!;
      const skip = batch.skip[p.file];
      const shared = firstOfFile.get(p.file);
      if (!shared) firstOfFile.set(p.file, p.id);
      return {
        id: p.id,
        name: file.name,
        state: skip ? 'skipped' : 'queued',
        settings,
        policy,
        width: 0,
        height: 0,
        descriptive: emptyDescriptive(p.label),
        notes: skip ? [skip] : [],
        ...(p.page !== undefined ? { page: p.page } : {}),
        ...(shared ? { sourceId: shared } : {}),
        createdAt: now + i / 1000,
        storedBytes: 0,
        sourceBytes: file.size,
      };
    });
    const objects = plan.objects.map((o, i): ObjectRecord => ({
      ...o,
      descriptive: emptyDescriptive(o.name),
      createdAt: now + i / 1000,
    }));
    // Records and the files themselves in one transaction: a job is never queued without its source.
    const tx = this.db.transaction(['images', 'sources', 'objects'], 'readwrite');
    await Promise.all([
      ...records.map((r) => tx.objectStore('images').put(r)),
      ...[...firstOfFile].flatMap(([file, id]) =>
        batch.skip[file] ? [] : [tx.objectStore('sources').put({ id, file: batch.files[file]! })],
      ),
      ...objects.map((o) => tx.objectStore('objects').put(o)),
      tx.done,
    ]);
    for (const record of records) this.emit(record.id, record);
    for (const object of objects) this.objects.set(object.id, object);
    if (objects.length) this.dispatchEvent(new Event('objects'));
    return records;
  }

  /** Writes an object's new order, labels, cover or behaviour; one with no canvas left is deleted. */
  async saveObject(object: ObjectRecord): Promise<void> {
    if (object.canvases.length) {
      this.objects.set(object.id, object);
      await this.db.put('objects', object);
    } else {
      this.objects.delete(object.id);
      await this.db.delete('objects', object.id);
    }
    this.dispatchEvent(new Event('objects'));
  }

  /** The object an image is a canvas of, if any. */
  objectOf(imageId: string): ObjectRecord | undefined {
    return [...this.objects.values()].find((o) => o.canvases.includes(imageId));
  }

  async update(id: string, patch: Partial<ImageRecord>): Promise<void> {
    const current = this.images.get(id);
    if (!current) return;
    const next = { ...current, ...patch };
    // The mirror changes at once so that overlapping updates merge; IndexedDB applies puts in order.
    this.emit(id, next);
    await this.db.put('images', next);
  }

  /** Marks a job done and drops its stored source once no other page of the same file needs it. */
  async finish(id: string, patch: Partial<ImageRecord>): Promise<void> {
    await this.update(id, { ...patch, state: 'done' });
    const record = this.images.get(id)!;
    if (!this.sharesSource(record, (r) => r.state !== 'done')) await this.db.delete('sources', sourceKey(record));
  }

  /** Queues a failed or cancelled job again, if its source is still stored. */
  async retry(id: string): Promise<boolean> {
    const record = this.images.get(id);
    if (!record || !(await this.db.getKey('sources', sourceKey(record)))) return false;
    await this.update(id, { state: 'queued', error: undefined, errorCode: undefined });
    return true;
  }

  /** Marks a job failed and drops whatever it stored (its source stays, for a retry). */
  async fail(id: string, error: string, errorCode?: string): Promise<void> {
    await this.db.delete('files', filesOf(id));
    await this.update(id, { state: 'failed', error, errorCode, storedBytes: 0 });
  }

  setProgress(id: string, fraction: number): void {
    this.progress.set(id, fraction);
    this.dispatchEvent(new CustomEvent<ImageChange>('change', { detail: { id, progressOnly: true } }));
  }

  /**
   * Takes an image out of the project (list, bundle, its object) but not out of storage, so that
   * `restore` can undo it; `remove` completes it.
   */
  withdraw(id: string): ImageRecord | undefined {
    const record = this.images.get(id);
    if (!record) return undefined;
    const owner = this.objectOf(id);
    this.withdrawn.set(id, { record, owner, index: owner?.canvases.indexOf(id) ?? -1 });
    if (owner) {
      const canvases = owner.canvases.filter((c) => c !== id);
      if (canvases.length) this.objects.set(owner.id, { ...owner, canvases });
      else this.objects.delete(owner.id);
      this.dispatchEvent(new Event('objects'));
    }
    this.images.delete(id);
    this.progress.delete(id);
    this.dispatchEvent(new CustomEvent<ImageChange>('change', { detail: { id, removed: true } }));
    return record;
  }

  /** Puts a withdrawn image back where it was, in its object too (saved: the object may have been saved without it). */
  async restore(id: string): Promise<void> {
    const withdrawn = this.withdrawn.get(id);
    if (!withdrawn) return;
    this.withdrawn.delete(id);
    const { owner, index, record } = withdrawn;
    if (owner) {
      const canvases = [...(this.objects.get(owner.id) ?? { canvases: [] }).canvases];
      canvases.splice(Math.min(index, canvases.length), 0, id);
      await this.saveObject({ ...(this.objects.get(owner.id) ?? owner), canvases });
    }
    // Back in its place among the others: the list, the collection and the ZIP follow this order.
    const ordered = [...this.images.values(), record].sort((a, b) => a.createdAt - b.createdAt);
    this.images.clear();
    for (const r of ordered) this.images.set(r.id, r);
    this.emit(id, record);
  }

  /** Deletes an image and everything stored for it (withdrawing it first if it is still shown). */
  async remove(id: string): Promise<void> {
    if (!this.withdrawn.has(id) && !this.withdraw(id)) return;
    const { record, owner } = this.withdrawn.get(id)!;
    this.withdrawn.delete(id);
    const source = this.sharesSource(record, () => true) ? null : sourceKey(record);
    // The object as it is now (perhaps reordered since), or gone when this was its last canvas.
    const object = owner ? (this.objects.get(owner.id) ?? { ...owner, canvases: [] }) : null;
    await deleteImage(this.db, id, { source, object });
  }

  finished(): ImageRecord[] {
    return [...this.images.values()].filter((r) => r.state === 'done');
  }

  /** What an export or an upload publishes now: finished images, their objects, and the report. */
  bundle(): BundleContent {
    const objects = [...this.objects.values()].sort((a, b) => a.createdAt - b.createdAt);
    return { images: this.finished(), objects, report: this.report() };
  }

  /** The report's input: every image that finished or failed (skipped files are not images). */
  report(): ReportInput[] {
    return [...this.images.values()]
      .filter((r): r is ImageRecord & { state: 'done' | 'failed' } => r.state === 'done' || r.state === 'failed')
      .map((r) => ({
        id: r.id,
        name: r.name,
        state: r.state,
        format: r.format,
        route: r.route,
        width: r.width,
        height: r.height,
        settings: r.settings,
        storedBytes: r.storedBytes,
        elapsedMs: r.elapsedMs,
        warnings: r.warnings ?? [],
        ...(r.error ? { error: r.error } : {}),
      }));
  }

  /** Whether another record matching `still` reads the same stored file (pages of one TIFF). */
  private sharesSource(record: ImageRecord, still: (r: ImageRecord) => boolean): boolean {
    const key = sourceKey(record);
    const withdrawn = [...this.withdrawn.values()].map((w) => w.record);
    return [...this.images.values(), ...withdrawn].some((r) => r.id !== record.id && sourceKey(r) === key && still(r));
  }

  private emit(id: string, record: ImageRecord): void {
    this.images.set(id, record);
    this.dispatchEvent(new CustomEvent<ImageChange>('change', { detail: { id } }));
  }
}

/** The id an image's dropped file is stored under. */
const sourceKey = (record: ImageRecord) => record.sourceId ?? record.id;
