import { defineConfig, type HtmlTagDescriptor, type Plugin, type Rollup } from 'vite';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
type OutputChunk = Rollup.OutputChunk;

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

/**
 * `modulepreload` links for the chunks a page imports dynamically but needs as soon as it opens (the thread's
 * composer, the annotation editor, the share dialog's forms: the elements load them on demand so that a page
 * without them never pays, but these pages show them at once). Vite preloads only a page's static imports;
 * without these links each of them waits for the script that imports it, one more round trip after the
 * first frame. A chunk is named by its `name` (the source file's base name); its static imports come along.
 */
const PRELOAD_ON_DEMAND: Record<string, string[]> = {
  'index.html': ['comment-composer', 'annotation-editor', 'share-form'],
  'review.html': ['comment-composer', 'annotation-editor'],
};

function preloadOnDemand(pages: Record<string, string[]>): Plugin {
  return {
    name: 'review-demo:preload-on-demand',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { path, bundle, chunk: entry }) {
        if (!bundle || !entry) return;
        const chunks = new Map<string, OutputChunk>();
        for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item);
        /** The chunks reachable from `start` by static imports (and dynamic ones too when asked). */
        const closure = (start: string[], dynamic: boolean): Set<string> => {
          const seen = new Set<string>();
          const stack = [...start];
          while (stack.length) {
            const file = stack.pop()!;
            const c = chunks.get(file);
            if (!c || seen.has(file)) continue;
            seen.add(file);
            stack.push(...c.imports, ...(dynamic ? c.dynamicImports : []));
          }
          return seen;
        };
        const preloaded = closure([entry.fileName], false);
        const reachable = closure([entry.fileName], true);
        const tags: HtmlTagDescriptor[] = [];
        for (const name of pages[path.replace(/^\//, '')] ?? []) {
          const chunk = [...chunks.values()].find((c) => c.name === name && reachable.has(c.fileName));
          if (!chunk) {
            console.warn(`demo/vite.config.ts: ${path} imports no chunk named ${name}; update PRELOAD_ON_DEMAND`);
            continue;
          }
          for (const file of closure([chunk.fileName], false)) {
            if (preloaded.has(file)) continue;
            preloaded.add(file);
            tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' });
          }
        }
        return tags;
      },
    },
  };
}

/** Builds the demo portal (studio and client pages) into demo/dist, served by the reference server. */
export default defineConfig({
  root: resolve(here),
  base: '/',
  publicDir: false,
  plugins: [preloadOnDemand(PRELOAD_ON_DEMAND), precompress()],
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
