/**
 * The comment search's kept answers (demo/server/answer-cache.ts; docs/performance.md, "Comment search on
 * the reference server"): every write shows in the next search, a caller never gets an answer built for
 * other rights, and `If-None-Match` answers 304 only while the answer is unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, newComment, testServer, type JsonBody, type TestServer } from './helpers.js';

const CLIP_101 = `${API}/an/search?fq=mediaObjectId:101&sort=start%20ASC`;

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

const search = async (token: string, url = CLIP_101, headers: Record<string, string> = {}) => {
  const res = await s.call('GET', url, { token, headers });
  assert.equal(res.status, 200, res.text);
  return res;
};
const notes = async (token: string, url = CLIP_101): Promise<JsonBody[]> => (await search(token, url)).body;
const byId = (list: JsonBody[], id: number) => list.find((c) => c.id === id);

async function clientToken(settings: Record<string, unknown> = {}): Promise<string> {
  const sh = await s.call('POST', `${API}/playlist/301/share`, {
    token: s.tokens.producer,
    body: { settings: { requirePassword: false, ...settings } },
  });
  assert.equal(sh.status, 201, sh.text);
  const session = await s.app.inject({ method: 'POST', url: `/api/share/${sh.body.token}/session`, payload: {} });
  assert.equal(session.statusCode, 200, session.body);
  return session.json().token;
}

describe('a write shows in the next search', () => {
  test('create, edit, drawing, delete: each shows in the search that follows, the total too', async () => {
    const producer = s.tokens.producer;
    const first = await search(producer);
    const total = Number(first.headers['x-pagination-total-results']);
    await search(producer); // answered from what was kept

    const created = await s.call('POST', `${API}/mo/101/clip`, {
      token: producer,
      body: newComment({ description: 'Kept answers? #{comp}' }),
    });
    assert.equal(created.status, 201, created.text);
    const afterCreate = await search(producer);
    assert.equal(afterCreate.headers['x-pagination-total-results'], String(total + 1));
    assert.equal(byId(afterCreate.body, created.body.id)?.description, 'Kept answers? #{comp}');

    const edit = await s.call('PATCH', `${API}/an/${created.body.id}`, {
      token: producer,
      body: [
        { op: 'test', path: '/version', value: 1 },
        { op: 'replace', path: '/description', value: 'Edited after it was searched #{comp}' },
      ],
    });
    assert.equal(edit.status, 200, edit.text);
    const edited = byId(await notes(producer), created.body.id);
    assert.equal(edited.description, 'Edited after it was searched #{comp}');
    assert.equal(edited.version, 2);

    const drawing = {
      shapes: [
        {
          type: 'line',
          color: '#ff3b30',
          width: 3,
          points: [
            [0.1, 0.1],
            [0.5, 0.5],
          ],
        },
      ],
    };
    const draw = await s.call('PATCH', `${API}/an/${created.body.id}`, {
      token: producer,
      body: [{ op: 'add', path: '/customFields/drawing', value: drawing }],
    });
    assert.equal(draw.status, 200, draw.text);
    assert.deepEqual(byId(await notes(producer), created.body.id).customFields.drawing, drawing);

    const del = await s.call('DELETE', `${API}/an/bulk`, {
      token: producer,
      body: { actions: [{ action: 'DELETE', ids: [created.body.id] }] },
    });
    assert.equal(del.status, 200, del.text);
    const afterDelete = await search(producer);
    assert.equal(byId(afterDelete.body, created.body.id), undefined);
    assert.equal(afterDelete.headers['x-pagination-total-results'], String(total));
  });

  test('every page of a clip follows an edit, not just the page that was asked again', async () => {
    const producer = s.tokens.producer;
    const page = (offset: number) => `${CLIP_101}&offset=${offset}&limit=1`;
    const before = await Promise.all([0, 1, 2].map((o) => notes(producer, page(o))));
    const target = before[2][0];
    const edit = await s.call('PATCH', `${API}/an/${target.id}`, {
      token: producer,
      body: [{ op: 'replace', path: '/description', value: 'Changed on the third page' }],
    });
    assert.equal(edit.status, 200, edit.text);
    assert.equal((await notes(producer, page(2)))[0].description, 'Changed on the third page');
  });

  test('a write by another connection to the database shows too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-cache-'));
    const other = await testServer({ dbFile: join(dir, 'review.db') });
    try {
      const url = CLIP_101;
      const list = (await other.call('GET', url, { token: other.tokens.producer })).body as JsonBody[];
      assert.ok(list.length > 0);
      const db = new Database(join(dir, 'review.db'));
      db.prepare('UPDATE comments SET description = ? WHERE id = ?').run('Written by another process', list[0].id);
      db.close();
      const again = (await other.call('GET', url, { token: other.tokens.producer })).body as JsonBody[];
      assert.equal(byId(again, list[0].id).description, 'Written by another process');
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("rights are part of the answer's key", () => {
  test("a share client's search after the studio's (and the other way round) never shows an internal note", async () => {
    const internal = (list: JsonBody[]) => list.filter((c) => c.customFields.internal);
    assert.ok(internal(await notes(s.tokens.producer)).length > 0, 'the studio sees the internal note');
    const client = await clientToken();
    const seen = await search(client);
    assert.deepEqual(internal(seen.body), []);
    assert.equal(seen.headers['x-pagination-total-results'], String(seen.body.length));
    assert.ok(internal(await notes(s.tokens.viewer)).length > 0, 'another studio member still sees it');
    assert.deepEqual(internal(await notes(client)), []);
  });

  test('a share that hides notes gets none, whatever was searched before', async () => {
    assert.ok((await notes(s.tokens.producer)).length > 0);
    assert.ok((await notes(await clientToken())).length > 0);
    const hidden = await search(await clientToken({ commentsVisible: false }));
    assert.deepEqual(hidden.body, []);
    assert.equal(hidden.headers['x-pagination-total-results'], '0');
  });
});

describe('ETag and 304', () => {
  test('If-None-Match with the ETag answers 304 without a body until a comment changes, then 200 with the change', async () => {
    const producer = s.tokens.producer;
    const first = await search(producer);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    assert.equal(first.headers['cache-control'], 'private, no-cache');

    const same = await s.call('GET', CLIP_101, { token: producer, headers: { 'if-none-match': etag } });
    assert.equal(same.status, 304);
    assert.equal(same.text, '');
    assert.equal(same.headers.etag, etag);

    const target = first.body[0];
    const edit = await s.call('PATCH', `${API}/an/${target.id}`, {
      token: producer,
      body: [{ op: 'replace', path: '/description', value: 'Changed since the ETag' }],
    });
    assert.equal(edit.status, 200, edit.text);
    const changed = await s.call('GET', CLIP_101, { token: producer, headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.equal(byId(changed.body, target.id).description, 'Changed since the ETag');
  });

  test("a client sending the studio's ETag gets its own answer, not a 304", async () => {
    const studio = await search(s.tokens.producer);
    const client = await s.call('GET', CLIP_101, { token: await clientToken(), headers: { 'if-none-match': String(studio.headers.etag) } });
    assert.equal(client.status, 200);
    assert.ok(client.body.length < studio.body.length, 'the client sees fewer notes (no internal one)');
  });

  test('an encoded answer has an ETag of its own and is the same JSON', async () => {
    const url = `${API}/an/search?fq=funnel:ReviewComment&limit=1000`;
    const plain = await search(s.tokens.producer, url);
    const res = await s.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${s.tokens.producer}`, 'accept-encoding': 'gzip' },
    });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers.etag, String(plain.headers.etag).replace(/"$/, '-gzip"'));
    const { gunzipSync } = await import('node:zlib');
    assert.equal(gunzipSync(res.rawPayload).toString('utf8'), plain.text);
  });
});
