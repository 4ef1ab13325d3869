/** Media with HTTP Range, search/export answers, CORS, the portal fallback and the OpenAPI document. */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { openApiText } from '../../demo/server/write-openapi.js';
import { API, testServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await testServer({ corsOrigins: ['http://studio.test'] });
});
after(() => s.close());

const MP4 = 'demo/media/hm_010_0040_24fps.mp4';
const size = statSync(MP4).size;
/** A media URL signed for the viewer's session, as a clip answer carries it (media-urls.ts). */
const signed = (path: string) => s.app.reviewContext.media.sign(path, `t.${s.tokens.viewer.split('.')[0]}`, 'v', Date.now() + 60_000);

describe('media with HTTP Range', () => {
  test('a whole file advertises byte ranges', async () => {
    const clip = await s.call('GET', `${API}/mo/101`, { token: s.tokens.viewer });
    const res = await s.app.inject({ method: 'GET', url: clip.body.media.url });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['accept-ranges'], 'bytes');
    assert.equal(res.headers['content-type'], 'video/mp4');
    assert.equal(Number(res.headers['content-length']), size);
    assert.deepEqual(res.rawPayload, readFileSync(MP4));
  });
  test('bytes=a-b, bytes=a- and bytes=-n answer 206 with the exact bytes', async () => {
    const file = readFileSync(MP4);
    for (const [range, start, end] of [
      ['bytes=100-199', 100, 199],
      [`bytes=${size - 10}-`, size - 10, size - 1],
      ['bytes=-50', size - 50, size - 1],
      [`bytes=0-${size + 100}`, 0, size - 1],
    ] as const) {
      const res = await s.app.inject({ method: 'GET', url: signed('/media/hm_010_0040_24fps.mp4'), headers: { range } });
      assert.equal(res.statusCode, 206, range);
      assert.equal(res.headers['content-range'], `bytes ${start}-${end}/${size}`);
      assert.equal(Number(res.headers['content-length']), end - start + 1);
      assert.deepEqual(res.rawPayload, file.subarray(start, end + 1), range);
    }
  });
  test('a range past the end is 416 with the size', async () => {
    const res = await s.app.inject({ method: 'GET', url: signed('/media/hm_010_0040_24fps.mp4'), headers: { range: `bytes=${size}-` } });
    assert.equal(res.statusCode, 416);
    assert.equal(res.headers['content-range'], `bytes */${size}`);
  });
  test('HEAD gives the headers without the body', async () => {
    const res = await s.app.inject({ method: 'HEAD', url: signed('/media/hm_key_art.png') });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/png');
    assert.equal(res.body, '');
  });
  test('unknown files and paths escaping the media folder are 404', async () => {
    for (const url of ['/media/nope.mp4', '/media/..%2Fserver%2Fapp.ts', '/media/%2e%2e/fixture.ts']) {
      const res = await s.app.inject({ method: 'GET', url: signed(url) });
      assert.equal(res.statusCode, 404, url);
    }
  });
});

