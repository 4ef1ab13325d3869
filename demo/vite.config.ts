import { defineConfig, type Plugin } from 'vite';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Writes `name.br` and `name.gz` beside each built text file (JS, CSS, HTML, JSON, SVG) when that saves
 * bytes (even a small page: it costs nothing per request). The reference server sends them by Accept-Encoding (demo/server/files.ts). Done
 * here with node's zlib rather than a plugin from the registry: twenty lines, no dependency, and brotli at
 * its best level (11), which is too slow per request but costs under a second once per build.
 */
function precompress(): Plugin {
  return {
    name: 'review-demo:precompress',
    apply: 'build',
    async writeBundle(output, bundle) {
      const dir = output.dir ?? resolve(here, 'dist');
      const files = Object.keys(bundle).filter((name) => /\.(?:m?js|css|html|json|svg|map)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const data = await readFile(join(dir, name));
          const [br, gz] = await Promise.all([
            brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gzipAsync(data, { level: 9 }),
          ]);
          if (br.length < data.length) await writeFile(join(dir, `${name}.br`), br);
          if (gz.length < data.length) await writeFile(join(dir, `${name}.gz`), gz);
        }),
      );
    },
  };
}

/**
 * What no page shows at open, only on a click or a choice: the locales (fr, ja), the review report (PDF and
 * printable page, with pdf-lib), the WebCodecs frame engine (mediabunny) and the NLE marker formats. They stay
 * in their own chunks, fetched when used, so the first load of a page on a phone network is not 300 kB of
 * brotli but the part it shows (docs/performance.md, "First frame").
 */
const ON_CLICK =
  /[\\/](?:locales[\\/]|report[\\/](?:build|html|pdf|stills)\.|media[\\/]webcodecs-engine\.|review-player[\\/](?:engine-driver|hover-preview)\.|backend[\\/]nle-markers\.|pdf-lib[\\/]|mediabunny[\\/]|@pdf-lib[\\/]|pako[\\/])/;

/** Builds the demo portal (studio and client pages) into demo/dist, served by the reference server. */
export default defineConfig({
  root: resolve(here),
  base: '/',
  publicDir: false,
  plugins: [precompress()],
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Every browser that runs es2022 knows <link rel="modulepreload">: no polyfill chunk (one request less).
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        studio: resolve(here, 'index.html'),
        client: resolve(here, 'review.html'),
      },
      output: {
        // One chunk for the library code both pages share (Lit, the elements, the API client) instead of ten
        // small ones: over HTTP/1.1 a browser opens six connections per host, so the seventh script of a page
        // waits a whole round trip for a free one (about 0.6 s on a phone network). The parts the elements
        // import on demand (the composer, the annotation editor, the share forms) go in it too: these pages
        // show them at once, and as separate chunks each cost a round trip after the script that imports
        // them. What only a click or a choice needs (ON_CLICK) stays apart. The page's entry script names the
        // chunk, and vite adds its <link rel="modulepreload">.
        codeSplitting: {
          groups: [{ name: 'review-elements', test: (id: string) => /[\\/](?:node_modules|src)[\\/]/.test(id) && !ON_CLICK.test(id) }],
        },
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
