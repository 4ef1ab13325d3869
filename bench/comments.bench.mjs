// <comment-thread> with 10,000 comments vs a plain (non-virtualized) Lit list of the same comments, in the
// same run and browser: time to first render, time to scroll from top to bottom, DOM size.
// The page is bench/comments-page/ served by Vite (dev server, port 0); headless Chromium via playwright-core.
// Usage: node bench/comments.bench.mjs [count=10000] [runs=3]
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);

// No file watching or HMR: an edit elsewhere in the tree during a run must not reload the page being measured.
// Mode production: Lit's production build, as shipped (its dev build checks and warns, and is slower).
const server = await createServer({
  root: process.cwd(),
  mode: 'production',
  server: { port: 0, host: '127.0.0.1', hmr: false, watch: null },
  logLevel: 'error',
});
await server.listen();
const base = `http://127.0.0.1:${server.httpServer.address().port}/bench/comments-page/index.html`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

/** Scrolls the list from top to bottom a viewport at a time, one frame per step; returns ms and steps. */
async function scrollThrough(page, mode) {
  return page.evaluate(async (mode) => {
    const scroller =
      mode === 'plain' ? document.querySelector('.plain') : document.querySelector('comment-thread').shadowRoot.querySelector('.scroll');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    scroller.scrollTop = 0;
    await frame();
    const t0 = performance.now();
    let steps = 0;
    let longest = 0;
    // Row heights are estimated until rows are seen, so the scroll height changes on the way: go until the bottom stays the bottom.
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1 && steps < 20000) {
      const s = performance.now();
      scroller.scrollTop += scroller.clientHeight;
      await frame();
      longest = Math.max(longest, performance.now() - s);
      steps++;
    }
    const ms = performance.now() - t0;
    // The last comment in the list must be the one on screen at the end (it is the same data in both modes).
    const root = mode === 'plain' ? document : document.querySelector('comment-thread').shadowRoot;
    const articles = [...root.querySelectorAll('article')];
    const lastBox = articles.at(-1)?.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    const lastOnScreen = !!lastBox && lastBox.bottom <= view.bottom + 1 && lastBox.bottom > view.top;
    const nodes = document.querySelectorAll('*').length + (mode === 'plain' ? 0 : root.querySelectorAll('*').length);
    return { ms, steps, longest, nodes, lastOnScreen: lastOnScreen ? 'yes' : 'NO' };
  }, mode);
}

async function once(mode) {
  const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}?mode=${mode}&n=${count}`);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000, polling: 'raf' });
  const first = await page.evaluate(() => performance.now() - window.benchStart);
  if (mode === 'virtual') {
    // All pages loaded (the store fills page by page while the first ones are already on screen).
    await page.waitForFunction(
      (n) => document.querySelector('comment-thread')?.shadowRoot?.querySelector('[part="title"]')?.textContent?.includes(`(${n})`),
      count + 4,
      { timeout: 120_000 },
    );
  }
  const all = await page.evaluate(() => performance.now() - window.benchStart);
  const scroll = await scrollThrough(page, mode);
  await page.close();
  if (errors.length) throw new Error(`${mode}: ${errors.join('; ')}`);
  return { first, all, ...scroll, meanStep: scroll.ms / scroll.steps };
}

const median = (xs) =>
  typeof xs[0] === 'number'
    ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    : xs.every((x) => x === xs[0])
      ? xs[0]
      : xs.join('/');
const results = {};
try {
  for (const mode of ['virtual', 'plain']) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await once(mode));
    results[mode] = Object.fromEntries(Object.keys(samples[0]).map((k) => [k, median(samples.map((s) => s[k]))]));
  }
} finally {
  await browser.close();
  await server.close();
}

const fmt = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(0)) : String(v));
const rows = [
  ['first comments on screen (ms)', 'first'],
  ['all comments loaded (ms)', 'all'],
  ['scroll top→bottom (ms)', 'ms'],
  ['scroll steps (viewports)', 'steps'],
  ['mean scroll step (ms)', 'meanStep'],
  ['longest scroll step (ms)', 'longest'],
  ['DOM elements at the end', 'nodes'],
  ['last comment on screen at the end', 'lastOnScreen'],
];
console.log(
  `\n<comment-thread> vs plain list, ${count} comments + 4 of the fixture, median of ${runs} runs (Vite dev server, Lit production build, headless Chromium, 420×800); a scroll step is one viewport per frame\n`,
);
console.log(`| metric | comment-thread (virtualized) | plain list |`);
console.log(`|---|---:|---:|`);
for (const [label, key] of rows) console.log(`| ${label} | ${fmt(results.virtual[key])} | ${fmt(results.plain[key])} |`);
