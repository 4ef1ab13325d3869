import { defineConfig } from 'vite';

/**
 * Library build: one ES module per entry, Lit and friends kept external (the consumer's bundler dedupes
 * them). The single-file CDN build lives in vite.cdn.config.ts.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        define: 'src/define.ts',
        api: 'src/api/index.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit(\/.*)?$/, /^@lit\//, /^@lit-labs\//, 'ky', 'fast-json-patch'],
    },
  },
});
