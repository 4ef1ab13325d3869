/**
 * Issue 22, item 4: whom a client on a share may mention. `GET /users?q=` answers a share session with the
 * studio people on that share — who shared it and the authors of the notes it shows — by name, without
 * e-mail addresses; never other studio users, internal-only authors or other clients.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { issueToken } from '../../demo/server/auth.js';
import { API, newComment, testServer, type TestServer } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'review-share-mentions-'));
process.env.OUTBOX_DIR = join(tmp, 'outbox');
delete process.env.SMTP_URL;
after(() => rmSync(tmp, { recursive: true, force: true }));

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

async function clientOf(settings: Record<string, unknown>, name: string): Promise<string> {
  // Playlist 302 holds clips 102 (a note by Sam) and 103 (a note by Alex); Pat shares it.
  const created = await s.call('POST', `${API}/playlist/302/share`, {
    token: s.tokens.producer,
    body: { settings: { requirePassword: false, ...settings } },
  });
  assert.equal(created.status, 201, created.text);
  const res = await s.app.inject({ method: 'POST', url: `/api/share/${created.body.token}/session`, payload: { name } });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { token: string }).token;
}

const names = (body: Array<{ name: string }>) => body.map((u) => u.name);

describe('GET /users for a share session (client mentions)', () => {
  let client: string;
  before(async () => {
    const { repo } = s.app.reviewContext;
    // A studio member whose only note on the shared clips is internal, and one with no note there.
    repo.db.prepare(`INSERT INTO users (id, name, email, kind) VALUES (910, 'Ivy Internal', 'ivy@demo.test', 'studio')`).run();
    repo.db.prepare(`INSERT INTO memberships (production_id, user_id, rights) VALUES ('demo', 910, '["REVIEW_EDIT"]')`).run();
    const ivy = repo.tx(() => issueToken(repo, { userId: 910, productionId: 'demo' }));
    const internal = await s.call('POST', `${API}/mo/102/clip`, {
      token: ivy,
      body: newComment({ mediaObjectId: 102, description: 'studio only', mentionIds: [], tags: [], customFields: { internal: true } }),
    });
    assert.equal(internal.status, 201, internal.text);
    client = await clientOf({ commentsVisible: true, commentsCreate: true }, 'Casey Client');
    // Another client of the share writes a note: a client never finds another client.
    const other = await clientOf({ commentsVisible: true, commentsCreate: true }, 'Olga Other');
    const note = await s.call('POST', `${API}/mo/102/clip`, {
      token: other,
      body: newComment({ mediaObjectId: 102, description: 'from Olga', mentionIds: [], tags: [] }),
    });
    assert.equal(note.status, 201, note.text);
  });

  test('lists who shared it and the authors of the notes it shows, by name, without e-mail addresses', async () => {
    const res = await s.call('GET', `${API}/users?q=`, { token: client });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(names(res.body), ['Alex Artist', 'Pat Producer', 'Sam Supervisor']);
    for (const u of res.body) {
      assert.equal(u.kind, 'studio');
      assert.equal(u.email, undefined, `no e-mail for ${u.name}`);
    }
    assert.ok(!res.text.includes('@demo.test') && !res.text.includes('@client.test'), res.text);
  });

  test('matches names only: an e-mail fragment finds nobody; other studio users and clients are never found', async () => {
    assert.deepEqual(names((await s.call('GET', `${API}/users?q=sam`, { token: client })).body), ['Sam Supervisor']);
    assert.deepEqual((await s.call('GET', `${API}/users?q=demo.test`, { token: client })).body, []);
    for (const q of ['vic', 'ivy', 'olga', 'casey']) {
      assert.deepEqual((await s.call('GET', `${API}/users?q=${q}`, { token: client })).body, [], q);
    }
  });

  test('a share that hides notes lets its clients mention only who shared it', async () => {
    const hidden = await clientOf({ commentsVisible: false, commentsCreate: true }, 'Hana Hidden');
    assert.deepEqual(names((await s.call('GET', `${API}/users?q=`, { token: hidden })).body), ['Pat Producer']);
  });

  test('a client may mention the people it finds, and no one else (400 naming mentionIds)', async () => {
    const ok = await s.call('POST', `${API}/mo/102/clip`, {
      token: client,
      body: newComment({ mediaObjectId: 102, description: 'Thanks @{1,Pat Producer}', mentionIds: [1], tags: [] }),
    });
    assert.equal(ok.status, 201, ok.text);
    const vic = await s.call('POST', `${API}/mo/102/clip`, {
      token: client,
      body: newComment({ mediaObjectId: 102, description: 'Hi @{4,Vic Viewer}', mentionIds: [4], tags: [] }),
    });
    assert.equal(vic.status, 400, vic.text);
    assert.equal(vic.body.error.field, 'mentionIds');
    const edit = await s.call('PATCH', `${API}/an/${ok.body.id}`, {
      token: client,
      body: [
        { op: 'replace', path: '/description', value: 'Hi @{910,Ivy Internal}' },
        { op: 'replace', path: '/mentionIds', value: [910] },
      ],
    });
    assert.equal(edit.status, 400, edit.text);
  });

  test('studio users still search the whole studio, e-mail included', async () => {
    const res = await s.call('GET', `${API}/users?q=demo.test`, { token: s.tokens.artist });
    assert.ok(names(res.body).includes('Vic Viewer') && names(res.body).includes('Ivy Internal'), res.text);
    assert.ok(res.body.every((u: { email?: string }) => typeof u.email === 'string'));
  });
});
