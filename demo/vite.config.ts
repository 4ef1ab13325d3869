import { defineConfig } from 'vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Builds the demo portal (studio and client pages) into demo/dist, served by the reference server. */
export default defineConfig({
  root: resolve(here),
  base: '/',
  publicDir: false,
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        studio: resolve(here, 'index.html'),
        client: resolve(here, 'review.html'),
      },
      // <review-session> imports the comments store lazily (a page with only a status picker never loads
      // it); the demo's pages also import it eagerly through <comment-thread>, which is expected, not a fault.
      onwarn(warning, warn) {
        if (warning.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
        warn(warning);
      },
    },
  },
  esbuild: { tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } } },
});
