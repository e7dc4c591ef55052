import { defineConfig } from 'vite';

// wasm-vips needs SharedArrayBuffer, which browsers only give to cross-origin isolated pages.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  // wasm-vips' Emscripten glue (worker only) uses a direct eval we cannot change; its warning is noise.
  worker: { format: 'es', rolldownOptions: { checks: { eval: false } } },
  optimizeDeps: { exclude: ['wasm-vips'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
});
