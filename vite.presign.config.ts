import { defineConfig } from 'vite';

/** The reference presign endpoint: a Node server and a Lambda handler, each one self-contained file. */
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist-presign',
    target: 'node20',
    copyPublicDir: false,
    rolldownOptions: {
      input: { server: 'src/presign/server.ts', lambda: 'src/presign/lambda.ts' },
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
  // Bundled, so the folder deploys as it is: no node_modules beside a serverless function.
  ssr: { noExternal: true },
});
