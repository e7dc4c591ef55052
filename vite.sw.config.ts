import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig } from 'vite';

/** Every file the app build wrote (run after it): the service worker precaches them all. */
function distFiles(dir = 'dist'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return distFiles(path);
    return name === 'sw.js' ? [] : [relative('dist', path)];
  });
}

const files = distFiles().sort();
const version = createHash('sha256');
for (const file of files) version.update(file).update(readFileSync(join('dist', file)));

/** The service worker: one classic script at the app's root, built after the app so it knows its files. */
export default defineConfig({
  define: {
    __PRECACHE__: JSON.stringify(files.map((f) => `./${f}`)),
    __VERSION__: JSON.stringify(version.digest('hex').slice(0, 16)),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    copyPublicDir: false,
    lib: { entry: 'src/sw/sw.ts', formats: ['iife'], name: 'vitrineServiceWorker', fileName: () => 'sw.js' },
  },
});
