// The WebCodecs frame engine (src/media/webcodecs-engine.ts) vs a bare <video>, on a 1080p 60 s H.264 clip
// (GOP 48, 3 B-frames, x264 ultrafast so generation stays short), side by side in one browser run. The two
// take turns target by target, so load from other processes hits both alike.
//
// Rows (median and p95 ms, and how many times the right frame was on screen when the call resolved):
//  - random seek: engine.seekToFrame(n), resolved when frame n is drawn on its canvas, vs bare <video>
//    currentTime = (n+0.5)/fps, awaiting requestVideoFrameCallback (the frame presented).
//  - one-frame step, +1 and −1: engine.step(±1) vs bare currentTime ±= 1/fps, awaiting rVFC.
// Steps alternate with the bare video's, so the engine has the bare video's step time to decode ahead, as
// it would between a reviewer's key presses; "step, back to back" runs the engine's steps without pause.
// "right frame" reads the frame number drawn in the picture back from the pixels (canvas or video).
// The page is served on http://localhost (WebCodecs needs a secure context); the clip is generated at
// bench time into a temp dir and served with Range support.
//
// Usage: node bench/engine.bench.mjs [seeks=40] [seconds=60]   (CHROME_PATH overrides /usr/bin/chromium)
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, makeFrameCodedClip, servePage } from './lib/media-page.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEEKS = Number(process.argv[2] ?? 40);
const FPS = 24;
const SECONDS = Number(process.argv[3] ?? 60);
const FRAMES = FPS * SECONDS;