describe('search and export answers', () => {
  test('repeated fq are ANDed; total in X-Pagination-Total-Results; sort and paging', async () => {
    const res = await s.call('GET', `${API}/an/search?fq=mediaObjectId:101&fq=funnel:ReviewComment&sort=start%20ASC&offset=0&limit=2`, {
      token: s.tokens.viewer,
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-pagination-total-results'], '4');
    assert.deepEqual(
      res.body.map((c: { id: number }) => c.id),
      [5001, 5002],
    );
    const byCreator = await s.call('GET', `${API}/an/search?fq=mediaObjectId:101&fq=creatorId:2`, { token: s.tokens.viewer });
    assert.deepEqual(
      byCreator.body.map((c: { id: number }) => c.id),
      [5001, 5004],
    );
    const byTag = await s.call('GET', `${API}/an/search?fq=tags:grade`, { token: s.tokens.viewer });
    assert.deepEqual(
      byTag.body.map((c: { id: number }) => c.id),
      [5003],
    );
    const roots = await s.call('GET', `${API}/an/search?fq=mediaObjectId:101&fq=relatedToId:null&sort=start%20DESC`, {
      token: s.tokens.viewer,
    });
    assert.deepEqual(
      roots.body.map((c: { id: number }) => c.id),
      [5004, 5003, 5001],
    );
    const other = await s.call('GET', `${API}/an/search?fq=funnel:Other`, { token: s.tokens.viewer });
    assert.equal(other.headers['x-pagination-total-results'], '0');
  });
  test('export files carry their type and a file name', async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: `${API}/mo/101/comments/export?format=srt`,
      headers: { authorization: `Bearer ${s.tokens.viewer}` },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/x-subrip/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="hm_010_0040_comp_v012-comments\.srt"/);
    assert.match(res.body, /^1\n00:00:00,500 --> 00:00:00,542\nSam Supervisor: Edge of the ship/);
    const json = await s.app.inject({
      method: 'GET',
      url: `${API}/mo/101/comments/export?format=json`,
      headers: { authorization: `Bearer ${s.tokens.viewer}` },
    });
    assert.equal(JSON.parse(json.body).length, 4, 'the JSON export is the list itself, not a JSON string');
  });
});

describe('CORS', () => {
  test('an allowed origin gets CORS headers and preflights answer 204', async () => {
    const pre = await s.app.inject({
      method: 'OPTIONS',
      url: `${API}/an/42`,
      headers: {
        origin: 'http://studio.test',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers['access-control-allow-origin'], 'http://studio.test');
    assert.match(String(pre.headers['access-control-allow-methods']), /PATCH/);
    assert.match(String(pre.headers['access-control-allow-headers']), /Authorization/);
    const get = await s.app.inject({
      method: 'GET',
      url: `${API}/an/search`,
      headers: { origin: 'http://studio.test', authorization: `Bearer ${s.tokens.viewer}` },
    });
    assert.match(String(get.headers['access-control-expose-headers']), /X-Pagination-Total-Results/);
    assert.match(
      String(get.headers['access-control-expose-headers']),
      /X-Pagination-Offset/,
      'a page on another origin reads the offset too',
    );
  });
  test('another origin gets no CORS headers', async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: `${API}/me`,
      headers: { origin: 'http://evil.test', authorization: `Bearer ${s.tokens.viewer}` },
    });
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });
});

describe('portal and documents', () => {
  test('without demo/dist, / lists the logins and the API base; unknown pages are 404', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /producer@demo\.test/);
    assert.match(res.body, /\/api\/openapi\.json/);
    assert.equal((await s.app.inject({ method: 'GET', url: '/nope' })).statusCode, 404);
    const api404 = await s.app.inject({ method: 'GET', url: '/api/nope' });
    assert.equal(api404.statusCode, 404);
    assert.equal(api404.json().error.code, 'NOT_FOUND');
  });
  test('/favicon.ico answers 204, so the server-made pages log no 404 in the browser console', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/favicon.ico' });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
  });
  test('docs/openapi.json is up to date (npm run openapi) and every $ref resolves', async () => {
    const text = await openApiText();
    assert.equal(readFileSync('docs/openapi.json', 'utf8'), text, 'run npm run openapi');
    const doc = JSON.parse(text);
    assert.equal(doc.openapi, '3.1.0');
    const refs = [...text.matchAll(/"\$ref": "#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    for (const r of refs) assert.ok(doc.components.schemas[r], `missing schema ${r}`);
    assert.ok(!/"\$ref": "(?!#)/.test(text), 'no unresolved shared-schema refs');
    for (const path of [
      '/auth/login',
      '/production/{pid}/an/search',
      '/production/{pid}/an/{anId}',
      '/production/{pid}/events',
      '/org/settings',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    const search = doc.paths['/production/{pid}/an/search'].get;
    assert.ok(search.parameters.some((p: { name: string; explode?: boolean }) => p.name === 'fq' && p.explode));
    assert.ok(search.responses['200'].headers['X-Pagination-Total-Results']);
  });
});
