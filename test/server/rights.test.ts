/** Rights exactly as the seed says, authentication, and what a client (share) token may reach. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueToken } from '../../demo/server/auth.js';
import { API, newComment, testServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

const v = (n: number) => ({ op: 'test', path: '/version', value: n });
const edit = (id: number, token: string, version = 1, text = 'edited') =>
  s.call('PATCH', `${API}/an/${id}`, { token, body: [v(version), { op: 'replace', path: '/description', value: text }] });
const del = (ids: number[], token: string) => s.call('DELETE', `${API}/an/bulk`, { token, body: { actions: [{ action: 'DELETE', ids }] } });
const create = (token: string, extra: Record<string, unknown> = {}) =>
  s.call('POST', `${API}/mo/101/clip`, { token, body: newComment(extra) });

describe('authentication', () => {
  test('no token, a malformed header, an unknown token → 401 with WWW-Authenticate', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer nope.nope' }] as Record<string, string>[]) {
      const res = await s.call('GET', `${API}/me`, { headers });
      assert.equal(res.status, 401, res.text);
      assert.equal(res.body.error.code, 'UNAUTHORIZED');
      assert.equal(res.headers['www-authenticate'], 'Bearer');
    }
  });
  test('a wrong password is 401 without saying which part was wrong', async () => {
    const res = await s.call('POST', '/api/auth/login', { body: { email: 'artist@demo.test', password: 'nope' } });
    assert.equal(res.status, 401);
    assert.match(res.body.error.message, /wrong e-mail or password/);
    const unknown = await s.call('POST', '/api/auth/login', { body: { email: 'ghost@demo.test', password: 'x' } });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.message, res.body.error.message);
  });
  test('e-mail is case-insensitive; the token works; logout revokes it', async () => {
    const res = await s.call('POST', '/api/auth/login', { body: { email: 'Viewer@Demo.test', password: 'viewer' } });
    assert.equal(res.status, 200);
    assert.match(res.body.token, /^[\w-]{12}\.[\w-]{43}$/, '9 + 32 random bytes, base64url');
    assert.deepEqual(res.body.user, { id: 4, name: 'Vic Viewer', email: 'viewer@demo.test', avatarUrl: null, kind: 'studio' });
    assert.equal((await s.call('GET', `${API}/me`, { token: res.body.token })).status, 200);
    assert.equal((await s.call('POST', '/api/auth/logout', { token: res.body.token })).status, 204);
    assert.equal((await s.call('GET', `${API}/me`, { token: res.body.token })).status, 401);
  });
  test('a token with the right selector but a wrong secret is refused', async () => {
    const selector = s.tokens.viewer.split('.')[0];
    const res = await s.call('GET', `${API}/me`, { token: `${selector}.${'A'.repeat(43)}` });
    assert.equal(res.status, 401);
  });
  test('passwords are stored as scrypt hashes, tokens as SHA-256 of their secret', () => {
    const db = s.app.reviewContext.db;
    const hash = db.prepare('SELECT password_hash FROM users WHERE id = 1').pluck().get() as string;
    assert.match(hash, /^scrypt\$16384\$8\$1\$/);
    assert.ok(!s.dump().includes(s.tokens.producer.split('.')[1]), 'the token secret is not in the database');
  });
  test('repeated wrong passwords for one e-mail → 429 with Retry-After', async () => {
    let last;
    for (let i = 0; i < 11; i++)
      last = await s.call('POST', '/api/auth/login', { body: { email: 'supervisor@demo.test', password: 'wrong' } });
    assert.equal(last!.status, 429);
    assert.ok(Number(last!.headers['retry-after']) > 0);
  });
});

describe('comment rights (seed: REVIEW_EDIT own, REVIEW_EDIT_ALL any)', () => {
  test('me tells each user their rights', async () => {
    const me = async (t: string) => (await s.call('GET', `${API}/me`, { token: t })).body;
    assert.deepEqual((await me(s.tokens.artist)).rights, ['REVIEW_EDIT']);
    assert.deepEqual((await me(s.tokens.viewer)).rights, []);
    assert.equal((await me(s.tokens.producer)).share, null);
  });
  test('creating needs REVIEW_EDIT: a viewer and a member with REVIEW_EDIT_ALL only get 403; the demo supervisor writes', async () => {
    assert.equal((await create(s.tokens.viewer)).status, 403);
    assert.equal((await create(s.tokens.supervisor)).status, 201);
    const setSupervisorRights = (rights: string[]) =>
      s.app.reviewContext.db
        .prepare("UPDATE memberships SET rights = ? WHERE user_id = (SELECT id FROM users WHERE email = 'supervisor@demo.test')")
        .run(JSON.stringify(rights));
    setSupervisorRights(['REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT']);
    const editAllOnly = await create(s.tokens.supervisor);
    setSupervisorRights(['REVIEW_EDIT', 'REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT']);
    assert.equal(editAllOnly.status, 403);
    assert.match(editAllOnly.body.error.message, /REVIEW_EDIT/);
    assert.equal((await create(s.tokens.artist)).status, 201);
  });
  test('REVIEW_EDIT edits and deletes only its own comments', async () => {
    const mine = (await create(s.tokens.artist, { start: 20, end: 21, description: 'mine', mentionIds: [], tags: [] })).body;
    assert.equal((await edit(mine.id, s.tokens.artist)).status, 200);
    const samsComment = 5001;
    const refused = await edit(samsComment, s.tokens.artist);
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /only your own/);
    assert.equal((await del([samsComment], s.tokens.artist)).status, 403);
    assert.equal((await del([mine.id, samsComment], s.tokens.artist)).status, 403, 'all or nothing');
    const still = await s.call('GET', `${API}/an/search?fq=mediaObjectId:101&limit=1000`, { token: s.tokens.viewer });
    assert.ok(
      still.body.some((c: { id: number }) => c.id === mine.id),
      'the refused bulk delete removed nothing',
    );
    assert.deepEqual((await del([mine.id], s.tokens.artist)).body, { deleted: [mine.id], tombstoned: [] });
  });
  test("REVIEW_EDIT_ALL edits and deletes anyone's; deleting a root deletes its replies", async () => {
    const root = (await create(s.tokens.artist, { start: 30, end: 31, description: 'root', mentionIds: [], tags: [] })).body;
    const reply = (
      await create(s.tokens.producer, { start: 30, end: 31, description: 'reply', mentionIds: [], tags: [], relatedToId: root.id })
    ).body;
    assert.equal(reply.threadGroupId, root.id);
    assert.equal((await edit(root.id, s.tokens.supervisor)).body.version, 2);
    const res = await del([root.id], s.tokens.supervisor);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.deleted.sort(), [root.id, reply.id].sort());
  });
  test('viewer can neither edit nor delete', async () => {
    assert.equal((await edit(5003, s.tokens.viewer)).status, 403);
    assert.equal((await del([5003], s.tokens.viewer)).status, 403);
  });
});

describe('status, clips, settings rights', () => {
  const status = (token: string, value = 'APPROVED') =>
    s.call('PATCH', `${API}/an/203`, { token, body: [{ op: 'add', path: '/reviewStatus', value }] });
  test('REVIEW_STATUS_EDIT changes status; others get 403', async () => {
    assert.equal((await status(s.tokens.artist)).status, 403);
    assert.equal((await status(s.tokens.viewer)).status, 403);
    const ok = await status(s.tokens.supervisor);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.reviewStatus, 'APPROVED');
    assert.ok(ok.body.modified);
  });
  test('clip edits need SHARE_MANAGE', async () => {
    const body = [{ op: 'replace', path: '/reasonForReview', value: 'New reason' }];
    assert.equal((await s.call('PATCH', `${API}/mo/102`, { token: s.tokens.supervisor, body })).status, 403);
    const ok = await s.call('PATCH', `${API}/mo/102`, { token: s.tokens.producer, body });
    assert.equal(ok.body.reasonForReview, 'New reason');
    const bulk = await s.call('PATCH', `${API}/mo/bulk`, { token: s.tokens.producer, body: { ids: [101, 103], reasonForReview: 'Bulk' } });
    assert.deepEqual(
      bulk.body.map((c: { reasonForReview: string }) => c.reasonForReview),
      ['Bulk', 'Bulk'],
    );
    assert.equal((await s.call('GET', `${API}/mo/103`, { token: s.tokens.viewer })).body.reasonForReview, 'Bulk');
  });
  test('settings need SETTINGS_EDIT (production and organization)', async () => {
    const body = [{ op: 'replace', path: '/clientVersionName', value: 'name' }];
    assert.equal((await s.call('PATCH', `${API}/settings`, { token: s.tokens.supervisor, body })).status, 403);
    assert.equal(
      (await s.call('PATCH', '/api/org/settings', { token: s.tokens.artist, body: [{ op: 'replace', path: '/studioName', value: 'X' }] }))
        .status,
      403,
    );
    const ok = await s.call('PATCH', `${API}/settings`, { token: s.tokens.producer, body });
    assert.equal(ok.body.clientVersionName, 'name');
    const org = await s.call('PATCH', '/api/org/settings', {
      token: s.tokens.producer,
      body: [{ op: 'replace', path: '/accentColor', value: '#123456' }],
    });
    assert.equal(org.body.accentColor, '#123456');
    assert.equal((await s.call('GET', '/api/org/settings', { token: s.tokens.viewer })).body.accentColor, '#123456');
    await s.call('PATCH', `${API}/settings`, {
      token: s.tokens.producer,
      body: [{ op: 'replace', path: '/clientVersionName', value: 'clientName' }],
    });
  });
  test('playlist reorder needs SHARE_MANAGE', async () => {
    const move = [{ op: 'move', from: '/clipIds/0', path: '/clipIds/1' }];
    assert.equal((await s.call('PATCH', `${API}/playlist/302`, { token: s.tokens.artist, body: move })).status, 403);
    const ok = await s.call('PATCH', `${API}/playlist/302`, { token: s.tokens.producer, body: move });
    assert.deepEqual(ok.body.clipIds, [103, 102]);
    const bad = await s.call('PATCH', `${API}/playlist/302`, {
      token: s.tokens.producer,
      body: [{ op: 'add', path: '/clipIds/-', value: 103 }],
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, 'clipIds');
  });
});

describe('client (share session) tokens', () => {
  let client: string;
  before(() => {
    const { repo } = s.app.reviewContext;
    repo.db.prepare(`INSERT INTO users (id, name, email, kind) VALUES (900, 'Casey Client', 'casey@client.test', 'client')`).run();
    client = repo.tx(() =>
      issueToken(repo, {
        userId: 900,
        productionId: 'demo',
        rights: ['REVIEW_EDIT'],
        scope: { shareId: 1, playlistId: 302, commentsVisible: true, commentsCreate: true, allowDownload: false, allowStatusChange: false },
      }),
    );
  });
  test("reach only the playlist's clips, under the client name, without source download", async () => {
    const clips = (await s.call('GET', `${API}/mo`, { token: client })).body;
    assert.deepEqual(clips.map((c: { id: number }) => c.id).sort(), [102, 103]);
    assert.ok(
      clips.every((c: { sourceUrl: unknown; name: string; clientName: string }) => c.sourceUrl === null && c.name === c.clientName),
    );
    assert.equal((await s.call('GET', `${API}/mo/101`, { token: client })).status, 404);
    assert.equal((await s.call('GET', `${API}/an/search?fq=mediaObjectId:101`, { token: client })).status, 404);
    assert.deepEqual(
      (await s.call('GET', `${API}/playlist`, { token: client })).body.map((p: { id: number }) => p.id),
      [302],
    );
    // The studio people on the share only (test/server/share-mentions.test.ts): the authors of its notes, no e-mails.
    assert.deepEqual(
      (await s.call('GET', `${API}/users?q=a`, { token: client })).body.map((u: { name: string; email?: string }) => [u.name, u.email]),
      [
        ['Alex Artist', undefined],
        ['Sam Supervisor', undefined],
      ],
    );
  });
  test('never see internal comments and cannot create them', async () => {
    const internal = await s.call('POST', `${API}/mo/102/clip`, {
      token: s.tokens.producer,
      body: newComment({ mediaObjectId: 102, description: 'studio only', mentionIds: [], tags: [], customFields: { internal: true } }),
    });
    assert.equal(internal.status, 201);
    const seen = (await s.call('GET', `${API}/an/search?fq=mediaObjectId:102`, { token: client })).body;
    assert.ok(!seen.some((c: { id: number }) => c.id === internal.body.id));
    assert.ok(
      seen.some((c: { id: number }) => c.id === 5005),
      'public comments are visible',
    );
    const own = await s.call('POST', `${API}/mo/102/clip`, {
      token: client,
      body: newComment({ mediaObjectId: 102, description: 'x', mentionIds: [], tags: [], customFields: { internal: true } }),
    });
    assert.equal(own.status, 403);
    const ok = await s.call('POST', `${API}/mo/102/clip`, {
      token: client,
      body: newComment({ mediaObjectId: 102, description: 'Client note', mentionIds: [], tags: [] }),
    });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.creatorName, 'Casey Client');
    assert.equal((await s.call('PATCH', `${API}/an/${internal.body.id}`, { token: client, body: [v(1)] })).status, 404);
  });
});
