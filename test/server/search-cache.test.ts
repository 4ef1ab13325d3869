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
import type { CommentCustomFields } from '../../src/contract/types.js';
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

describe("the answer built by SQLite is toComment's, byte for byte", () => {
  test('every field, odd text, numbers, a creator without a name, a client creator, every sort, any page', async () => {
    const { repo } = s.app.reviewContext;
    const odd = ['tab\there, newline\nthere', 'quote " backslash \\ slash /', 'nul \u0000 del \u007f', 'é 日本 😀 \u2028\u2029', ''];
    const clientId = repo.nextId('user');
    repo.db.prepare("INSERT INTO users (id, name, email, kind) VALUES (?, 'Casey', NULL, 'client')").run(clientId);
    repo.tx(() =>
      odd.forEach((text, i) => {
        const id = repo.nextId('annotation');
        repo.insertComment('demo', {
          id,
          objectType: 'ClipAnnotation',
          funnel: 'ReviewComment',
          mediaObjectId: 101,
          description: text,
          mentionIds: i % 2 ? [2, 3] : [],
          tags: i % 2 ? [text || 'empty', 'grade'] : [],
          spatial: i % 2 ? 'xywh=percent:12.5,40,0,0' : null,
          uiLocation: null,
          relatedToId: i === 4 ? id - 1 : null,
          threadGroupId: i === 4 ? id - 1 : id,
          start: 90 - i,
          end: 91 - i,
          creatorId: i === 3 ? clientId : i === 2 ? 999 : 1,
          creatorName: [null, '', 'Pat Producer', text, undefined][i] ?? undefined,
          created: `2026-12-0${i + 1}T10:00:00.${i}00Z`,
          modified: `2026-12-0${i + 1}T10:00:00.${i}00Z`,
          version: i + 1,
          customFields: (
            [
              {},
              { internal: true },
              {
                drawing: {
                  shapes: [
                    {
                      type: 'pen',
                      color: '#fff',
                      width: 2.5,
                      points: [
                        [0.30000000000000004, 1e-7],
                        [0.5, 1],
                      ],
                    },
                  ],
                },
              },
              { note: text, n: 1e21, list: [1.5, -2, null, true] },
              { deleted: true },
            ] satisfies CommentCustomFields[]
          )[i],
        });
      }),
    );
    const clip101 = [{ sql: '(media_object_id = ?)', params: [101] }];
    for (const where of [[], clip101]) {
      for (const order of ['start ASC, id ASC', 'start DESC, id DESC', 'created ASC, id ASC', 'created DESC, id DESC']) {
        for (const [offset, limit] of [
          [0, 1000],
          [2, 3],
          [50, 10],
        ]) {
          const built = repo.searchCommentsJson('demo', where, order, offset, limit);
          const page = repo.searchComments('demo', where, order, offset, limit);
          assert.equal(built.json, JSON.stringify(page.items), `${JSON.stringify(where)} ${order} ${offset}/${limit}`);
          assert.equal(built.total, page.total);
        }
      }
    }
    const http = await search(s.tokens.producer, `${CLIP_101}&limit=1000`);
    assert.equal(http.text, JSON.stringify(repo.searchComments('demo', clip101, 'start ASC, id ASC', 0, 1000).items));
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
