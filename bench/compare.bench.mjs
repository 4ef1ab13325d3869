// <review-compare>'s wipe following the pointer on a 1080p pair, side by side with a single <review-player>'s
// pan (zoomed ×2) under the same pointer, in one browser run; the two take turns, sweep by sweep, so load from
// other processes hits both alike.
//
// Rows, for each: a pointer sweeping the stage for 3 s, one pointermove per animation frame (what a mouse
// delivers at display rate):
//  - script ms / move: from dispatching the pointermove to the element's update done (`updateComplete`),
//    median and p95;
//  - frames/s: animation frames the page produced during the sweep (the display rate when the main thread
//    keeps up; both pictures of the pair are decoded and composited in those frames);
//  - long frames: frames that took over 25 ms.
// Then one-frame steps of the pair (`step(+1)` until both pictures are on screen, 40 steps, from frame 20), on
// the WebCodecs engine (`engine="webcodecs"`, both sides from decoded frames) and on the `<video>`s
// (`engine="video"`), taking turns step by step; the median and p95 in ms.
// The pair (v1, v2 of one shot: testsrc2 1920×1080 24 fps, 4 s, the v2 with a moved box) is generated at
// bench time into a temp dir (ffmpeg), served by a Range-aware static server.
//
// Usage: node bench/compare.bench.mjs [sweeps=3]   (CHROME_PATH overrides /usr/bin/chromium)
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, servePage } from './lib/media-page.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SWEEPS = Number(process.argv[2] ?? 3);
const FPS = 24;
const SECONDS = 4;

