import { describe, expect, it } from 'vitest';
import { isSafeImageId, slugFromFileName, uniqueImageId } from './image-id';

/** Every id produced below, to check them all against isSafeImageId at the end. */
const produced: string[] = [];
function slug(name: string): string {
  const id = slugFromFileName(name);
  produced.push(id);
  return id;
}
function unique(name: string, taken: Set<string>): string {
  const id = uniqueImageId(name, taken);
  produced.push(id);
  taken.add(id);
  return id;
}

describe('slugFromFileName', () => {
  it('lowercases and drops the extension', () => {
    expect(slug('Photo.JPG')).toBe('photo');
    expect(slug('IMG_0001.tiff')).toBe('img-0001');
    expect(slug('scan 12 (final).png')).toBe('scan-12-final');
    expect(slug('archive.tar.gz')).toBe('archive-tar');
    expect(slug('noextension')).toBe('noextension');
  });

  it.each<[string, string]>([
    ['../../etc/passwd.jpg', 'etc-passwd'],
    ['..\\..\\x.jpg', 'x'],
    ['%2e%2e%2fx.jpg', '2e-2e-2fx'],
    ['<img src=x onerror=alert(1)>.jpg', 'img-src-x-onerror-alert-1'],
    [`"it's" a 'test'.png`, 'it-s-a-test'],
    ['a\u0000b\u0007c\n.jpg', 'a-b-c'],
    ['\u001b[31mred\u001b[0m.jpg', '31mred-0m'],
    ['  photo.jpg', 'photo'],
    ['photo 1.jpg ', 'photo-1'], // surrounding spaces are trimmed before the extension is dropped
    ['/absolute/path.jpg', 'absolute-path'],
    ['C:\\Users\\me\\pic.jpg', 'c-users-me-pic'],
    ['file:///etc/hosts.jpg', 'file-etc-hosts'],
    ['a/../b.jpg', 'a-b'],
    ['---x---.jpg', 'x'],
  ])('makes %j into %j', (name, expected) => {
    expect(slug(name)).toBe(expected);
  });

  it.each<[string]>([['.jpg'], ['..'], ['.'], [''], ['   '], ['!!!.png'], ['Москва.jpg'], ['東京.png'], ['😀.jpg']])(
    'falls back to "image" for %j',
    (name) => {
      expect(slug(name)).toBe('image');
    },
  );

  it('never keeps . or .. as an id', () => {
    expect(slug('...jpg')).toBe('image');
    expect(slug('.....')).toBe('image');
  });

  it('strips accents: Café.JPG, cafe.jpg and CAFÉ.jpg share a slug', () => {
    expect(slug('Café.JPG')).toBe('cafe');
    expect(slug('cafe.jpg')).toBe('cafe');
    expect(slug('CAFÉ.jpg')).toBe('cafe');
    expect(slug('Ångström Øresund.jpg')).toBe('angstrom-resund');
  });

  it('gives the NFC and NFD forms of a name the same slug', () => {
    const nfc = 'Crème brûlée.jpg'.normalize('NFC');
    const nfd = 'Crème brûlée.jpg'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(slug(nfc)).toBe('creme-brulee');
    expect(slug(nfd)).toBe('creme-brulee');
  });

  it('folds compatibility characters', () => {
    expect(slug('ﬁle½.jpg')).toBe('file1-2');
    expect(slug('ＡＢＣ.jpg')).toBe('abc');
  });

  it('keeps at most 64 characters, without a trailing hyphen', () => {
    const long = `${'a'.repeat(300)}.jpg`;
    expect(slug(long)).toBe('a'.repeat(64));
    // The 64th character is a hyphen: it is dropped, leaving 63.
    expect(slug(`${'b'.repeat(63)} tail.jpg`)).toBe('b'.repeat(63));
    const words = `${'word '.repeat(60)}.jpg`;
    const id = slug(words);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toBe('word-'.repeat(12) + 'word'); // 12 × 5 + 4 = 64
  });
});

