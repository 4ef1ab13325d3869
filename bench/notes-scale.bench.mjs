// The studio review page with 4, 1,000 and 10,000 notes on its clip, in one run (issue 21): the same page
// (bench/notes-scale-page: session, clip header, player + annotation layer, status, thread) and the same
// clip of the reference server (demo/server, in this process, SQLite in a temp dir), through RestReviewApi
// over loopback HTTP (the bench's Vite server proxies /api and /media to it). The 4-note page, the demo
// fixture's notes of clip 101, is the baseline; 1,000 and 10,000 add notes on that clip (every fourth a reply).
//
// Rows, per page (median of `runs` page loads):
//  - first notes shown / all notes shown: ms from mounting the page until the thread lists its first
//    note / until its title counts them all (issue 21 goal: all 10,000 within 2 s on loopback);
//  - one-frame step: `player.stepFrames(1)` until the frame is on screen, median of 30 (goal: 10,000
//    within 1.2× of 4);
//  - script per player update: main-thread script time (CDP Performance.getMetrics ScriptDuration) while
//    the player plays for 3 s, divided by the frames it showed (review-frame-change);
//  - thread scroll while playing: the thread's list scrolled 8 px per animation frame for 400 frames while
//    the player plays; frame intervals median / p95 and the share within budget (≤ 20 ms: a 60 Hz frame
//    of 16.7 ms plus timer jitter; goal ≥ 95 %);
//  - marker builds while playing: how often the player re-built its timeline markers (performance
//    measures `review-player:markers`) during those frames of playback and scrolling (should be 0);
//  - JS heap after load (after a forced GC) and its growth over the 4-note page.
//
// Usage: node --import tsx bench/notes-scale.bench.mjs [runs=3]   (npm run bench -- notes-scale)
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../demo/server/app.ts';
import { createBulkComments } from '../demo/fixture.ts';

const runs = Number(process.argv[2] ?? 3);
const COUNTS = [4, 1_000, 10_000];

const dir = mkdtempSync(join(tmpdir(), 'review-notes-scale-'));
const review = await startServer({ dbFile: join(dir, 'notes.db'), distDir: null });
const { repo } = review.app.reviewContext;

/** Clip 101 with the fixture's 4 notes plus `total - 4` more. */
function seed(total) {
  repo.db.prepare('DELETE FROM comments WHERE media_object_id = 101 AND id >= 100000').run();
  const extra = createBulkComments(Math.max(0, total - 4));
  repo.tx(() => {
    for (const c of extra) repo.insertComment('demo', c);
  });
  const shown = repo.db.prepare('SELECT COUNT(*) FROM comments WHERE media_object_id = 101').pluck().get();
  if (shown !== total) throw new Error(`seeded ${shown} notes, wanted ${total}`);
}

// No file watching or HMR (an edit elsewhere must not reload the page); Lit's production build, as shipped.
const vite = await createServer({
  root: process.cwd(),
  mode: 'production',
  server: {
    port: 0,
    host: '127.0.0.1',
    hmr: false,
    watch: null,
    proxy: { '/api': review.url, '/media': review.url },
  },
  logLevel: 'error',
});
await vite.listen();
const base = `http://127.0.0.1:${vite.httpServer.address().port}/bench/notes-scale-page/index.html`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'],
});

