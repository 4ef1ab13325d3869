// Runs every browser test in Debian's headless Chromium (or the Chrome named by CHROME_PATH).
import { createReadStream, statSync } from 'node:fs';
import { resolve, extname } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { reviewServerPlugin } from './test/server/wtr-review-server.mjs';

const MIME = { '.mp4': 'video/mp4', '.webm': 'video/webm', '.png': 'image/png', '.jpg': 'image/jpeg' };

/**
 * The wtr dev server ignores HTTP Range, so served video cannot seek. Media under /test/media and
 * /demo/media is answered here with 206 partial content, as a real media server does.
 */
function rangeMedia() {
  return async (ctx, next) => {
    const ext = extname(ctx.path);
    // /test/no-range-media/x is test/media/x from a server that ignores Range (like `python3 -m http.server`).
    const noRange = /^\/test\/no-range-media\//.test(ctx.path);
    if (!MIME[ext] || !(noRange || /^\/(test|demo)\/media\//.test(ctx.path))) return next();
    const file = resolve('.' + decodeURIComponent(noRange ? ctx.path.replace('/no-range-media/', '/media/') : ctx.path));
    let size;
    try {
      size = statSync(file).size;
    } catch {
      return next();
    }
    ctx.type = MIME[ext];
    if (!noRange) ctx.set('Accept-Ranges', 'bytes');
    const m = /bytes=(\d*)-(\d*)/.exec(ctx.get('range') || '');
    if (!m || noRange) {
      ctx.length = size;
      ctx.body = createReadStream(file);
      return;
    }
    const start = m[1] ? Number(m[1]) : size - Number(m[2]);
    const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    ctx.status = 206;
    ctx.set('Content-Range', `bytes ${start}-${end}/${size}`);
    ctx.length = end - start + 1;
    ctx.body = createReadStream(file, { start, end });
  };
}

/**
 * mediabunny imports its Node-only module (`./node.js`, re-exporting `node:fs/promises`) everywhere; its
 * package.json "browser" field maps it to false, as bundlers (Vite, esbuild) honour. The dev server does
 * not, so the browser gets an empty stand-in here.
 */
function mediabunnyBrowserField() {
  const stub = '/__mediabunny-node-stub.js';
  return {
    name: 'mediabunny-browser-field',
    resolveImport({ source, context }) {
      if (source === './node.js' && context.path.includes('/mediabunny/dist/modules/src/')) return stub;
    },
    serve(context) {
      if (context.path === stub) return { body: 'export const fs = undefined;\n', type: 'js' };
    },
  };
}

/**
 * The XSS suite (test/reliability) puts its payloads in URL fields too (thumbnails, media): the page then
 * asks for them as harmless relative URLs. Answered here with an empty 204, so the dev server does not log
 * dozens of 404s in a passing `npm test`.
 */
function xssPayloadRequests() {
  return async (ctx, next) => {
    // No file of the project has these in its path; every payload has one of them.
    if (/__xss|[<>"'{} &]/.test(decodeURIComponent(ctx.path))) {
      ctx.status = 204;
      return;
    }
    return next();
  };
}

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  browserStartTimeout: 60000,
  testsFinishTimeout: 600000,
  middleware: [rangeMedia(), xssPayloadRequests()],
  // reviewServerPlugin: the reference server for test/client/rest-contract.test.ts, started on demand.
  plugins: [mediabunnyBrowserField(), esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' }), reviewServerPlugin()],
  browsers: [
    chromeLauncher({
      // Each test file gets its own browser context, i.e. its own window: a tab in a shared window is a
      // background tab while another file runs, and a background tab presents no video frames, so
      // frame-accurate seeks (requestVideoFrameCallback) would never complete there.
      async createPage({ browser }) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        page.once('close', () => void context.close().catch(() => {}));
        return page;
      },
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--autoplay-policy=no-user-gesture-required',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          // Test files run in parallel tabs; a background tab must keep presenting video frames (rVFC)
          // and running timers, or the player's frame-accurate seeks never complete there.
          '--disable-renderer-backgrounding',
          '--disable-background-timer-throttling',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
};
