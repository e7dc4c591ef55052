import { describe, expect, it } from 'vitest';
import { buildReport, reportCsv, type ReportInput } from '../src/shared/batch-report';
import { emptyDescriptive } from '../src/shared/descriptive';
import type { StoredImage } from '../src/shared/iiif-manifest';
import type { StoredObject } from '../src/shared/iiif-object';
import { parseMetadata } from '../src/shared/metadata-table';
import { naturalCompare } from '../src/shared/natural-order';
import { buildObjectManifest } from '../src/shared/object-manifest';
import { planBatch, type BatchFile } from '../src/shared/object-plan';
import { publications } from '../src/shared/publication';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { applyTableObjects, planTable } from '../src/shared/table-objects';
import { presentationSchemaErrors } from './iiif-schema';

const BASE = 'https://example.org/iiif';
const image = (id: string, section?: string): StoredImage => ({
  id,
  width: 1000,
  height: 700,
  settings: DEFAULT_SETTINGS,
  descriptive: emptyDescriptive(id.toUpperCase()),
  ...(section ? { section } : {}),
});
const object = (id: string, canvases: string[], extra: Partial<StoredObject> = {}): StoredObject => ({
  id,
  name: id,
  descriptive: emptyDescriptive(`Object ${id}`),
  behavior: 'paged',
  viewingDirection: 'left-to-right',
  canvases,
  ...extra,
});

describe('natural order', () => {
  it('puts page-2 before page-10, whatever the case', () => {
    const names = ['page-10.jpg', 'Page-2.jpg', 'page-1.jpg', 'page-11.jpg'];
    expect(names.sort(naturalCompare)).toEqual(['page-1.jpg', 'Page-2.jpg', 'page-10.jpg', 'page-11.jpg']);
  });
});

describe('planBatch', () => {
  const folder = (name: string, folder: string | null = 'scans/book'): BatchFile => ({ name, folder, pages: 1 });

  it('makes each folder one object with its images in natural order, and a multi-page TIFF an object of its pages', () => {
    const files = [
      folder('page-10.jpg'),
      folder('page-2.jpg'),
      folder('page-1.jpg'),
      { ...folder('scan.tif', null), pages: 3 },
    ];
    const plan = planBatch(files, 'folders', new Set());
    expect(plan.images.map((i) => [i.id, i.page, i.label])).toEqual([
      ['page-10', undefined, 'page-10'],
      ['page-2', undefined, 'page-2'],
      ['page-1', undefined, 'page-1'],
      ['scan-p1', 0, 'Page 1'],
      ['scan-p2', 1, 'Page 2'],
      ['scan-p3', 2, 'Page 3'],
    ]);
    expect(plan.objects.map((o) => [o.id, o.name, o.canvases])).toEqual([
      ['book', 'book', ['page-1', 'page-2', 'page-10']],
      ['scan', 'scan', ['scan-p1', 'scan-p2', 'scan-p3']],
    ]);
  });

  it('in images mode keeps folders as single images, and skipped files never shift an image id', () => {
    const files = [{ ...folder('notes.txt'), skipped: true }, folder('notes.jpg'), folder('b.jpg', 'other')];
    const plan = planBatch(files, 'images', new Set(['b']));
    expect(plan.objects).toEqual([]);
    expect(plan.images.map((i) => i.id)).toEqual(['notes-2', 'notes', 'b-2']);
  });

  it('gives an object an id no image has', () => {
    const plan = planBatch([folder('book.jpg'), folder('x.jpg')], 'folders', new Set());
    expect(plan.objects[0]!.id).toBe('book-2');
  });
});

describe('a metadata table with object, sequence and section columns', () => {
  const table = parseMetadata(
    [
      'file,object,sequence,section,title,date,behavior',
      ',Hours,,,Book of Hours,1450,individuals',
      'b.jpg,Hours,2,Calendar,Folio 2,,',
      'a.jpg,Hours,1,Calendar,Folio 1,,',
      'c.jpg,Hours,3,Hours of the Virgin,Folio 3,,',
      'd.jpg,,,,Loose leaf,,',
    ].join('\n'),
  );
  const images = ['a', 'b', 'c', 'd'].map((id) => ({ id, name: `${id}.jpg` }));
  const plan = planTable(images, table, 'file');

  it('groups by object, orders by sequence, keeps the object row out of the unmatched rows', () => {
    expect([...plan.groups]).toEqual([['Hours', ['a', 'b', 'c']]]);
    expect(plan.join.unmatchedRows).toEqual([]);
    expect([...plan.sections]).toEqual([
      ['a', 'Calendar'],
      ['b', 'Calendar'],
      ['c', 'Hours of the Virgin'],
    ]);
    expect(plan.leaveOut).toEqual(['file', 'object', 'sequence', 'section', 'behavior']);
  });

  it('moves the grouped images out of their folder object and describes the new object from its row', () => {
    const before = [object('folder', ['a', 'b', 'c', 'd'])];
    const after = applyTableObjects(before, plan, table, new Set(['a', 'b', 'c', 'd', 'folder']));
    expect(after.map((o) => [o.id, o.canvases, o.behavior])).toEqual([
      ['folder', ['d'], 'paged'],
      ['hours', ['a', 'b', 'c'], 'individuals'],
    ]);
    expect(after[1]!.descriptive.label).toBe('Book of Hours');
    expect(after[1]!.descriptive.navDate).toBe('1450-01-01T00:00:00Z');
  });
});