const dir = mkdtempSync(join(tmpdir(), 'engine-bench-'));
const clip = join(dir, 'clip.mp4');
try {
  makeFrameCodedClip(clip, { fps: FPS, seconds: SECONDS });

  const bundle = await build({
    stdin: {
      contents: `import { WebCodecsEngine } from './src/media/webcodecs-engine.ts'; window.WebCodecsEngine = WebCodecsEngine;`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    minify: true,
    tsconfig: resolve(root, 'tsconfig.json'),
    logLevel: 'error',
  });
  const js = bundle.outputFiles[0].text;
  const page = `<!doctype html><meta charset="utf-8"><style>body{margin:0;display:flex;gap:8px}
    canvas,video{width:640px}</style>
    <canvas id="engine"></canvas>
    <video id="bare" src="/clip.mp4" preload="auto" muted playsinline></video>
    <script type="module" src="/app.js"></script>`;

  const { server, url } = await servePage({ page, js, media: { '/clip.mp4': clip } });

  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1320, height: 600 } });
    tab.on('pageerror', (e) => console.error('pageerror:', e.message));
    await tab.goto(url);
    await tab.waitForFunction(() => 'WebCodecsEngine' in window);
    const results = await tab.evaluate(
      async ({ SEEKS, FPS, FRAMES }) => {
        const canvas = document.getElementById('engine');
        const bare = document.getElementById('bare');
        const tOpen = performance.now();
        const engine = await window.WebCodecsEngine.open('/clip.mp4', { canvas });
        const openMs = performance.now() - tOpen;
        if (engine.frameCount !== FRAMES) throw new Error(`engine counts ${engine.frameCount} frames, not ${FRAMES}`);
        if (bare.readyState < 2) await new Promise((r) => bare.addEventListener('loadeddata', r, { once: true }));

        const reader = document.createElement('canvas');
        reader.width = 320;
        reader.height = 180;
        const ctx = reader.getContext('2d', { willReadFrequently: true });
        /** The frame number in the picture (bars are the top-left 640×360 of the 1080p frame). */
        const onScreen = (source) => {
          ctx.drawImage(source, 0, 0, 640, 360, 0, 0, 320, 180);
          const { data } = ctx.getImageData(0, 0, 320, 180);
          let value = 0;
          for (let i = 0; i < 12; i++) {
            const x = 16 + i * 24 + 12;
            const a = data[(32 * 320 + x) * 4 + 1] > 128;
            const b = data[(84 * 320 + x) * 4 + 1] > 128;
            if (a === b) return -1;
            value = (value << 1) | (a ? 1 : 0);
          }
          return value;
        };
        const presented = (v) => new Promise((r) => v.requestVideoFrameCallback(() => r()));
        const bareTo = async (n) => {
          const shown = presented(bare);
          bare.currentTime = (n + 0.5) / FPS;
          await shown;
          return onScreen(bare);
        };

        let seed = 12345;
        const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const targets = Array.from({ length: SEEKS }, () => Math.floor(rnd() * FRAMES));
        const out = {};
        /** Runs the two contenders alternately, target by target. */
        const duel = async (a, b) => {
          for (const [name] of [a, b]) out[name] = { times: [], right: 0, n: SEEKS };
          for (let i = 0; i < SEEKS; i++) {
            for (const [name, fn, expected] of i % 2 ? [b, a] : [a, b]) {
              const t = performance.now();
              const shown = await fn(i);
              out[name].times.push(performance.now() - t);
              if (shown === expected(i)) out[name].right++;
            }
          }
        };
        const solo = async (name, fn, expected) => {
          out[name] = { times: [], right: 0, n: SEEKS };
          for (let i = 0; i < SEEKS; i++) {
            const t = performance.now();
            const shown = await fn(i);
            out[name].times.push(performance.now() - t);
            if (shown === expected(i)) out[name].right++;
          }
        };
        const engineTo = async (n) => {
          await engine.seekToFrame(n);
          return onScreen(canvas);
        };

        // warm both decoders once
        await engineTo(FRAMES / 2);
        await bareTo(FRAMES / 2);

        await duel(
          ['engine seekToFrame(n)', (i) => engineTo(targets[i]), (i) => targets[i]],
          ['bare <video> seek, await rVFC', (i) => bareTo(targets[i]), (i) => targets[i]],
        );

        out.debug = targets.map((n, i) => `${n}%48=${n % 48}:${out['engine seekToFrame(n)'].times[i].toFixed(0)}`).join(' ');
        const fwd = Math.min(700, FRAMES - SEEKS - 2);
        await engineTo(fwd);
        await bareTo(fwd);
        await duel(
          [
            'engine step(+1)',
            async () => {
              await engine.step(1);
              return onScreen(canvas);
            },
            (i) => fwd + i + 1,
          ],
          [
            'bare <video> +1/fps, await rVFC',
            async () => {
              const shown = presented(bare);
              bare.currentTime += 1 / FPS;
              await shown;
              return onScreen(bare);
            },
            (i) => fwd + i + 1,
          ],
        );

        const back = Math.min(1000, FRAMES - 1);
        await engineTo(back);
        await bareTo(back);
        await duel(
          [
            'engine step(-1)',
            async () => {
              await engine.step(-1);
              return onScreen(canvas);
            },
            (i) => back - i - 1,
          ],
          [
            'bare <video> -1/fps, await rVFC',
            async () => {
              const shown = presented(bare);
              bare.currentTime -= 1 / FPS;
              await shown;
              return onScreen(bare);
            },
            (i) => back - i - 1,
          ],
        );

        // Room for SEEKS steps either way inside the clip (an 8 s clip has 192 frames: `FRAMES - 250` was
        // negative there, the engine clamped to frame 0 and every expected frame was off).
        const fast = Math.max(0, Math.min(300, FRAMES - 2 * SEEKS - 2));
        await engineTo(fast);
        await solo(
          'engine step(+1), back to back',
          async () => {
            await engine.step(1);
            return onScreen(canvas);
          },
          (i) => fast + i + 1,
        );
        const fastBack = Math.min(fast + 200, FRAMES - 1);
        await engineTo(fastBack);
        await solo(
          'engine step(-1), back to back',
          async () => {
            await engine.step(-1);
            return onScreen(canvas);
          },
          (i) => fastBack - i - 1,
        );

        const stats = engine.stats();
        engine.close();
        return { out, openMs, stats, rate: `${engine.rate.num}/${engine.rate.den}` };
      },
      { SEEKS, FPS, FRAMES },
    );

    const stat = (times) => {
      const s = [...times].sort((a, b) => a - b);
      const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
      return { median: q(0.5), p95: q(0.95) };
    };
    const pad = (s, n) => String(s).padEnd(n);
    console.log(`engine open (sample table of ${FRAMES} frames, rate ${results.rate}): ${results.openMs.toFixed(0)} ms`);
    console.log(
      `\n${pad(`operation (1080p H.264, 24 fps, ${FRAMES} frames)`, 44)} ${pad('median ms', 10)} ${pad('p95 ms', 8)} right frame on screen`,
    );
    if (process.env.ENGINE_BENCH_DEBUG) console.log(results.out.debug);
    delete results.out.debug;
    for (const [name, v] of Object.entries(results.out)) {
      const { median, p95 } = stat(v.times);
      console.log(`${pad(name, 44)} ${pad(median.toFixed(1), 10)} ${pad(p95.toFixed(1), 8)} ${v.right}/${v.n}`);
    }
    const s = results.stats;
    const mb = (b) => (b / 2 ** 20).toFixed(0);
    console.log(
      `\nengine cache at the end: ${s.cachedFrames} frames, ${mb(s.cachedBytes)} of ${mb(s.budgetBytes)} MiB; ` +
        `${s.decodedSamples} samples decoded, ${s.restarts} restarts at a keyframe; frames open ${s.openFrames} (= cached)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
