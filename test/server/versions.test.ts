/**
 * Issue 20, versions: `GET /production/:pid/mo/:moId/versions` over HTTP — newest first, shaped and signed as
 * a clip, a client sees only the versions inside its share, and an older database gains the columns.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate, Repo } from '../../demo/server/db.js';
import { MIGRATIONS } from '../../demo/server/migrations.js';
import { API, testServer, type JsonBody, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

const ids = (body: JsonBody) => (body as Array<{ id: number }>).map((c) => c.id);

async function clientOf(playlist: number, settings: Record<string, unknown> = {}): Promise<string> {
  const share = await s.call('POST', `${API}/playlist/${playlist}/share`, {
    token: s.tokens.producer,
    body: { settings: { requirePassword: false, allowDownload: false, ...settings } },
  });
  assert.equal(share.status, 201, share.text);
  const session = await s.call('POST', `/api/share/${share.body.token}/session`, { body: { name: 'Casey Client' } });
  assert.equal(session.status, 200, session.text);
  return session.body.token;
}

describe('GET /mo/:moId/versions', () => {
  test('lists the shot’s versions newest first, each as GET /mo/:moId answers it', async () => {
    const res = await s.call('GET', `${API}/mo/105/versions`, { token: s.tokens.viewer });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(ids(res.body), [101, 106, 105]);
    assert.deepEqual(
      res.body.map((c: JsonBody) => [c.entityType, c.entityId, c.entityName, c.versionNumber]),
      [
        ['Shot', 1010, 'hm_010_0040', 12],
        ['Shot', 1010, 'hm_010_0040', 11],
        ['Shot', 1010, 'hm_010_0040', 10],
      ],
    );
    const one = await s.call('GET', `${API}/mo/106`, { token: s.tokens.viewer });
    const { media: listed, thumbnailUrl: _t, sourceUrl: _s, ...rest } = res.body[1];
    const { media: single, thumbnailUrl: _t2, sourceUrl: _s2, ...restOne } = one.body;
    assert.deepEqual(rest, restOne);
    // Signed media URLs, as on every clip answer (the signature differs by time, the path does not).
    assert.match(listed.url, /\/media\/hm_010_0040_v011_24fps\.mp4\?/);
    assert.equal(listed.url.split('?')[0], single.url.split('?')[0]);
  });

  test('a clip of one version answers itself; unknown clips 404; no token 401', async () => {
    assert.deepEqual(ids((await s.call('GET', `${API}/mo/103/versions`, { token: s.tokens.viewer })).body), [103]);
    assert.equal((await s.call('GET', `${API}/mo/999999/versions`, { token: s.tokens.viewer })).status, 404);
    assert.equal((await s.call('GET', `${API}/mo/101/versions`, { token: null })).status, 401);
  });

  test('a client compares only when its share allows it (off by default)', async () => {
    const plain = await clientOf(301);
    const me = await s.call('GET', `${API}/me`, { token: plain });
    assert.equal(me.body.share.allowCompare, false);
    const compare = await clientOf(301, { allowCompare: true });
    assert.equal((await s.call('GET', `${API}/me`, { token: compare })).body.share.allowCompare, true);
    const added = await s.call('PATCH', `${API}/playlist/302`, {
      token: s.tokens.producer,
      body: [{ op: 'add', path: '/clipIds/-', value: 107 }],
    });
    assert.equal(added.status, 200, added.text);
    const off = await clientOf(302);
    const on = await clientOf(302, { allowCompare: true });
    assert.deepEqual(ids((await s.call('GET', `${API}/mo/102/versions`, { token: off })).body), [102]);
    assert.deepEqual(ids((await s.call('GET', `${API}/mo/102/versions`, { token: on })).body), [102, 107]);
    const bad = await s.call('POST', `${API}/playlist/301/share`, {
      token: s.tokens.producer,
      body: { settings: { requirePassword: false, allowCompare: 'yes' } },
    });
    assert.equal(bad.status, 400, bad.text);
  });

  test('a client sees only the versions inside its share, never one outside it', async () => {
    const client = await clientOf(301, { allowCompare: true });
    const res = await s.call('GET', `${API}/mo/101/versions`, { token: client });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(ids(res.body), [101]);
    // A version outside the share is not there at all: 404, as any clip outside the share.
    assert.equal((await s.call('GET', `${API}/mo/105/versions`, { token: client })).status, 404);
    assert.equal((await s.call('GET', `${API}/mo/106`, { token: client })).status, 404);

    // Put v011 in the playlist: now the client sees v012 and v011, still not v010.
    const added = await s.call('PATCH', `${API}/playlist/301`, {
      token: s.tokens.producer,
      body: [{ op: 'add', path: '/clipIds/-', value: 106 }],
    });
    assert.equal(added.status, 200, added.text);
    const both = await s.call('GET', `${API}/mo/106/versions`, { token: client });
    assert.equal(both.status, 200, both.text);
    assert.deepEqual(ids(both.body), [101, 106]);
    assert.ok(!JSON.stringify(both.body).includes('hm_010_0040_v010'), 'nothing of v010 reaches the client');
    // Shaped for the client: the client version name, no source without download.
    assert.equal(both.body[1].name, 'Hyperspace jump — v11');
    assert.equal(both.body[1].sourceUrl, null);
  });
});

describe('migration 5', () => {
  test('a database of version 4 gains the version columns; its clips stay, versions of none', () => {
    const db = new Database(':memory:');
    try {
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 4),
      );
      assert.equal(db.prepare(`SELECT 1 FROM pragma_table_info('clips') WHERE name = 'version_number'`).get(), undefined);
      db.prepare(`INSERT INTO productions (id, settings) VALUES ('p', '{}')`).run();
      db.prepare(`INSERT INTO clips (id, production_id, name, media, position) VALUES (7, 'p', 'old_v001', '{"url":"/m.mp4"}', 0)`).run();
      migrate(db, MIGRATIONS);
      assert.equal(db.pragma('user_version', { simple: true }), Math.max(...MIGRATIONS.map((m) => m.version)));
      assert.ok(db.prepare(`SELECT 1 FROM pragma_table_info('clips') WHERE name = 'version_number'`).get(), 'the version columns');
      const repo = new Repo(db);
      const clip = repo.clip('p', 7)!;
      assert.equal(clip.name, 'old_v001');
      assert.equal('entityId' in clip, false);
      assert.deepEqual(
        repo.versions('p', clip).map((c) => c.id),
        [7],
      );
    } finally {
      db.close();
    }
  });
});
