// <review-player engine="webcodecs"> vs <review-player engine="video"> vs a bare <video>, on a 1080p 60 s H.264
// clip (3 B-frames, 2 s GOP, x264 ultrafast so generation stays short), side by side in one browser run. The
// three take turns target by target, so load from other processes hits them alike.
//
// Rows (median and p95 ms until the call resolved, and how often the right frame was on screen then, read
// back from the pixels: the player's canvas while its engine shows the frame, else its <video>):
//  - random seek: player.seekToFrame(n) vs bare currentTime = (n+0.5)/fps, awaiting requestVideoFrameCallback
//    (the picture presented).
//  - one-frame step +1 / reverse step −1: player.stepFrames(±1) vs bare currentTime ±= 1/fps, awaiting rVFC.
//  - scrub: a pointer sweeping the timeline for 4 s (one pointermove per animation frame, through the
//    player's own timeline handlers); each time a new frame is reported on screen (review-frame-change; bare:
//    rVFC) the picture is read then, and the frame counts when its pixels show it. Distinct correct frames
//    shown per second. The bare video sets currentTime only when it is not already seeking.
// The clip is generated at bench time into a temp dir (ffmpeg), served by a Range-aware static server on
// http://localhost (a secure context: WebCodecs exists there).
//
// Usage: node bench/player.bench.mjs [seeks=40]   (CHROME_PATH overrides /usr/bin/chromium)
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, makeFrameCodedClip, servePage } from './lib/media-page.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEEKS = Number(process.argv[2] ?? 40);
const FPS = 24;
const SECONDS = 60;
const FRAMES = FPS * SECONDS;

