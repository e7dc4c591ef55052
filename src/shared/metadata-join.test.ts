import { describe, expect, it } from 'vitest';
import { emptyDescriptive } from './descriptive';
import { keyColumn, parseNavDate, planJoin, rowToDescriptive } from './metadata-join';
import { parseMetadata } from './metadata-table';

const CSV =
  '\uFEFFfile,title,description,rights,credit,date,thumbnail,Medium\r\n' +
  'storm.jpg,Storm,"Clouds, rain\nand wind",https://creativecommons.org/licenses/by/4.0/,Museum Ω,1889-06-18,x.jpg,Oil\r\n' +
  'calla,"Calla ""lily""",,,,circa 1900,,\r\n' +
  'nothing.png,Orphan,,,,,,\r\n';

describe('parseMetadata', () => {
  it('reads a CSV with BOM, CRLF, quoted commas, newlines and quotes, non-ASCII text', () => {
    const table = parseMetadata(CSV);
    expect(table.columns).toEqual(['file', 'title', 'description', 'rights', 'credit', 'date', 'thumbnail', 'Medium']);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]).toMatchObject({
      file: 'storm.jpg',
      description: 'Clouds, rain\nand wind',
      credit: 'Museum Ω',
    });
    expect(table.rows[1]!.title).toBe('Calla "lily"');
  });

  it('guesses a semicolon separator', () => {
    const table = parseMetadata('file;title;Maker\na.jpg;"One; two";Zoë\n');
    expect(table.rows).toEqual([{ file: 'a.jpg', title: 'One; two', Maker: 'Zoë' }]);
  });

  it('reads a JSON array of objects', () => {
    const table = parseMetadata('[{"id":"a","title":"A","year":1901},{"id":"b","extra":null}]');
    expect(table.columns).toEqual(['id', 'title', 'year', 'extra']);
    expect(table.rows).toEqual([
      { id: 'a', title: 'A', year: '1901', extra: '' },
      { id: 'b', title: '', year: '', extra: '' },
    ]);
  });

  it('refuses JSON that is not an array of objects', () => {
    expect(() => parseMetadata('[1,2]')).toThrow(/array of objects/);
  });
});

describe('planJoin', () => {
  const images = [
    { id: 'storm', name: 'storm.jpg' },
    { id: 'calla', name: 'Calla.PNG' },
    { id: 'tower', name: 'tower.tif' },
  ];

  it('matches by file name with or without extension, and reports both kinds of leftovers', () => {
    const table = parseMetadata(CSV);
    const plan = planJoin(images, table, keyColumn(table));
    expect([...plan.matches]).toEqual([
      ['storm', 0],
      ['calla', 1],
    ]);
    expect(plan.unmatchedRows).toEqual([2]);
    expect(plan.imagesWithoutRow).toEqual(['tower']);
  });

  it('matches by a picked id column, and refuses an unknown one', () => {
    const table = parseMetadata('artwork,title\ntower,Tower\n');
    expect([...planJoin(images, table, keyColumn(table, 'artwork')).matches]).toEqual([['tower', 0]]);
    expect(() => keyColumn(table, 'nope')).toThrow(/No column/);
    expect(() => keyColumn(parseMetadata('a,b\n1,2\n'))).toThrow(/Pick the column/);
  });
});

describe('rowToDescriptive', () => {
  it('maps known columns to IIIF fields and the rest to metadata pairs', () => {
    const table = parseMetadata(CSV);
    const d = rowToDescriptive(table.rows[0]!, table.columns, ['file'], emptyDescriptive('storm'));
    expect(d).toEqual({
      label: 'Storm',
      summary: 'Clouds, rain\nand wind',
      rights: 'http://creativecommons.org/licenses/by/4.0/',
      requiredStatement: { label: 'Attribution', value: 'Museum Ω' },
      metadata: [{ label: 'Medium', value: 'Oil' }],
      navDate: '1889-06-18T00:00:00Z',
    });
  });

  it('keeps an unparseable date and an unusable rights value as metadata', () => {
    const d = rowToDescriptive(
      { f: 'x', date: 'circa 1900', rights: 'all mine' },
      ['f', 'date', 'rights'],
      ['f'],
      emptyDescriptive('x'),
    );
    expect(d.navDate).toBeUndefined();
    expect(d.rights).toBe('');
    expect(d.metadata).toEqual([
      { label: 'date', value: 'circa 1900' },
      { label: 'rights', value: 'all mine' },
    ]);
  });
});

describe('parseNavDate', () => {
  it.each([
    ['1889', '1889-01-01T00:00:00Z'],
    ['1889-06', '1889-06-01T00:00:00Z'],
    ['1889-06-18', '1889-06-18T00:00:00Z'],
    ['1889-06-18T10:30', '1889-06-18T10:30:00Z'],
    ['1889-13-01', undefined],
    ['1889-02-30', undefined],
    ['June 1889', undefined],
  ])('%s → %s', (text, expected) => {
    expect(parseNavDate(text)).toBe(expected);
  });
});
