/**
 * How the reference server delivers the portal and the API (issue 26): the demo built into a temp folder
 * (with demo/vite.config.ts, so its build-time `.br`/`.gz` files are the real ones) and served by buildApp.
 * Compressed answers carry Content-Encoding and Vary and decompress to the file; hashed assets are
 * immutable; pages revalidate (304); media keep their Range answers and are never compressed; large API
 * answers are compressed too.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { negotiateEncoding } from '../../demo/server/files.js';
import { API, testServer, type TestServer } from './helpers.js';

let s: TestServer;
let tmp: string;
let dist: string;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'review-delivery-'));
  dist = join(tmp, 'dist');
  execFileSync('npx', ['vite', 'build', '--config', 'demo/vite.config.ts', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  s = await testServer({ distDir: dist, corsOrigins: ['http://studio.test'] });
});
after(async () => {
  await s?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => s.app.inject({ method: 'GET', url, headers });
const varyNames = (v: unknown) =>
  String(v ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase());

/** The scripts and styles a built page names (its entry, modulepreloads, stylesheet). */
function assetsOf(page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
}

describe('what a page loads as it opens', () => {
  test("each page's scripts leave out what only a click needs: the report's PDF writer and the frame engine's demuxer", () => {
    for (const page of ['review.html', 'index.html']) {
      const code = assetsOf(page)
        .filter((a) => a.endsWith('.js'))
        .map((a) => readFileSync(join(dist, a), 'utf8'))
        .join('\n');
      assert.ok(code.length > 0, `${page} names its scripts`);
      // pdf-lib writes the "%PDF-" header; mediabunny reads MP4 boxes ("ftyp") and Matroska ("EBML").
      for (const marker of ['%PDF-', 'ftyp', 'EBML']) assert.ok(!code.includes(marker), `${page} loads ${marker} code at open`);
    }
    const lazy = readdirSync(join(dist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dist, 'assets', f), 'utf8'));
    assert.ok(lazy.some((c) => c.includes('%PDF-')) && lazy.some((c) => c.includes('EBML')), 'they are built, as chunks of their own');
  });
});