describe('an object manifest', () => {
  const images = [image('p1', 'Calendar'), image('p2', 'Calendar'), image('p3', 'Hours'), image('loose')];
  const book = object('book', ['p3', 'p1', 'p2', 'p-unfinished'], { cover: 'p1', viewingDirection: 'right-to-left' });
  const manifests = publications(images, [book]);

  it('is placed at its first canvas, without unfinished canvases; loose images stay single', () => {
    expect(manifests.map((m) => [m.id, m.canvases.map((c) => c.id)])).toEqual([
      ['book', ['p3', 'p1', 'p2']],
      ['loose', ['loose']],
    ]);
  });

  it('has the canvases in order, behavior, direction, start at the cover and a range per section', () => {
    const m = buildObjectManifest(manifests[0]!, BASE);
    expect(m.id).toBe(`${BASE}/book/manifest.json`);
    expect(m.behavior).toEqual(['paged']);
    expect(m.viewingDirection).toBe('right-to-left');
    expect(m.items.map((c) => c.id)).toEqual(['p3', 'p1', 'p2'].map((id) => `${BASE}/${id}/canvas/1`));
    expect(m.items.map((c) => c.label)).toEqual([{ none: ['P3'] }, { none: ['P1'] }, { none: ['P2'] }]);
    expect(m.start).toEqual({ id: `${BASE}/p1/canvas/1`, type: 'Canvas' });
    expect(m.thumbnail[0]!.id).toBe(`${BASE}/p1/full/250,175/0/default.jpg`);
    expect(m.structures).toEqual([
      {
        id: `${BASE}/book/range/1`,
        type: 'Range',
        label: { none: ['Hours'] },
        items: [{ id: `${BASE}/p3/canvas/1`, type: 'Canvas' }],
      },
      {
        id: `${BASE}/book/range/2`,
        type: 'Range',
        label: { none: ['Calendar'] },
        items: [
          { id: `${BASE}/p1/canvas/1`, type: 'Canvas' },
          { id: `${BASE}/p2/canvas/1`, type: 'Canvas' },
        ],
      },
    ]);
    expect(presentationSchemaErrors(m) ?? []).toEqual([]);
  });
});

describe('the batch report', () => {
  const input = (id: string, extra: Partial<ReportInput> = {}): ReportInput => ({
    id,
    name: `${id}.jpg`,
    state: 'done',
    format: 'jpeg',
    width: 1000,
    height: 700,
    settings: DEFAULT_SETTINGS,
    storedBytes: 1000,
    elapsedMs: 50,
    warnings: [],
    ...extra,
  });

  it('counts tiles and levels from the pyramid: 12 + 4 + 1 for 1000×700 at 256, twice with WebP', () => {
    const report = buildReport(
      [
        input('a'),
        input('b', { settings: { ...DEFAULT_SETTINGS, format: 'webp' } }),
        input('c', { state: 'failed', width: 0, height: 0, storedBytes: 0, error: 'Damaged' }),
      ],
      [object('o', ['a', 'b'])],
    );
    expect(report.rows.map((r) => [r.id, r.object, r.tiles, r.levels, r.warnings])).toEqual([
      ['a', 'o', 17, 3, ''],
      ['b', 'o', 34, 3, ''],
      ['c', '', 0, 0, 'Damaged'],
    ]);
    expect(report.totals).toEqual({ images: 2, failed: 1, tiles: 51, bytes: 2000, ms: 150, meanTiles: 25.5 });
    expect(report.objects).toEqual([{ id: 'o', label: 'Object o', canvases: 2 }]);
  });

  it('as CSV quotes what needs it and keeps a formula-like name text', () => {
    const row = input('a', { name: '=cmd|x.jpg', route: 'browser', warnings: ['one, "two"'] });
    const csv = reportCsv(buildReport([row], []));
    expect(csv.split('\r\n')[0]).toBe('id,name,object,state,format,route,width,height,tiles,levels,bytes,ms,warnings');
    expect(csv.split('\r\n')[1]).toBe(`a,"'=cmd|x.jpg",,done,jpeg,browser,1000,700,17,3,1000,50,"one, ""two"""`);
  });
});
