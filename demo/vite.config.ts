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
 * Writes `name.br` and `name.gz` beside each built text file (JS, CSS, HTML, JSON, SVG) of 1 kB or more,
 * when that saves bytes. The reference server sends them by Accept-Encoding (demo/server/files.ts). Done
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
          if (data.length < 1024) return;
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