describe('compression of the built portal', () => {
  test('the build writes .br and .gz beside the scripts, styles and pages', () => {
    const assets = readdirSync(join(dist, 'assets'));
    const scripts = assets.filter((f) => /\.(js|css)$/.test(f));
    assert.ok(scripts.length >= 3, 'some scripts were built');
    for (const f of scripts) {
      assert.ok(assets.includes(`${f}.br`), `${f}.br`);
      assert.ok(assets.includes(`${f}.gz`), `${f}.gz`);
    }
    for (const page of ['index.html', 'review.html']) assert.ok(statSync(join(dist, `${page}.br`)).isFile(), `${page}.br`);
  });

  test('pages and assets are sent brotli- or gzip-encoded as the client accepts, and decode to the file', async () => {
    const urls = ['index.html', 'review.html', ...assetsOf('index.html'), ...assetsOf('review.html')];
    assert.ok(urls.some((u) => u.endsWith('.js')) && urls.some((u) => u.endsWith('.css')));
    for (const rel of new Set(urls)) {
      const file = readFileSync(join(dist, rel));
      const br = await get(`/${rel}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      assert.equal(br.statusCode, 200, rel);
      assert.equal(br.headers['content-encoding'], 'br', rel);
      assert.ok(varyNames(br.headers.vary).includes('accept-encoding'), `${rel}: Vary ${br.headers.vary}`);
      assert.equal(Number(br.headers['content-length']), br.rawPayload.length, rel);
      assert.ok(br.rawPayload.length < file.length, `${rel} is smaller on the wire`);
      assert.deepEqual(brotliDecompressSync(br.rawPayload), file, rel);

      const gz = await get(`/${rel}`, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip', rel);
      assert.deepEqual(gunzipSync(gz.rawPayload), file, rel);

      const plain = await get(`/${rel}`);
      assert.equal(plain.headers['content-encoding'], undefined, rel);
      assert.ok(varyNames(plain.headers.vary).includes('accept-encoding'), `${rel}: the identity answer varies too`);
      assert.deepEqual(plain.rawPayload, file, rel);
      assert.notEqual(plain.headers.etag, br.headers.etag, 'each representation has its own ETag');
    }
  });

  test('q-values are honoured: br;q=0 gets gzip, identity only gets the file', async () => {
    const index = readFileSync(join(dist, 'index.html'));
    const res = await get('/', { 'accept-encoding': 'br;q=0, gzip;q=0.8' });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(res.rawPayload), index);
    const none = await get('/', { 'accept-encoding': 'identity' });
    assert.equal(none.headers['content-encoding'], undefined);
    assert.deepEqual(none.rawPayload, index);
    assert.equal(negotiateEncoding('gzip;q=0.5, br;q=0.4', ['br', 'gzip']), 'gzip');
    assert.equal(negotiateEncoding('*', ['br', 'gzip']), 'br');
    assert.equal(negotiateEncoding('*;q=0, gzip', ['br', 'gzip']), 'gzip');
    assert.equal(negotiateEncoding(undefined, ['br', 'gzip']), null);
  });

  test('a precompressed file older than its source is not used (a stale build is never served)', async () => {
    const rel = assetsOf('index.html').find((a) => a.endsWith('.js'))!;
    const path = join(dist, rel);
    const original = readFileSync(path);
    const future = new Date(Date.now() + 60_000);
    try {
      writeFileSync(path, Buffer.concat([original, Buffer.from('\n// changed\n')]));
      utimesSync(path, future, future);
      const res = await get(`/${rel}`, { 'accept-encoding': 'br, gzip' });
      assert.equal(res.headers['content-encoding'], undefined);
      assert.deepEqual(res.rawPayload, readFileSync(path));
    } finally {
      writeFileSync(path, original);
      utimesSync(path, new Date(0), new Date(0));
    }
  });
});

describe('caching', () => {
  test('hashed assets are immutable for a year', async () => {
    const assets = new Set([...assetsOf('index.html'), ...assetsOf('review.html')]);
    for (const rel of assets) {
      const res = await get(`/${rel}`, { 'accept-encoding': 'br' });
      assert.equal(res.statusCode, 200, rel);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', rel);
    }
  });

  test('pages are no-cache with ETag and Last-Modified, and answer 304 to If-None-Match and If-Modified-Since', async () => {
    for (const [url, headers] of [
      ['/', { 'accept-encoding': 'br' }],
      ['/review.html', {}],
      ['/index.html', { 'accept-encoding': 'gzip' }],
    ] as const) {
      const first = await get(url, headers);
      assert.equal(first.statusCode, 200, url);
      assert.equal(first.headers['cache-control'], 'no-cache', url);
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[^"]+"$/);
      assert.ok(first.headers['last-modified'], url);

      const again = await get(url, { ...headers, 'if-none-match': etag });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.rawPayload.length, 0);
      assert.equal(again.headers.etag, etag);
      assert.equal(again.headers['cache-control'], 'no-cache');

      const listed = await get(url, { ...headers, 'if-none-match': `"other", W/${etag}` });
      assert.equal(listed.statusCode, 304, 'a list and a weak validator match too');

      const since = await get(url, { ...headers, 'if-modified-since': String(first.headers['last-modified']) });
      assert.equal(since.statusCode, 304, url);

      const stale = await get(url, { ...headers, 'if-none-match': '"not-it"' });
      assert.equal(stale.statusCode, 200, url);
      const older = await get(url, { ...headers, 'if-modified-since': new Date(0).toUTCString() });
      assert.equal(older.statusCode, 200, url);
    }
  });

  test('a 304 for one encoding is not given to a client that asks for another', async () => {
    const br = await get('/', { 'accept-encoding': 'br' });
    const plain = await get('/', { 'if-none-match': String(br.headers.etag) });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
  });
});

describe('the client page', () => {
  test('asks the browser to fetch the public share with the scripts (Link: rel=preload), for a well-formed token only', async () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUv-_0123456789';
    const res = await get(`/review.html?token=${token}`, { 'accept-encoding': 'br' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.link, `</api/share/${token}>; rel=preload; as=fetch; crossorigin`);
    for (const url of [
      '/review.html',
      '/review.html?token=%3Cscript%3E',
      '/review.html?token=short',
      `/index.html?token=${token}`,
      `/?token=${token}`,
    ]) {
      assert.equal((await get(url)).headers.link, undefined, url);
    }
  });
});

describe('media are never compressed and keep Range', () => {
  const MP4 = 'demo/media/hm_010_0040_24fps.mp4';
  const signed = (path: string) => s.app.reviewContext.media.sign(path, `t.${s.tokens.viewer.split('.')[0]}`, 'v', Date.now() + 60_000);

  test('a whole clip and byte ranges, asked with Accept-Encoding: br', async () => {
    const file = readFileSync(MP4);
    const url = signed('/media/hm_010_0040_24fps.mp4');
    const whole = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.headers['content-encoding'], undefined);
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.deepEqual(whole.rawPayload, file);
    const part = await get(url, { 'accept-encoding': 'gzip, deflate, br', range: 'bytes=1000-1999' });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-encoding'], undefined);
    assert.equal(part.headers['content-range'], `bytes 1000-1999/${file.length}`);
    assert.deepEqual(part.rawPayload, file.subarray(1000, 2000));
  });
});

describe('API answers', () => {
  const search = `${API}/an/search?fq=mediaObjectId:101&sort=start%20ASC&limit=200`;

  test('JSON over 1 kB is compressed when accepted and decodes to the same answer', async () => {
    const auth = { authorization: `Bearer ${s.tokens.viewer}` };
    const plain = await get(search, auth);
    assert.equal(plain.statusCode, 200);
    assert.ok(plain.rawPayload.length > 1024, `the search answer is ${plain.rawPayload.length} bytes`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(varyNames(plain.headers.vary).includes('accept-encoding'));

    const br = await get(search, { ...auth, 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(varyNames(br.headers.vary).includes('accept-encoding'));
    assert.match(String(br.headers['content-type']), /^application\/json/);
    assert.equal(br.headers['x-pagination-total-results'], plain.headers['x-pagination-total-results']);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2, `${br.rawPayload.length} vs ${plain.rawPayload.length} bytes`);
    assert.deepEqual(brotliDecompressSync(br.rawPayload), plain.rawPayload);

    const gz = await get(search, { ...auth, 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.rawPayload), plain.rawPayload);

    const cors = await get(search, { ...auth, 'accept-encoding': 'gzip', origin: 'http://studio.test' });
    assert.deepEqual(varyNames(cors.headers.vary), ['origin', 'accept-encoding'], 'CORS and compression both vary the answer');
  });

  test('small answers and errors under 1 kB are sent as they are', async () => {
    const small = await get('/api/nope', { 'accept-encoding': 'br' });
    assert.equal(small.statusCode, 404);
    assert.equal(small.headers['content-encoding'], undefined);
    assert.equal(small.json().error.code, 'NOT_FOUND');
  });
});
