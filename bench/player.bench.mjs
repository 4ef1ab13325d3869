// <review-player> frame-accurate seeking vs a bare <video>, on a 1080p 60 s H.264 clip (3 B-frames, 2 s GOP,
// x264 ultrafast so generation stays short), side by side in one browser run. Player and bare video take
// turns target by target, so load from other processes hits both alike.
//
// Rows:
//  - seekToFrame(n): the player's seek, resolved when frame n is presented (rVFC), random n.
//  - bare <video>, currentTime = (n+0.5)/fps, await `seeked`: the usual web approach, same targets.
//  - one-frame step: player.stepFrames(1) vs bare currentTime += 1/fps, await `seeked`.
//  - scrub: a pointer sweeping the timeline for 4 s (one request per animation frame); frames shown per
//    second = distinct pictures presented (rVFC) per second. The player coalesces requests itself; the
//    bare video sets currentTime only when it is not already seeking (what a careful page does).
// "right frame" reads the frame number drawn into the picture back from the pixels at the moment the
// promise resolves / `seeked` fires: what a user would see if the page drew its counter then.
// The clip is generated at bench time into a temp dir (ffmpeg), served by a Range-aware static server.
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
    review-player,video{width:640px}</style>
    <review-player src="/clip.mp4" fps="${FPS}" frame-count="${FRAMES}"></review-player>
    <video id="bare" src="/clip.mp4" preload="auto" muted playsinline></video>
    <script type="module" src="/app.js"></script>`;

  const { server, url } = await servePage({ page, js, media: { '/clip.mp4': clip } });

  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1320, height: 600 } });
    tab.on('pageerror', (e) => console.error('pageerror:', e.message));
    await tab.goto(url);
    const results = await tab.evaluate(
      async ({ SEEKS, FPS, FRAMES }) => {
        const player = document.querySelector('review-player');
        const bare = document.getElementById('bare');
        await new Promise((r) => (player.frameCount > 0 ? r() : player.addEventListener('review-ready', r, { once: true })));
        if (bare.readyState < 2) await new Promise((r) => bare.addEventListener('loadeddata', r, { once: true }));
        const playerVideo = player.shadowRoot.querySelector('video');

        const canvas = document.createElement('canvas');
        canvas.width = 320;
        canvas.height = 180;
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        /** The frame number in the picture (bars are the top-left sixth of the 1080p frame). */
        const onScreen = (video) => {
          ctx.drawImage(video, 0, 0, 640, 360, 0, 0, 320, 180);
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
        const seeked = (v) => new Promise((r) => v.addEventListener('seeked', r, { once: true }));

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

        // warm both decoders once
        await player.seekToFrame(FRAMES / 2);
        bare.currentTime = (FRAMES / 2 + 0.5) / FPS;
        await seeked(bare);

        await duel(
          [
            'player seekToFrame(n)',
            async (i) => {
              await player.seekToFrame(targets[i]);
              return onScreen(playerVideo);
            },
            (i) => targets[i],
          ],
          [
            'bare <video> seek, await seeked',
            async (i) => {
              bare.currentTime = (targets[i] + 0.5) / FPS;
              await seeked(bare);
              return onScreen(bare);
            },
            (i) => targets[i],
          ],
        );

        const stepStart = 700;
        await player.seekToFrame(stepStart);
        bare.currentTime = (stepStart + 0.5) / FPS;
        await seeked(bare);
        await duel(
          [
            'player stepFrames(1)',
            async () => {
              await player.stepFrames(1);
              return onScreen(playerVideo);
            },
            (i) => stepStart + i + 1,
          ],
          [
            'bare <video> +1/fps, await seeked',
            async () => {
              bare.currentTime += 1 / FPS;
              await seeked(bare);
              return onScreen(bare);
            },
            (i) => stepStart + i + 1,
          ],
        );

        // scrubbing: a pointer sweeping 4 s over 10 s of the clip, one request per animation frame
        const scrub = async (request, video) => {
          let presented = 0;
          let last = -1;
          let stop = false;
          const onFrame = (_n, meta) => {
            if (stop) return;
            if (meta.mediaTime !== last) presented++;
            last = meta.mediaTime;
            video.requestVideoFrameCallback(onFrame);
          };
          video.requestVideoFrameCallback(onFrame);
          const t0 = performance.now();
          const DURATION = 4000;
          await new Promise((done) => {
            const tick = () => {
              const elapsed = performance.now() - t0;
              if (elapsed >= DURATION) return done();
              request(Math.floor(200 + (elapsed / DURATION) * 240));
              requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          });
          stop = true;
          return presented / (DURATION / 1000);
        };
        out.scrubPlayer = await scrub((f) => void player.seekToFrame(f), playerVideo);
        await player.pause();
        out.scrubBare = await scrub((f) => {
          if (!bare.seeking) bare.currentTime = (f + 0.5) / FPS;
        }, bare);
        return out;
      },
      { SEEKS, FPS, FRAMES },
    );

    const stat = (times) => {
      const s = [...times].sort((a, b) => a - b);
      const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
      return { median: q(0.5), p95: q(0.95) };
    };
    const rows = Object.entries(results)
      .filter(([, v]) => typeof v === 'object')
      .map(([name, v]) => {
        const { median, p95 } = stat(v.times);
        return { name, median: median.toFixed(1), p95: p95.toFixed(1), right: `${v.right}/${v.n}` };
      });
    const pad = (s, n) => String(s).padEnd(n);
    console.log(
      `\n${pad('operation (1080p H.264, 24 fps, 1440 frames)', 44)} ${pad('median ms', 10)} ${pad('p95 ms', 8)} right frame on screen`,
    );
    for (const r of rows) console.log(`${pad(r.name, 44)} ${pad(r.median, 10)} ${pad(r.p95, 8)} ${r.right}`);
    console.log(`\n${pad('scrub (4 s sweep, one request per animation frame)', 52)} frames shown/s`);
    console.log(`${pad('player seekToFrame, coalesced', 52)} ${results.scrubPlayer.toFixed(1)}`);
    console.log(`${pad('bare <video>, currentTime when not seeking', 52)} ${results.scrubBare.toFixed(1)}`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
