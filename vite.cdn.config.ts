import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';
import { minifyLiteralsPlugin } from './scripts/minify-literals.mjs';

/**
 * Single-file CDN build: dist/cdn/review-elements.js bundles everything (Lit
 * included), registers every tag and re-exports the root entry (API clients, MemoryReviewApi, classes),
 * so a plain page needs only
 *   <script type="module" src="https://cdn.example/review-elements/dist/cdn/review-elements.js"></script>
 * or `import { MemoryReviewApi } from '…/review-elements.js'` in an inline module script.
 */
// Lib mode resolves the entry against the root, so the virtual id is matched by its ending.
const ENTRY = 'virtual-review-elements-cdn.js';
const RESOLVED = '\0' + ENTRY;

function cdnEntry(): Plugin {
  const src = resolve(import.meta.dirname, 'src');
  return {
    name: 'review-elements-cdn-entry',
    resolveId: (id) => (id.endsWith(ENTRY) ? RESOLVED : null),
    load: (id) =>
      id === RESOLVED
        ? [
            `import ${JSON.stringify(`${src}/define.ts`)};`,
            `import { CommentThread } from ${JSON.stringify(`${src}/elements/comment-thread/comment-thread.ts`)};`,
            // The file holds the composer anyway: registered with every other tag, not on a thread's first use.
            `await CommentThread.loadComposer();`,
            `export * from ${JSON.stringify(`${src}/index.ts`)};`,
          ].join('\n')
        : null,
  };
}

/**
 * The one-file CDN build leaves the player's WebCodecs frame engine out (mediabunny and the engine: 57.6 kB
 * min+gzip, +45 %, since this build inlines every dynamic import): its `engine-driver` is a stub that throws,
 * so `<review-player>` shows every frame with the `<video>` (`activeEngine` 'video', `engineFallback` says
 * why); `<review-compare>`'s engine import is the same stub (its sides stay on their `<video>`s). The npm package loads the engine on first use (README.md, "Frame accuracy").
 */
function noFrameEngine(): Plugin {
  const STUB = '\0review-elements-cdn-no-engine';
  return {
    name: 'review-elements-cdn-no-engine',
    enforce: 'pre',
    resolveId: (id, importer) =>
      (id === './engine-driver.js' && importer?.includes('review-player')) ||
      (id === '../../media/webcodecs-engine.js' && importer?.includes('review-compare'))
        ? STUB
        : null,
    load: (id) =>
      id === STUB
        ? `const none = () => { throw new Error('the CDN file has no frame engine (the npm package has)'); };
           export class EngineDriver { constructor() { none(); } }
           export const WebCodecsEngine = { open: async () => none() };`
        : null,
  };
}

export default defineConfig({
  plugins: [cdnEntry(), noFrameEngine(), minifyLiteralsPlugin()],
  build: {
    target: 'es2022',
    outDir: 'dist/cdn',
    emptyOutDir: true,
    minify: true,
    lib: { entry: ENTRY, formats: ['es'], fileName: () => 'review-elements.js' },
    // Lib mode leaves `build.minify` to the library's consumer; a CDN file is used as is, so minify the output.
    rolldownOptions: { output: { codeSplitting: false, minify: true } },
  },
});
