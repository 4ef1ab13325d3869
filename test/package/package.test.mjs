// The published package, as a consumer gets it: `npm pack`, extract into a scratch project, then
//  - every `exports` target (and its types) is in the tarball, for every tag in custom-elements.json;
//  - Node imports the root entry and `./api` without registering anything;
//  - TypeScript resolves the types of every public subpath from a consumer file;
//  - in Chromium, the single-file CDN build from a plain <script type="module"> defines every tag.
// Builds first when dist/ is missing or older than src/ (PACKAGE_TEST_SKIP_BUILD=1 skips that).
// Run: node --test test/package/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../stories/static-server.mjs';

const root = resolve(import.meta.dirname, '../..');
let scratch;
let pkgDir;
let manifest;
let tags;
let folderTags;

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const outputs = [
    'dist/index.js',
    'dist/cdn/review-elements.js',
    'dist/conformance/index.js',
    'dist/types/index.d.ts',
    'custom-elements.json',
  ].map((f) => join(root, f));
  const fresh = outputs.every((f) => existsSync(f) && statSync(f).mtimeMs >= newestMtime(join(root, 'src')));
  if (!fresh && !process.env.PACKAGE_TEST_SKIP_BUILD) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}

before(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'review-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }));
  const tarball = join(scratch, packed[0].filename);
  // A consumer project: the package extracted into node_modules, its dependencies linked from ours.
  const nm = join(scratch, 'node_modules');
  pkgDir = join(nm, 'review-elements');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name.startsWith('.') || name === 'review-elements') continue;
    symlinkSync(join(root, 'node_modules', name), join(nm, name));
  }
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  manifest = JSON.parse(readFileSync(join(pkgDir, 'custom-elements.json'), 'utf8'));
  tags = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName));
  // Elements with their own folder get `./elements/<tag>.js`; sub-elements ship with their parent.
  folderTags = manifest.modules
    .filter((m) => /^src\/elements\/([^/]+)\/\1\.ts$/.test(m.path))
    .flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName));
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('the tarball holds the manifest, the CDN file and no sources or tests', () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.ok(existsSync(join(pkgDir, 'custom-elements.json')));
  assert.ok(existsSync(join(pkgDir, 'dist/cdn/review-elements.js')));
  // The CDN file is used as is by a page without a bundler, so it ships minified.
  const cdn = readFileSync(join(pkgDir, 'dist/cdn/review-elements.js'), 'utf8');
  assert.ok(cdn.split('\n').length < 100, `the CDN file has ${cdn.split('\n').length} lines: not minified`);
  assert.ok(!existsSync(join(pkgDir, 'src')), 'src/ is not shipped');
  assert.ok(!existsSync(join(pkgDir, 'test')), 'test/ is not shipped');
  assert.ok(tags.length >= 1, 'the manifest lists elements');
});

