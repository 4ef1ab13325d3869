import { defineConfig } from 'vite';
import { existsSync, readdirSync } from 'node:fs';
import { minifyLiteralsPlugin } from './scripts/minify-literals.mjs';

/** Every element folder with a class module `<tag>.ts` and a registering `define.ts`. */
const tags = readdirSync('src/elements', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/elements/${d.name}/${d.name}.ts`) && existsSync(`src/elements/${d.name}/define.ts`))
  .map((d) => d.name);

/**
 * Library build: one ES module per entry, Lit, ky, fast-json-patch and friends kept external (the
 * consumer's bundler dedupes them). The single-file CDN build lives in vite.cdn.config.ts.
 */
export default defineConfig({
  // The minifier keeps template text as written; this collapses the whitespace of html/css templates.
  plugins: [minifyLiteralsPlugin()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        define: 'src/define.ts',
        api: 'src/api.ts',
        // The review report: a small stub; pdf-lib and the frame decoder are its lazy chunks.
        report: 'src/report/index.ts',
        react: 'src/react/index.ts',
        // Per element: `elements/<tag>.js` (the class, registers nothing) and `elements/<tag>/define.js`.
        ...Object.fromEntries(
          tags.flatMap((tag) => [
            [`elements/${tag}`, `src/elements/${tag}/${tag}.ts`],
            [`elements/${tag}/define`, `src/elements/${tag}/define.ts`],
          ]),
        ),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit(\/.*)?$/, /^@lit\//, /^@lit-labs\//, /^ky$/, /^fast-json-patch(\/.*)?$/, /^react(-dom)?(\/.*)?$/],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