const dir = mkdtempSync(join(tmpdir(), 'player-bench-'));
const clip = join(dir, 'clip.mp4');
try {
  makeFrameCodedClip(clip, { fps: FPS, seconds: SECONDS });

  const bundle = await build({
    stdin: {
      contents: `import { ReviewPlayer } from './src/elements/review-player/review-player.ts';
        customElements.define('review-player', ReviewPlayer);`,
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
    review-player,video{width:640px;flex:none}</style>
    <review-player id="wc" engine="webcodecs" src="/clip.mp4" fps="${FPS}" frame-count="${FRAMES}"></review-player>
    <review-player id="vid" engine="video" src="/clip.mp4" fps="${FPS}" frame-count="${FRAMES}"></review-player>
    <video id="bare" src="/clip.mp4" preload="auto" muted playsinline></video>
    <script type="module" src="/app.js"></script>`;

  const { server, url } = await servePage({ page, js, media: { '/clip.mp4': clip } });

  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1980, height: 600 } });
    tab.on('pageerror', (e) => console.error('pageerror:', e.message));
    await tab.goto(url);
    const results = await tab.evaluate(
      async ({ SEEKS, FPS, FRAMES }) => {
        const wc = document.getElementById('wc');
        const vid = document.getElementById('vid');
        const bare = document.getElementById('bare');
        const ready = (p) =>
          new Promise((r) => (p.frameCount > 0 && p.viewport.width > 0 ? r() : p.addEventListener('review-ready', r, { once: true })));
        await Promise.all([ready(wc), ready(vid)]);
        if (bare.readyState < 2) await new Promise((r) => bare.addEventListener('loadeddata', r, { once: true }));
        if (wc.activeEngine !== 'webcodecs') throw new Error(`engine="webcodecs" fell back: ${wc.engineFallback}`);

        const reader = document.createElement('canvas');
        reader.width = 320;
        reader.height = 180;
        const ctx = reader.getContext('2d', { willReadFrequently: true });
        /** The frame number in a picture (bars are the top-left 640×360 of the 1080p frame); −1 unreadable. */
        const frameIn = (source) => {
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
        /** What a player shows: its engine canvas when displayed, else its <video>. */
        const pictureOf = (player) => {
          const canvas = player.shadowRoot.querySelector('canvas[part~="canvas"]');
          return canvas && !canvas.hidden ? canvas : player.shadowRoot.querySelector('video');
        };
        const onScreen = (player) => frameIn(pictureOf(player));
        const presented = (v) => new Promise((r) => v.requestVideoFrameCallback(() => r()));
        const bareTo = async (n) => {
          const shown = presented(bare);
          bare.currentTime = (n + 0.5) / FPS;
          await shown;
        };

        let seed = 12345;
        const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const targets = Array.from({ length: SEEKS }, () => Math.floor(rnd() * FRAMES));
        const out = {};
        /** Runs the contenders in turn, target by target (the first one rotates). */
        const round = async (row, contenders) => {
          out[row] = {};
          for (const [name] of contenders) out[row][name] = { times: [], right: 0, n: SEEKS };
          for (let i = 0; i < SEEKS; i++) {
            const order = contenders.map((_, k) => contenders[(k + i) % contenders.length]);
            for (const [name, fn, expected] of order) {
              const t = performance.now();
              // the time until the call resolved; then the pixels are read (not timed)
              const read = await fn(i);
              out[row][name].times.push(performance.now() - t);
              if (read() === expected(i)) out[row][name].right++;
            }
          }
        };
        const playerTo = (p) => async (n) => {
          await p.seekToFrame(n);
          return () => onScreen(p);
        };
        const playerStep = (p, d) => async () => {
          await p.stepFrames(d);
          return () => onScreen(p);
        };
        const bareStep = (d) => async () => {
          const shown = presented(bare);
          bare.currentTime += d / FPS;
          await shown;
          return () => frameIn(bare);
        };
        const bareSeek = async (n) => {
          await bareTo(n);
          return () => frameIn(bare);
        };
        const all = async (n) => Promise.all([wc.seekToFrame(n), vid.seekToFrame(n), bareTo(n)]);
        const NAMES = ['engine="webcodecs"', 'engine="video"', 'bare <video>'];

        // warm the decoders once
        await all(FRAMES / 2);

        await round('random seek', [
          [NAMES[0], (i) => playerTo(wc)(targets[i]), (i) => targets[i]],
          [NAMES[1], (i) => playerTo(vid)(targets[i]), (i) => targets[i]],
          [NAMES[2], (i) => bareSeek(targets[i]), (i) => targets[i]],
        ]);

        const fwd = 700;
        await all(fwd);
        await round('one-frame step +1', [
          [NAMES[0], playerStep(wc, 1), (i) => fwd + i + 1],
          [NAMES[1], playerStep(vid, 1), (i) => fwd + i + 1],
          [NAMES[2], bareStep(1), (i) => fwd + i + 1],
        ]);

        const back = 1000;
        await all(back);
        await round('reverse step −1', [
          [NAMES[0], playerStep(wc, -1), (i) => back - i - 1],
          [NAMES[1], playerStep(vid, -1), (i) => back - i - 1],
          [NAMES[2], bareStep(-1), (i) => back - i - 1],
        ]);

        // scrub: a pointer sweeping 4 s over 10 s of the clip (frames 200 → 440), one move per animation
        // frame. Each time a new frame is reported on screen (the player's review-frame-change, the bare
        // video's rVFC), its pixels are read there and then; it counts when they show the frame reported.
        const DURATION = 4000;
        const sweep = async (move) => {
          const t0 = performance.now();
          await new Promise((done) => {
            const tick = () => {
              const elapsed = performance.now() - t0;
              if (elapsed >= DURATION) return done();
              move(Math.min(1, elapsed / DURATION));
              requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          });
        };
        const counter = () => {
          const seen = new Set();
          return { seen, check: (named, shown) => shown === named && seen.add(named) };
        };
        const scrubPlayer = async (p) => {
          await p.seekToFrame(200);
          const timeline = p.shadowRoot.querySelector('[part~="timeline"]');
          const rect = timeline.getBoundingClientRect();
          const pointer = (type, f) =>
            timeline.dispatchEvent(
              new PointerEvent(type, {
                clientX: rect.left + (f / (FRAMES - 1)) * rect.width,
                clientY: rect.top + rect.height / 2,
                pointerId: 7,
                button: 0,
                bubbles: true,
                composed: true,
              }),
            );
          const { seen, check } = counter();
          const onFrame = (e) => check(e.detail.frame, onScreen(p));
          p.addEventListener('review-frame-change', onFrame);
          pointer('pointerdown', 200);
          await sweep((x) => pointer('pointermove', 200 + x * 240));
          p.removeEventListener('review-frame-change', onFrame);
          pointer('pointerup', 440);
          await p.pause();
          return seen.size / (DURATION / 1000);
        };
        out.scrub = {};
        out.scrub[NAMES[0]] = await scrubPlayer(wc);
        out.scrub[NAMES[1]] = await scrubPlayer(vid);
        await bareTo(200);
        const bareCount = counter();
        let watching = true;
        const onBareFrame = (_n, meta) => {
          if (!watching) return;
          bareCount.check(Math.floor(meta.mediaTime * FPS + 1e-6), frameIn(bare));
          bare.requestVideoFrameCallback(onBareFrame);
        };
        bare.requestVideoFrameCallback(onBareFrame);
        await sweep((x) => {
          if (!bare.seeking) bare.currentTime = (Math.floor(200 + x * 240) + 0.5) / FPS;
        });
        watching = false;
        out.scrub[NAMES[2]] = bareCount.seen.size / (DURATION / 1000);
        out.engineStats = wc.frameEngine.stats();
        return { out, NAMES };
      },
      { SEEKS, FPS, FRAMES },
    );

    const stat = (times) => {
      const s = [...times].sort((a, b) => a - b);
      const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
      return { median: q(0.5), p95: q(0.95) };
    };
    const { out, NAMES } = results;
    const pad = (s, n) => String(s).padEnd(n);
    console.log(`\n${pad(`1080p H.264, 24 fps, ${FRAMES} frames`, 24)} ${NAMES.map((n) => pad(n, 28)).join(' ')}`);
    console.log(`${pad('', 24)} ${NAMES.map(() => pad('median / p95 ms, right', 28)).join(' ')}`);
    for (const row of ['random seek', 'one-frame step +1', 'reverse step −1']) {
      const cells = NAMES.map((name) => {
        const v = out[row][name];
        const { median, p95 } = stat(v.times);
        return pad(`${median.toFixed(1)} / ${p95.toFixed(1)}, ${v.right}/${v.n}`, 28);
      });
      console.log(`${pad(row, 24)} ${cells.join(' ')}`);
    }
    console.log(`${pad('scrub, correct frames/s', 24)} ${NAMES.map((name) => pad(out.scrub[name].toFixed(1), 28)).join(' ')}`);
    const s = out.engineStats;
    console.log(
      `\nengine at the end: ${s.cachedFrames} frames cached (${(s.cachedBytes / 2 ** 20).toFixed(0)} of ${(s.budgetBytes / 2 ** 20).toFixed(0)} MiB), ` +
        `${s.decodedSamples} samples decoded, ${s.restarts} restarts at a keyframe`,
    );
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
