import { defineConfig, type Plugin } from 'vite';

// wasm-vips needs SharedArrayBuffer, which browsers only give to cross-origin isolated pages.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Where the page may send requests besides itself: the presign endpoint and the bucket. A deployment
 * names its own at build time (VITRINE_CONNECT_SRC="https://presign.example.org https://bucket.example.org");
 * the default admits any https origin and a local S3 for development.
 */
const CONNECT_SRC = process.env.VITRINE_CONNECT_SRC?.trim() || 'https: http://127.0.0.1:* http://localhost:*';

/**
 * The app's Content-Security-Policy, as a meta tag in the built page (the dev server's injected styles
 * would break it). No inline script; wasm compiles only in the worker, whose policy is its own.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  // OpenSeadragon writes inline styles; styles cannot run code, so only scripts are held to 'self'.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  `connect-src 'self' ${CONNECT_SRC}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy: Plugin = {
  name: 'vitrine-content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  plugins: [contentSecurityPolicy],
  base: './',
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  // wasm-vips' Emscripten glue (worker only) uses a direct eval we cannot change; its warning is noise.
  worker: { format: 'es', rolldownOptions: { checks: { eval: false } } },
  optimizeDeps: { exclude: ['wasm-vips'] },
  build: {
    target: 'es2022',
    // Mirador's lazy chunk (React, MUI) is about 2 MB; it loads only when opened.
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      // MUI's "use client" directives mean nothing outside React Server Components: 246 lines of noise.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