const dir = mkdtempSync(join(tmpdir(), 'compare-bench-'));
try {
  const t0 = Date.now();
  for (const v of [1, 2]) {
    const ff = spawnSync(
      'ffmpeg',
      [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=1920x1080:r=${FPS}:d=${SECONDS}`],
        ...['-vf', `drawbox=x=${800 + v * 100}:y=700:w=200:h=80:color=yellow:t=fill`],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'high', '-bf', '3', '-g', '48', '-crf', '23'],
        ...['-pix_fmt', 'yuv420p', '-movflags', '+faststart', join(dir, `v${v}.mp4`)],
      ],
      { stdio: 'inherit' },
    );
    if (ff.status !== 0) throw new Error('ffmpeg failed');
  }
  console.log(`generated two 1920x1080 ${SECONDS}s ${FPS} fps H.264 clips in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const bundle = await build({
    stdin: {
      contents: `import { ReviewPlayer } from './src/elements/review-player/review-player.ts';
        import { ReviewCompare } from './src/elements/review-compare/review-compare.ts';
        import { createFixture } from './src/backend/fixture.ts';
        customElements.define('review-player', ReviewPlayer);
        customElements.define('review-compare', ReviewCompare);
        const clips = createFixture({ clips: [2, 1].map((v) => ({ id: v, name: 'sh010_v00' + v, url: '/v' + v + '.mp4', frameCount: ${FPS * SECONDS}, fps: ${FPS}, entityId: 1, versionNumber: v })) }).clips;
        for (const el of document.querySelectorAll('review-compare')) el.versions = clips;`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    conditions: ['production'],
    tsconfig: resolve(root, 'tsconfig.json'),
    logLevel: 'error',
  });
  const js = bundle.outputFiles[0].text;
  const page = `<!doctype html><meta charset="utf-8"><style>body{margin:0;display:flex;gap:8px}
    review-player,review-compare{width:640px}</style>
    <review-compare clip-id="2" compare-id="1" mode="wipe" engine="webcodecs"></review-compare>
    <review-compare id="on-video" clip-id="2" compare-id="1" mode="wipe" engine="video"></review-compare>
    <review-player src="/v2.mp4" fps="${FPS}" frame-count="${FPS * SECONDS}"></review-player>
    <script type="module" src="/app.js"></script>`;

  const { server, url } = await servePage({ page, js, media: { '/v1.mp4': join(dir, 'v1.mp4'), '/v2.mp4': join(dir, 'v2.mp4') } });

  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1320, height: 700 } });
    tab.on('pageerror', (e) => console.error('pageerror:', e.message));
    await tab.goto(url);
    const results = await tab.evaluate(
      async ({ SWEEPS }) => {
        const compare = document.querySelector('review-compare');
        const player = document.querySelector('review-player');
        await new Promise((r) => (player.frameCount > 0 ? r() : player.addEventListener('review-ready', r, { once: true })));
        for (let i = 0; i < 200 && !compare.clipB; i++) await new Promise((r) => setTimeout(r, 20));
        await compare.ready;
        await compare.seekToFrame(48);
        await player.seekToFrame(48);
        player.setZoom(2);
        await player.updateComplete;

        /** Sweeps a pointer across `stage` for 3 s, one move per animation frame, measuring each move. */
        const sweep = async (el, stage) => {
          const rect = stage.getBoundingClientRect();
          const at = (type, f) =>
            stage.dispatchEvent(
              new PointerEvent(type, {
                bubbles: true,
                composed: true,
                pointerId: 7,
                button: 0,
                buttons: 1,
                clientX: rect.left + rect.width * (0.1 + 0.8 * f),
                clientY: rect.top + rect.height * 0.5,
              }),
            );
          at('pointerdown', 0);
          const times = [];
          const frames = [];
          const start = performance.now();
          let last = start;
          await new Promise((done) => {
            const tick = async (now) => {
              frames.push(now - last);
              last = now;
              const elapsed = now - start;
              if (elapsed > 3000) return done();
              const f = (Math.sin(elapsed / 300) + 1) / 2;
              const t = performance.now();
              at('pointermove', f);
              await el.updateComplete;
              times.push(performance.now() - t);
              requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          });
          at('pointerup', 1);
          const seconds = (performance.now() - start) / 1000;
          return { times, frames: frames.length / seconds, long: frames.filter((d) => d > 25).length };
        };
        const stageOf = (el) => el.shadowRoot.querySelector('[part~="stage"]');
        const out = { 'compare: wipe (1080p pair)': [], 'player: pan at zoom ×2 (1080p)': [] };
        for (let i = 0; i < SWEEPS; i++) {
          const order = i % 2 ? ['player', 'compare'] : ['compare', 'player'];
          for (const who of order) {
            if (who === 'compare') out['compare: wipe (1080p pair)'].push(await sweep(compare, stageOf(compare)));
            else out['player: pan at zoom ×2 (1080p)'].push(await sweep(player, stageOf(player)));
          }
        }
        // One-frame steps of the pair, on each engine, taking turns.
        const onVideo = document.querySelector('#on-video');
        await onVideo.ready;
        for (let i = 0; i < 500 && compare.activeEngines.some((e) => e !== 'webcodecs'); i++) await new Promise((r) => setTimeout(r, 20));
        const steps = { 'compare: step +1, engine webcodecs': [], 'compare: step +1, engine video': [] };
        await compare.seekToFrame(20);
        await onVideo.seekToFrame(20);
        for (let i = 0; i < 40; i++) {
          for (const [name, el] of [
            ['compare: step +1, engine webcodecs', compare],
            ['compare: step +1, engine video', onVideo],
          ]) {
            const t = performance.now();
            await el.step(1);
            steps[name].push(performance.now() - t);
          }
        }
        return { out, steps, engines: compare.activeEngines };
      },
      { SWEEPS },
    );
    const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
    console.log(
      `\n${'contender'.padEnd(34)} ${'moves'.padStart(6)} ${'script ms/move median'.padStart(22)} ${'p95'.padStart(6)} ${'frames/s'.padStart(9)} ${'long frames'.padStart(12)}`,
    );
    for (const [name, runs] of Object.entries(results.out)) {
      const times = runs.flatMap((r) => r.times);
      const fps = runs.reduce((s, r) => s + r.frames, 0) / runs.length;
      const long = runs.reduce((s, r) => s + r.long, 0);
      console.log(
        `${name.padEnd(34)} ${String(times.length).padStart(6)} ${pct(times, 0.5).toFixed(2).padStart(22)} ${pct(times, 0.95).toFixed(2).padStart(6)} ${fps.toFixed(1).padStart(9)} ${String(long).padStart(12)}`,
      );
    }
    console.log(`\n${'one-frame steps of the pair'.padEnd(40)} ${'steps'.padStart(6)} ${'median ms'.padStart(10)} ${'p95'.padStart(8)}`);
    for (const [name, times] of Object.entries(results.steps)) {
      console.log(
        `${name.padEnd(40)} ${String(times.length).padStart(6)} ${pct(times, 0.5).toFixed(1).padStart(10)} ${pct(times, 0.95).toFixed(1).padStart(8)}`,
      );
    }
    console.log(`(sides of the engine compare: ${results.engines.join(', ')})`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
