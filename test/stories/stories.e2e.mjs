// Renders every Storybook story (and docs page) of a fresh `storybook build` in headless Chromium and
// fails on any console error, uncaught page error, failed story render or axe violation in a story.
//   node test/stories/stories.e2e.mjs            builds Storybook into a temp dir first
//   STORYBOOK_DIR=storybook-static node ...      reuses an existing build
//   STORY_FILTER=review-player node ...           only the entries whose id matches
// A story that shows an error state on purpose may carry the tag 'console-error-expected'.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const root = resolve(import.meta.dirname, '../..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const started = Date.now();

let dir = process.env.STORYBOOK_DIR && resolve(process.env.STORYBOOK_DIR);
let tempDir;
if (!dir) {
  tempDir = mkdtempSync(join(tmpdir(), 'review-sb-'));
  dir = tempDir;
  for (const [cmd, args] of [
    [bin('cem'), ['analyze']],
    [bin('storybook'), ['build', '--quiet', '--disable-telemetry', '-o', dir]],
  ]) {
    const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(r.stdout.slice(-4000), r.stderr.slice(-4000));
      throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
    }
  }
  console.log(`storybook built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const filter = process.env.STORY_FILTER ? new RegExp(process.env.STORY_FILTER) : null;
const entries = Object.values(index.entries).filter((e) => (e.type === 'story' || e.type === 'docs') && (!filter || filter.test(e.id)));
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

const server = await serveStatic(dir);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking'],
});

const failures = [];
/** A story tagged 'console-error-expected', or the docs page that renders such a story inline. */
const expectsConsoleErrors = (entry) =>
  entry.type === 'docs'
    ? Object.values(index.entries).some((e) => e.type === 'story' && e.title === entry.title && e.tags?.includes('console-error-expected'))
    : !!entry.tags?.includes('console-error-expected');
const withTimeout = (promise, ms, what) => {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms))),
  ]).finally(() => clearTimeout(timer));
};
let storyCount = 0;
let docsCount = 0;

/**
 * One worker: a page that loads the Storybook preview once, then switches stories through the preview's
 * channel (as the Storybook UI does) instead of reloading ~1 MB of JavaScript for every entry. Console
 * and page errors are charged to the entry on screen.
 */
async function worker(context, queue) {
  let current = null;
  const report = (msg) => current && !(current.allowConsole && /^(console|HTTP)/.test(msg)) && current.problems.push(msg);
  const open = async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    page.on('console', (m) => m.type() === 'error' && report(`console error: ${m.text()} ${m.location()?.url ?? ''}`.trim()));
    page.on('pageerror', (e) => report(`page error: ${e.message}`));
    page.on('response', (r) => r.status() >= 400 && report(`HTTP ${r.status()}: ${r.url().replace(server.url, '')}`));
    return page;
  };
  const close = (page) => withTimeout(page.close(), 10000, 'closing the page').catch(() => {});
  let page = null;
  while (queue.length) {
    const entry = queue.shift();
    const fresh = !page;
    page ??= await open();
    current = { problems: [], allowConsole: expectsConsoleErrors(entry) };
    let axeMs = await check(page, entry, current.problems, !fresh);
    // The preview page sometimes navigates while a story is switched in over the channel (the check then
    // loses its execution context), and on a loaded 2-core CI machine a render or an axe run can outlast
    // its timeout (CI once saw axe pass 30 s on a story that takes 2 s here). Neither says anything about
    // the story: check it once more on a fresh page. A story that really hangs fails twice.
    const transient = /Execution context was destroyed|took over \d+ s/;
    if (current.problems.length && current.problems.every((p) => transient.test(p))) {
      console.log(`… ${entry.title} › ${entry.name}: ${current.problems.join('; ')}; checking again on a fresh page`);
      await close(page);
      page = await open();
      current = { problems: [], allowConsole: expectsConsoleErrors(entry) };
      axeMs = await check(page, entry, current.problems, false);
    }
    if (entry.type === 'docs') docsCount++;
    else storyCount++;
    if (current.problems.length) failures.push({ entry, problems: current.problems });
    // A slow axe run is shown, so a creeping CI timeout is seen before it fails.
    const slow = axeMs > 5000 ? ` (axe ${(axeMs / 1000).toFixed(1)} s)` : '';
    console.log(`${current.problems.length ? '✗' : '✓'} ${entry.type.padEnd(5)} ${entry.title} › ${entry.name}${slow}`);
    // After a broken page, or a story that errs on purpose (retries could leak into the next entry),
    // the next entry starts on a fresh page.
    if (current.allowConsole || current.problems.some((p) => p.startsWith('error:'))) {
      current = null;
      await close(page);
      page = null;
    }
    current = null;
  }
  if (page) await close(page);
}

async function check(page, entry, problems, loaded) {
  const viewMode = entry.type === 'docs' ? 'docs' : 'story';
  try {
    if (!loaded) {
      // a11y.manual stops the a11y addon's own axe run, which would collide with ours.
      await page.goto(`${server.url}/iframe.html?id=${entry.id}&viewMode=${viewMode}&globals=a11y.manual:!true`, { waitUntil: 'load' });
      // Storybook sets a body class when the render finished (or failed).
      await page.waitForFunction(() => /sb-show-(main|errordisplay|nopreview)/.test(document.body.className), null, { timeout: 30000 });
      if (/sb-show-errordisplay/.test(await page.evaluate(() => document.body.className))) problems.push('render failed');
    } else {
      const outcome = await withTimeout(
        page.evaluate(
          ({ storyId, viewMode }) =>
            new Promise((resolve) => {
              const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
              const outcomes = {
                storyRendered: 'ok',
                docsRendered: 'ok',
                storyErrored: 'errored',
                storyThrewException: 'threw',
                storyMissing: 'missing',
              };
              const handlers = Object.entries(outcomes).map(([event, result]) => {
                const handler = () => {
                  for (const [ev, h] of handlers) channel.off(ev, h);
                  resolve(result);
                };
                channel.on(event, handler);
                return [event, handler];
              });
              channel.emit('setCurrentStory', { storyId, viewMode });
            }),
          { storyId: entry.id, viewMode },
        ),
        // Play functions wait for media and seeks; a loaded CI machine needs the headroom.
        60000,
        'rendering',
      );
      if (outcome !== 'ok') problems.push(`render ${outcome}`);
    }
    if (problems.some((p) => p.startsWith('render'))) {
      const msg = await page.evaluate(() => document.querySelector('#error-message')?.textContent ?? '');
      problems.push(`  ${msg.trim().slice(0, 300)}`);
    }
    // Elements load from MemoryReviewApi asynchronously: let pending work settle.
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(400);
    if (entry.type === 'docs') {
      // Markdown the MDX compiler did not understand shows as text: a table as `| a | b |` / `| --- |` lines.
      const raw = await page.evaluate(() =>
        [...document.querySelectorAll('#storybook-docs p')]
          .map((p) => p.textContent ?? '')
          .filter((t) => /^\s*\|.*\|\s*$/m.test(t) || /\|\s*:?-{3,}/.test(t)),
      );
      problems.push(...raw.map((t) => `raw markdown shown: ${t.trim().slice(0, 80)}`));
    }
    if (entry.type === 'story') {
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
      const axeStarted = Date.now();
      const violations = await withTimeout(
        page.evaluate(async () => {
          const r = await window.axe.run(document.querySelector('#storybook-root'), { resultTypes: ['violations'] });
          return r.violations.map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help} — ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(' | ')}`,
          );
        }),
        60000,
        'axe',
      );
      problems.push(...violations.map((v) => `axe: ${v}`));
      return Date.now() - axeStarted;
    }
  } catch (e) {
    problems.push(`error: ${e.message.split('\n')[0]}`);
  }
}

try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const queue = [...entries];
  await Promise.all(Array.from({ length: Number(process.env.STORY_CONCURRENCY || 2) }, () => worker(context, queue)));
} finally {
  await browser.close();
  await server.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}

for (const { entry, problems } of failures) {
  console.error(`\n✗ ${entry.title} › ${entry.name} (${entry.id})`);
  for (const p of problems) console.error(`   ${p}`);
}
console.log(
  `\n${storyCount} stories, ${docsCount} docs pages, ${failures.length} failing, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (docsCount === 0) {
  console.error('no docs pages found: the Storybook build is incomplete');
  process.exitCode = 1;
}
if (failures.length) process.exitCode = 1;
