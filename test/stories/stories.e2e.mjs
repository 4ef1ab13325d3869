// Renders every Storybook story (and docs page) of a fresh `storybook build` in headless Chromium and
// fails on any console error, uncaught page error, failed story render or axe violation in a story.
//   node test/stories/stories.e2e.mjs            builds Storybook into a temp dir first
//   STORYBOOK_DIR=storybook-static node ...      reuses an existing build
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
const entries = Object.values(index.entries).filter((e) => e.type === 'story' || e.type === 'docs');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

const server = await serveStatic(dir);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking'],
});

const failures = [];
let storyCount = 0;
let docsCount = 0;

async function check(context, entry) {
  const page = await context.newPage();
  const problems = [];
  const allowConsole = entry.tags?.includes('console-error-expected');
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowConsole) problems.push(`console error: ${m.text()} ${m.location()?.url ?? ''}`.trim());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowConsole) problems.push(`HTTP ${r.status()}: ${r.url().replace(server.url, '')}`);
  });
  const viewMode = entry.type === 'docs' ? 'docs' : 'story';
  try {
    await page.goto(`${server.url}/iframe.html?id=${entry.id}&viewMode=${viewMode}&globals=a11y.manual:!true`, { waitUntil: 'load' });
    // (a11y.manual stops the a11y addon's own axe run, which would collide with ours.)
    // Storybook sets a body class when the render finished (or failed).
    await page.waitForFunction(
      () => /sb-show-(main|errordisplay|nopreview)/.test(document.body.className),
      null,
      { timeout: 20000 },
    );
    if (/sb-show-errordisplay/.test(await page.evaluate(() => document.body.className))) {
      const msg = await page.evaluate(() => document.querySelector('#error-message')?.textContent ?? '');
      problems.push(`render failed: ${msg.trim().slice(0, 300)}`);
    }
    // Elements load from MemoryReviewApi asynchronously: let pending work settle.
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(300);
    if (entry.type === 'story') {
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document.querySelector('#storybook-root'), { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
      });
      problems.push(...violations.map((v) => `axe: ${v}`));
    }
  } catch (e) {
    problems.push(`error: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  if (entry.type === 'docs') docsCount++;
  else storyCount++;
  if (problems.length) failures.push({ entry, problems });
  console.log(`${problems.length ? '✗' : '✓'} ${entry.type.padEnd(5)} ${entry.title} › ${entry.name}`);
}

try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const queue = [...entries];
  const workers = Array.from({ length: Number(process.env.STORY_CONCURRENCY || 2) }, async () => {
    while (queue.length) await check(context, queue.shift());
  });
  await Promise.all(workers);
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