describe('uniqueImageId', () => {
  it('returns the slug when it is free', () => {
    expect(unique('Photo.jpg', new Set())).toBe('photo');
    expect(unique('Photo.jpg', new Set(['photo-2']))).toBe('photo');
  });

  it('gives Café.JPG, cafe.jpg, CAFÉ.jpg and the NFD form distinct ids', () => {
    const taken = new Set<string>();
    expect(unique('Café.JPG', taken)).toBe('cafe');
    expect(unique('cafe.jpg', taken)).toBe('cafe-2');
    expect(unique('CAFÉ.jpg', taken)).toBe('cafe-3');
    expect(unique('Café.JPG'.normalize('NFD'), taken)).toBe('cafe-4');
    expect([...taken]).toEqual(['cafe', 'cafe-2', 'cafe-3', 'cafe-4']);
  });

  it('skips taken suffixes', () => {
    expect(unique('x.jpg', new Set(['x', 'x-2', 'x-3']))).toBe('x-4');
    expect(unique('image.png', new Set(['image']))).toBe('image-2');
    expect(unique('Москва.jpg', new Set(['image', 'image-2']))).toBe('image-3');
  });

  it('keeps 64 characters when a long slug needs a suffix', () => {
    const taken = new Set<string>();
    const name = `${'a'.repeat(300)}.jpg`;
    expect(unique(name, taken)).toBe('a'.repeat(64));
    expect(unique(name, taken)).toBe(`${'a'.repeat(62)}-2`);
    for (let n = 3; n <= 9; n++) unique(name, taken);
    const tenth = unique(name, taken);
    expect(tenth).toBe(`${'a'.repeat(61)}-10`);
    expect(tenth).toHaveLength(64);
    expect(taken.size).toBe(10);
  });

  it('gives hostile names ids of at most 64 safe characters', () => {
    const taken = new Set<string>();
    for (const name of ['../../etc/passwd.jpg', '..\\..\\etc\\passwd.jpg', '../../etc/passwd.jpg', '.jpg', '..']) {
      const id = unique(name, taken);
      expect(id.length).toBeLessThanOrEqual(64);
      expect(id).not.toMatch(/[./\\]/);
    }
    expect([...taken]).toEqual(['etc-passwd', 'etc-passwd-2', 'etc-passwd-3', 'image', 'image-2']);
  });
});

describe('isSafeImageId', () => {
  it.each<[string]>([['a'], ['0'], ['image'], ['a-b'], ['a--b'], ['a'.repeat(64)], ['2e-2e-2fx']])(
    'accepts %j',
    (id) => {
      expect(isSafeImageId(id)).toBe(true);
    },
  );

  it.each<[string]>([
    ['..'],
    ['.'],
    ['a/b'],
    ['a\\b'],
    [''],
    ['-a'],
    ['a-'],
    ['-'],
    ['A'],
    ['a b'],
    ['a.jpg'],
    ['café'],
    ['a\n'],
    ['\na'],
    ['a'.repeat(65)],
    ['%2e%2e'],
  ])('rejects %j', (id) => {
    expect(isSafeImageId(id)).toBe(false);
  });

  it('accepts every id produced in this file', () => {
    expect(produced.length).toBeGreaterThan(40);
    for (const id of produced) expect(isSafeImageId(id), id).toBe(true);
  });
});

describe('Windows reserved device names', () => {
  // The module promises ids "safe as … a folder name on every file system". On Windows, CON, PRN, AUX,
  // NUL, COM1-9 and LPT1-9 (any case, with or without an extension) cannot be folder names, so a bundle
  // with an image `con/` fails to unzip or copy there. KNOWN BUG: marked `fails` until the module handles it.
  const reserved = ['con', 'prn', 'aux', 'nul', 'com1', 'lpt1'];
  it('does not produce a reserved device name from CON.jpg, nul.png, Aux.tif, COM1.jpg', () => {
    for (const name of ['CON.jpg', 'nul.png', 'Aux.tif', 'COM1.jpg', 'prn.jpeg', 'lpt1.webp']) {
      expect(reserved).not.toContain(slugFromFileName(name));
    }
  });
  it('isSafeImageId rejects reserved device names', () => {
    for (const id of reserved) expect(isSafeImageId(id)).toBe(false);
  });
});
