import { defineConfig } from 'vite';

/** The headless CLI (`dist-cli/vitrine.js`): Node ESM, dependencies left to node_modules. */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist-cli',
    target: 'node20',
    copyPublicDir: false,
    rolldownOptions: {
      input: { vitrine: 'src/cli/main.ts', 'tile-worker': 'src/cli/tile-worker.ts' },
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