test('every export target and its types exist, for every element of the manifest', () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const subpaths = [
    '.',
    './define',
    './api',
    './report',
    './react',
    './conformance',
    './cdn',
    ...folderTags.flatMap((t) => [`./elements/${t}.js`, `./elements/${t}/define.js`]),
  ];
  const missing = [];
  for (const sub of subpaths) {
    const target = resolveExport(pkg.exports, sub);
    assert.ok(target, `exports has no entry for ${sub}`);
    for (const file of [target.default, target.types].filter(Boolean)) {
      if (!existsSync(join(pkgDir, file))) missing.push(`${sub} → ${file}`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(existsSync(join(pkgDir, pkg.types)), 'top-level types');
  // sideEffects: the registering modules only.
  for (const se of pkg.sideEffects) assert.match(se, /define|react|cdn/, `${se} is not a registering module`);
});

/** Node's subpath-pattern resolution of one `exports` key (enough for our map). */
function resolveExport(exportsMap, sub) {
  const pick = (v, star) => {
    const sub1 = (s) => (star === undefined ? s : s.replaceAll('*', star));
    return typeof v === 'string' ? { default: sub1(v) } : { default: sub1(v.default), types: v.types && sub1(v.types) };
  };
  if (exportsMap[sub]) return pick(exportsMap[sub]);
  const patterns = Object.keys(exportsMap)
    .filter((k) => k.includes('*'))
    .sort((a, b) => b.length - a.length);
  for (const key of patterns) {
    const [pre, post] = key.split('*');
    if (sub.startsWith(pre) && sub.endsWith(post) && sub.length >= key.length - 1) {
      return pick(exportsMap[key], sub.slice(pre.length, sub.length - post.length));
    }
  }
  return undefined;
}

test('Node imports the root entry and ./api without registering any tag', () => {
  const script = `
    const defined = [];
    globalThis.customElements = {
      define: (name) => { defined.push(name); },
      get: () => undefined, whenDefined: () => new Promise(() => {}), upgrade() {},
    };
    const rootEntry = await import('review-elements');
    const api = await import('review-elements/api');
    const fixture = api.createDemoFixture ? api.createDemoFixture() : null;
    console.log(JSON.stringify({
      defined,
      rootKeys: Object.keys(rootEntry),
      memory: typeof api.MemoryReviewApi,
      rest: typeof api.RestReviewApi,
      same: rootEntry.MemoryReviewApi === api.MemoryReviewApi,
    }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop());
  assert.deepEqual(r.defined, [], 'importing must not call customElements.define');
  assert.equal(r.memory, 'function');
  assert.equal(r.rest, 'function');
  assert.ok(r.same, 'root and ./api share one MemoryReviewApi');
  assert.ok(r.rootKeys.includes('ReviewApiError'));
});

test('the conformance command runs from the package with Node (bin review-elements-conformance)', () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const bin = pkg.bin['review-elements-conformance'];
  assert.ok(bin && existsSync(join(pkgDir, bin)), `the bin ${bin} is in the tarball`);
  assert.match(readFileSync(join(pkgDir, bin), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  const help = execFileSync(process.execPath, [join(pkgDir, bin), '--help'], { cwd: scratch, encoding: 'utf8' });
  assert.match(help, /^Usage: review-elements-conformance --api <base URL> --production <id> --token <token>/);
  let usage;
  try {
    execFileSync(process.execPath, [join(pkgDir, bin), '--api', 'http://127.0.0.1:9/api'], {
      cwd: scratch,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    usage = e;
  }
  assert.equal(usage?.status, 2, 'a usage error exits 2');
  assert.match(usage.stderr, /missing --production, --token/);
  // Nothing listens on port 9: every check fails or is skipped, the report says why, and the exit code is 1.
  let down;
  try {
    execFileSync(
      process.execPath,
      [join(pkgDir, bin), '--api', 'http://127.0.0.1:9/api', '--production', 'p', '--token', 't', '--timeout', '2000'],
      {
        cwd: scratch,
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
  } catch (e) {
    down = e;
  }
  assert.equal(down?.status, 1);
  assert.match(
    down.stdout,
    /^FAIL {2}me .*\n {6}expected: 200 Me \{user, rights\}\n {6}got: {6}no answer NETWORK: Cannot reach the review API/m,
  );
});

test('TypeScript resolves the types of every public subpath', () => {
  const imports = [
    `import { ReviewApiError, type ReviewEventDetails } from 'review-elements';`,
    `import { MemoryReviewApi, createFixture } from 'review-elements/api';`,
    `import { RestReviewApi as CdnRestReviewApi } from 'review-elements/cdn';`,
    `import * as Wrappers from 'review-elements/react';`,
    `import { runConformance } from 'review-elements/conformance';`,
    `import 'review-elements/define';`,
    ...folderTags.flatMap((t, i) => [
      `import * as E${i} from 'review-elements/elements/${t}.js';`,
      `import 'review-elements/elements/${t}/define.js';`,
    ]),
    `export const used = [ReviewApiError, MemoryReviewApi, createFixture, CdnRestReviewApi, Wrappers, runConformance, ${folderTags.map((_, i) => `E${i}`).join(', ')}];`,
    `export type Detail = ReviewEventDetails['review-frame-change'];`,
    ...tags.map((t, i) => `export const c${i}: HTMLElementTagNameMap['${t}'] = document.createElement('${t}');`),
  ];
  writeFileSync(join(scratch, 'consumer.ts'), imports.join('\n') + '\n');
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        jsx: 'react-jsx',
      },
      files: ['consumer.ts'],
    }),
  );
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', scratch], { cwd: scratch, encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc failed for the consumer file:\n${e.stdout}${e.stderr}`);
  }
});

test('the CDN file, from a plain <script type="module">, defines every tag in Chromium', async () => {
  const page = `<!doctype html><html lang="en"><head><title>cdn</title>
    <script type="module" src="/node_modules/review-elements/dist/cdn/review-elements.js"></script></head>
    <body><review-status-picker></review-status-picker></body></html>`;
  const server = await serveStatic(scratch, { routes: { '/': page } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const p = await browser.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const requests = [];
    p.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await p.goto(server.url + '/');
    await p.waitForFunction(() => customElements.get('review-status-picker'), null, { timeout: 15000 });
    const undefinedTags = await p.evaluate((n) => n.filter((t) => !customElements.get(t)), tags);
    assert.deepEqual(undefinedTags, [], 'tags of the manifest that the CDN build does not register');
    const upgraded = await p.evaluate(() => !!document.querySelector('review-status-picker').shadowRoot);
    assert.ok(upgraded, 'a tag already in the page is upgraded');
    // One file: no import of lit or anything else from node_modules.
    assert.deepEqual(
      requests.filter((r) => r.startsWith('/node_modules/') && !r.endsWith('/cdn/review-elements.js')),
      [],
    );
    // The CDN module also exports the root API, e.g. for `session.api = new MemoryReviewApi(…)`.
    const exported = await p.evaluate(async () => Object.keys(await import('/node_modules/review-elements/dist/cdn/review-elements.js')));
    assert.ok(exported.includes('MemoryReviewApi'));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
