import { describe, expect, it } from 'vitest';
import { BUNDLE_OSD_SCRIPT, BUNDLE_VIEWER_SCRIPT, buildBundleIndexHtml, escapeHtml } from './bundle-index-html';

const XSS = '<img src=x onerror=alert(1)>';

describe('escapeHtml', () => {
  it.each<[string, string]>([
    [XSS, '&lt;img src=x onerror=alert(1)&gt;'],
    [`"quoted" and 'single'`, '&quot;quoted&quot; and &#39;single&#39;'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    ['</script><script>alert(1)</script>', '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['plain text, é ✓', 'plain text, é ✓'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('buildBundleIndexHtml', () => {
  const html = buildBundleIndexHtml(
    [
      { id: 'abc', label: XSS },
      { id: 'x"y', label: `It's "quoted" & <b>bold</b>` },
    ],
    'My <script>alert(2)</script> "bundle"',
  );

  it('escapes labels and ids in the list', () => {
    expect(html).toContain(
      '      <li><button type="button" data-image="abc">&lt;img src=x onerror=alert(1)&gt;</button></li>\n' +
        '      <li><button type="button" data-image="x&quot;y">It&#39;s &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;</button></li>',
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('x"y');
  });

  it('escapes the title in <title> and <h1>', () => {
    expect(html).toContain('<title>My &lt;script&gt;alert(2)&lt;/script&gt; &quot;bundle&quot;</title>');
    expect(html).toContain('<h1>My &lt;script&gt;alert(2)&lt;/script&gt; &quot;bundle&quot;</h1>');
    expect(html).not.toContain('alert(2)</script>');
  });

  it('loads exactly OpenSeadragon then the viewer', () => {
    expect(BUNDLE_OSD_SCRIPT).toBe('viewer/openseadragon.min.js');
    expect(BUNDLE_VIEWER_SCRIPT).toBe('viewer/viewer.js');
    expect(html.match(/<script\b/g)).toEqual(['<script', '<script']);
    expect(html).toContain(
      '    <script src="viewer/openseadragon.min.js"></script>\n    <script src="viewer/viewer.js"></script>\n',
    );
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
    expect(html).toContain('<main id="viewer" aria-label="Image viewer"></main>');
  });

  it('lists one button per image, in order', () => {
    const three = buildBundleIndexHtml(
      [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
      'T',
    );
    expect([...three.matchAll(/data-image="([^"]*)">([^<]*)</g)].map((m) => `${m[1]}=${m[2]}`)).toEqual([
      'a=A',
      'b=B',
      'c=C',
    ]);
  });

  it('has an empty list for no image', () => {
    const empty = buildBundleIndexHtml([], 'Nothing');
    expect(empty).toContain('      <ul>\n\n      </ul>');
    expect(empty).not.toContain('<li>');
  });
});
