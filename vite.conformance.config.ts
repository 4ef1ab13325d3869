import { defineConfig } from 'vite';

/**
 * The conformance kit (src/conformance) for Node 20+: dist/conformance/index.js, run by
 * bin/review-elements-conformance.mjs. Node's built-ins and the package's dependencies stay imports.
 */
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/conformance',
    emptyOutDir: true,
    minify: false,
    rolldownOptions: {
      input: { index: 'src/conformance/index.ts' },
      external: [/^node:/, /^ky$/, /^fast-json-patch(\/.*)?$/, /^lit(\/.*)?$/],
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
