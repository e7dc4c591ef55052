import { describe, expect, it } from 'vitest';
import { emptyDescriptive, languageMap, normaliseRights, parsePairs } from './descriptive';

describe('normaliseRights', () => {
  it.each<[string, string]>([
    ['https://creativecommons.org/licenses/by/4.0/', 'http://creativecommons.org/licenses/by/4.0/'],
    ['http://creativecommons.org/licenses/by-sa/4.0/', 'http://creativecommons.org/licenses/by-sa/4.0/'],
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'http://creativecommons.org/publicdomain/zero/1.0/'],
    ['https://creativecommons.org/publicdomain/mark/1.0/', 'http://creativecommons.org/publicdomain/mark/1.0/'],
    ['https://rightsstatements.org/vocab/InC/1.0/', 'http://rightsstatements.org/vocab/InC/1.0/'],
    ['http://rightsstatements.org/vocab/NoC-US/1.0/', 'http://rightsstatements.org/vocab/NoC-US/1.0/'],
    ['  https://creativecommons.org/licenses/by/4.0/\n', 'http://creativecommons.org/licenses/by/4.0/'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normaliseRights(input)).toBe(expected);
  });

  it('keeps empty as empty', () => {
    expect(normaliseRights('')).toBe('');
    expect(normaliseRights('   \t ')).toBe('');
  });

  it.each<[string]>([
    ['https://example.com/x'],
    ['https://creativecommons.org/'],
    ['https://creativecommons.org/licenses/'],
    ['https://creativecommons.org/about/cclicenses/'],
    ['https://creativecommons.org.evil.example/licenses/by/4.0/'],
    ['https://evil.example/creativecommons.org/licenses/by/4.0/'],
    ['https://www.creativecommons.org/licenses/by/4.0/'],
    ['ftp://creativecommons.org/licenses/by/4.0/'],
    ['creativecommons.org/licenses/by/4.0/'],
    ['https://rightsstatements.org/page/InC/1.0/'],
    ['https://creativecommons.org/licenses/by/4.0/ and more'],
    ['CC BY 4.0'],
  ])('throws on %j', (input) => {
    expect(() => normaliseRights(input)).toThrow(TypeError);
    expect(() => normaliseRights(input)).toThrow('Rights must be a Creative Commons or RightsStatements.org URI');
  });
});

describe('parsePairs', () => {
  it('splits “Label: value” lines', () => {
    expect(parsePairs('Date: 1889\nArtist:  Vincent van Gogh ')).toEqual([
      { label: 'Date', value: '1889' },
      { label: 'Artist', value: 'Vincent van Gogh' },
    ]);
  });

  it('splits on the first colon only', () => {
    expect(parsePairs('Time: 10:30\nURL: https://example.org/a')).toEqual([
      { label: 'Time', value: '10:30' },
      { label: 'URL', value: 'https://example.org/a' },
    ]);
  });

  it('makes a line without a colon a note and skips blank lines', () => {
    expect(parsePairs('\n  \nJust a remark\n\nLabel:\n')).toEqual([
      { label: 'Note', value: 'Just a remark' },
      { label: 'Label', value: '' },
    ]);
  });

  it('handles CRLF line ends', () => {
    expect(parsePairs('A: 1\r\nB: 2\r\n')).toEqual([
      { label: 'A', value: '1' },
      { label: 'B', value: '2' },
    ]);
  });

  it('gives an empty label before a leading colon the label Note', () => {
    expect(parsePairs(': orphan')).toEqual([{ label: 'Note', value: 'orphan' }]);
  });

  it('returns nothing for empty text', () => {
    expect(parsePairs('')).toEqual([]);
    expect(parsePairs('\n\n   \n')).toEqual([]);
  });
});

describe('languageMap and emptyDescriptive', () => {
  it('languageMap uses the none key', () => {
    expect(languageMap('Hello')).toStrictEqual({ none: ['Hello'] });
    expect(languageMap('')).toStrictEqual({ none: [''] });
  });

  it('emptyDescriptive has only the label', () => {
    expect(emptyDescriptive('My image')).toStrictEqual({
      label: 'My image',
      summary: '',
      rights: '',
      requiredStatement: null,
      metadata: [],
    });
  });
});