async function once(total) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(base);
  // Notes: the first one listed, then all of them counted in the title (the store is `ready`).
  await page.waitForFunction(() => window.benchStart !== undefined, null, { timeout: 60_000 });
  const first = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const check = () => {
          const root = document.querySelector('comment-thread')?.shadowRoot;
          if (root?.querySelector('[data-comment-id]')) resolve(performance.now() - window.benchStart);
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  await page.waitForFunction(
    (n) => document.querySelector('comment-thread')?.shadowRoot?.querySelector('[part="title"]')?.textContent?.includes(`(${n})`),
    total,
    { timeout: 120_000, polling: 'raf' },
  );
  const all = await page.evaluate(() => performance.now() - window.benchStart);
  await page.waitForFunction(() => document.querySelector('review-player')?.frameCount > 0, null, { timeout: 60_000 });
  // The markers are there (a bucket per crowded spot of the timeline).
  const markers = await page.evaluate(() => document.querySelector('review-player').shadowRoot.querySelectorAll('[part~="marker"]').length);

  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');

  // One-frame steps, paused.
  const steps = await page.evaluate(async () => {
    const player = document.querySelector('review-player');
    await player.seekToFrame(10);
    const times = [];
    for (let i = 0; i < 30; i++) {
      if (player.currentFrame >= player.frameCount - 2) await player.seekToFrame(10);
      const t0 = performance.now();
      await player.stepFrames(1);
      times.push(performance.now() - t0);
    }
    return times;
  });

  // Script time per player update while playing.
  const script = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration').value;
  await page.evaluate(() => {
    const player = document.querySelector('review-player');
    player.loop = 'clip';
    window.frameChanges = 0;
    player.addEventListener('review-frame-change', () => window.frameChanges++);
    return player.play();
  });
  const s0 = await script();
  const f0 = await page.evaluate(() => window.frameChanges);
  await page.waitForTimeout(3000);
  const s1 = await script();
  const f1 = await page.evaluate(() => window.frameChanges);
  const perUpdate = ((s1 - s0) * 1000) / Math.max(1, f1 - f0);

  // Scroll the thread while the player keeps playing.
  const scroll = await page.evaluate(async () => {
    const builds = () => performance.getEntriesByName('review-player:markers', 'measure').length;
    const b0 = builds();
    const scroller = document.querySelector('comment-thread').shadowRoot.querySelector('.scroll');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    scroller.scrollTop = 0;
    await frame();
    const gaps = [];
    let last = performance.now();
    for (let i = 0; i < 400; i++) {
      scroller.scrollTop += 8;
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) scroller.scrollTop = 0;
      await frame();
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    const playing = !document.querySelector('review-player').paused;
    await document.querySelector('review-player').pause();
    return { gaps, builds: builds() - b0, playing };
  });
  await page.close();
  if (errors.length) throw new Error(`${total} notes: ${errors.join('; ')}`);
  if (!scroll.playing) throw new Error(`${total} notes: the player stopped playing during the scroll`);
  const sorted = [...scroll.gaps].sort((a, b) => a - b);
  return {
    first,
    all,
    markers,
    heap: usedSize / 1e6,
    step: median(steps),
    stepP95: [...steps].sort((a, b) => a - b)[Math.floor(steps.length * 0.95)],
    perUpdate,
    updates: f1 - f0,
    scrollMedian: sorted[Math.floor(sorted.length / 2)],
    scrollP95: sorted[Math.floor(sorted.length * 0.95)],
    withinBudget: (100 * scroll.gaps.filter((g) => g <= 20).length) / scroll.gaps.length,
    builds: scroll.builds,
  };
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

const results = {};
try {
  // A first page load, not measured: Vite transforms the modules on first request.
  seed(COUNTS[0]);
  await once(COUNTS[0]);
  for (const total of COUNTS) {
    seed(total);
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await once(total));
    results[total] = Object.fromEntries(Object.keys(samples[0]).map((k) => [k, median(samples.map((s) => s[k]))]));
  }
} finally {
  await browser.close();
  await vite.close();
  await review.close();
  rmSync(dir, { recursive: true, force: true });
}

const base4 = results[COUNTS[0]];
const fmt = (v, digits = 0) => v.toFixed(digits);
const rows = [
  ['first notes shown (ms)', (r) => fmt(r.first)],
  ['all notes shown (ms)', (r) => fmt(r.all)],
  ['timeline marks (buckets)', (r) => String(r.markers)],
  ['one-frame step, median (ms)', (r) => `${fmt(r.step, 1)} (${fmt(r.step / base4.step, 2)}×)`],
  ['one-frame step, p95 (ms)', (r) => fmt(r.stepP95, 1)],
  ['script per player update while playing (ms)', (r) => `${fmt(r.perUpdate, 2)} (${fmt(r.perUpdate / base4.perUpdate, 2)}×)`],
  ['player updates in 3 s of playback', (r) => String(r.updates)],
  ['thread scroll frame while playing, median (ms)', (r) => fmt(r.scrollMedian, 1)],
  ['thread scroll frame while playing, p95 (ms)', (r) => fmt(r.scrollP95, 1)],
  ['scroll frames within budget (≤ 20 ms)', (r) => `${fmt(r.withinBudget)} %`],
  ['marker builds during playback + scroll', (r) => String(r.builds)],
  ['JS heap after load, after GC (MB)', (r) => `${fmt(r.heap, 1)} (+${fmt(r.heap - base4.heap, 1)})`],
];
console.log(
  `\nstudio review page, clip 101 with ${COUNTS.join(' / ')} notes, median of ${runs} page loads (reference server over loopback, Vite dev server, Lit production build, headless Chromium 1280×800; load average ${(await import('node:os')).loadavg()[0].toFixed(1)})\n`,
);
console.log(`| metric | ${COUNTS.map((n) => `${n.toLocaleString('en')} notes`).join(' | ')} |`);
console.log(`|---|${COUNTS.map(() => '---:').join('|')}|`);
for (const [label, cell] of rows) console.log(`| ${label} | ${COUNTS.map((n) => cell(results[n])).join(' | ')} |`);
