/** The bundle's index.html: a list of its images that opens each in OpenSeadragon when the folder is served. */

export const BUNDLE_VIEWER_SCRIPT = 'viewer/viewer.js';
export const BUNDLE_OSD_SCRIPT = 'viewer/openseadragon.min.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function buildBundleIndexHtml(images: readonly { id: string; label: string }[], title: string): string {
  const items = images
    .map((i) => `      <li><button type="button" data-image="${escapeHtml(i.id)}">${escapeHtml(i.label)}</button></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <style>
      body { margin: 0; font: 15px/1.4 system-ui, sans-serif; display: grid; grid-template-columns: 16rem 1fr; height: 100vh; }
      nav { overflow: auto; border-right: 1px solid #ccc; padding: 0.5rem; }
      nav ul { list-style: none; margin: 0; padding: 0; }
      nav button { width: 100%; text-align: left; padding: 0.4rem; background: none; border: 0; cursor: pointer; }
      nav button[aria-current="true"] { background: #e4ecf7; }
      #viewer { background: #111; }
    </style>
  </head>
  <body>
    <nav>
      <h1>${escapeHtml(title)}</h1>
      <ul>
${items}
      </ul>
    </nav>
    <main id="viewer" aria-label="Image viewer"></main>
    <script src="${BUNDLE_OSD_SCRIPT}"></script>
    <script src="${BUNDLE_VIEWER_SCRIPT}"></script>
  </body>
</html>
`;
}
