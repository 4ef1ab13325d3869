/**
 * Issue 25, notifications: who is told (mentions, replies, status changes, client notes; never the actor,
 * never a client about an internal note), the e-mail digest in the outbox (one per person, the clip's thumbnail
 * and a link to the frame, batched by the person's frequency on the server's clock), and the unsubscribe link.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startServer } from '../../demo/server/app.js';
import { RestReviewApi } from '../../src/client/rest-review-api.js';
import type { NewClipAnnotation } from '../../src/contract/types.js';
import { API, newComment, testServer, type JsonBody, type TestServer } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'review-notifications-'));
const outboxDir = join(tmp, 'outbox');
process.env.OUTBOX_DIR = outboxDir;
delete process.env.SMTP_URL;
after(() => rmSync(tmp, { recursive: true, force: true }));

interface OutboxMail {
  id: string;
  to: { email: string };
  subject: string;
  text: string;
  html: string;
  files: { eml: string };
}

let s: TestServer;
let clock = Date.parse('2026-12-07T10:00:00Z');
const seen = new Set<string>();

/** The mails that reached the outbox since the last call. */
async function newMail(): Promise<OutboxMail[]> {
  const res = await s.call('GET', '/api/dev/outbox', { token: s.tokens.producer });
  assert.equal(res.status, 200, res.text);
  const fresh = (res.body.messages as OutboxMail[]).filter((m) => !seen.has(m.id)).reverse();
  for (const m of fresh) seen.add(m.id);
  return fresh;
}

const digest = () => s.app.reviewContext.notifier!.runDigest();
const list = async (token: string) => {
  const res = await s.call('GET', `${API}/notifications`, { token });
  assert.equal(res.status, 200, res.text);
  return res.body as { items: JsonBody[]; unread: number };
};
const post = async (token: string, body: Record<string, unknown>) => {
  const res = await s.call('POST', `${API}/mo/${body.mediaObjectId ?? 101}/clip`, { token, body: newComment(body) });
  assert.equal(res.status, 201, res.text);
  return res.body;
};
const setDigest = async (token: string, digest: string) => {
  const res = await s.call('PUT', `${API}/notifications/preferences`, { token, body: { digest } });
  assert.equal(res.status, 200, res.text);
};
const readAll = async () => {
  for (const t of Object.values(s.tokens)) await s.call('POST', `${API}/notifications/read`, { token: t, body: { all: true } });
  await digest();
  await newMail();
};

before(async () => {
  s = await testServer({ notifications: { now: () => clock, digestIntervalMs: 0 } });
  await newMail();
});
after(() => s.close());
beforeEach(readAll);

describe('a mention', () => {
  test('→ exactly one digest e-mail, to the person mentioned, with the thumbnail of the clip and a link to the frame', async () => {
    const note = await post(s.tokens.artist, { description: 'Check the matte @{2,Sam Supervisor}', mentionIds: [2], start: 10, end: 11 });
    assert.equal(await digest(), 1);
    const mails = await newMail();
    assert.equal(mails.length, 1, JSON.stringify(mails.map((m) => [m.to, m.subject])));
    const [mail] = mails;
    assert.equal(mail.to.email, 'supervisor@demo.test');
    assert.match(mail.subject, /Alex Artist mentioned you on hm_010_0040/);
    assert.match(mail.text, /Check the matte @Sam Supervisor/);
    // The thumbnail: the clip's poster, signed for this notification, and it loads without a session.
    const thumb = /<img src="([^"]+hm_010_0040_24fps-thumb\.jpg[^"]*)"/.exec(mail.html);
    assert.ok(thumb, mail.html);
    const url = new URL(thumb[1].replace(/&amp;/g, '&'));
    const image = await s.app.inject({ method: 'GET', url: url.pathname + url.search });
    assert.equal(image.statusCode, 200);
    assert.match(String(image.headers['content-type']), /image\/jpeg/);
    // A signature for another clip's poster does not pass.
    const forged = await s.app.inject({ method: 'GET', url: url.pathname.replace('hm_010_0040_24fps', 'hm_020_0110_25fps') + url.search });
    assert.equal(forged.statusCode, 403);
    // The link opens the clip at the note's frame.
    assert.match(mail.html, /href="http:\/\/[^"]+\/\?clip=101&amp;frame=10"/);
    // Mail clients' one-click unsubscribe (RFC 8058).
    const eml = readFileSync(join(outboxDir, mail.files.eml), 'utf8');
    assert.match(eml, /^List-Unsubscribe:\s+<http:\/\/[^>]+\/api\/notifications\/unsubscribe\?u=2&t=[\w-]+>/m);
    assert.match(eml, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    // In the app too, and nothing for the author.
    const sam = await list(s.tokens.supervisor);
    assert.equal(sam.unread, 1);
    assert.deepEqual(
      {
        kind: sam.items[0].kind,
        actor: sam.items[0].actor.name,
        clipId: sam.items[0].clipId,
        frame: sam.items[0].frame,
        commentId: sam.items[0].commentId,
      },
      { kind: 'mention', actor: 'Alex Artist', clipId: 101, frame: 10, commentId: note.id },
    );
    assert.equal((await list(s.tokens.artist)).unread, 0);
    // A second run sends nothing more.
    assert.equal(await digest(), 0);
    assert.deepEqual(await newMail(), []);
  });

  test('mentioning oneself tells no one', async () => {
    await post(s.tokens.supervisor, { description: 'note to self @{2,Sam Supervisor}', mentionIds: [2] });
    assert.equal((await list(s.tokens.supervisor)).unread, 0);
    assert.equal(await digest(), 0);
  });

  test('read in the app before the digest runs: not mailed', async () => {
    await post(s.tokens.artist, { description: 'seen it? @{2,Sam Supervisor}', mentionIds: [2] });
    const [n] = (await list(s.tokens.supervisor)).items;
    const read = await s.call('POST', `${API}/notifications/read`, { token: s.tokens.supervisor, body: { ids: [n.id] } });
    assert.deepEqual(read.body, { unread: 0 });
    assert.equal(await digest(), 0);
    assert.deepEqual(await newMail(), []);
  });
});

describe('the digest frequency', () => {
  test('hourly: one e-mail holds what came in the hour; the next waits until the hour is over', async () => {
    await setDigest(s.tokens.supervisor, 'hourly');
    // An hour after the last e-mail Sam got.
    clock += 61 * 60_000;
    try {
      await post(s.tokens.artist, { description: 'one @{2,Sam Supervisor}', mentionIds: [2] });
      await post(s.tokens.producer, { description: 'two @{2,Sam Supervisor}', mentionIds: [2] });
      assert.equal(await digest(), 1);
      const [first] = await newMail();
      assert.match(first.subject, /2 new review notifications/);
      assert.match(first.text, /one @Sam Supervisor[\s\S]*two @Sam Supervisor/);
      clock += 10 * 60_000;
      await post(s.tokens.artist, { description: 'three @{2,Sam Supervisor}', mentionIds: [2] });
      assert.equal(await digest(), 0, 'within the hour');
      clock += 51 * 60_000;
      assert.equal(await digest(), 1);
      const [second] = await newMail();
      assert.match(second.text, /three/);
      assert.doesNotMatch(second.text, /one @Sam/);
    } finally {
      await setDigest(s.tokens.supervisor, 'immediately');
    }
  });

  test('preferences: read and set; a bad value is refused', async () => {
    const get = await s.call('GET', `${API}/notifications/preferences`, { token: s.tokens.artist });
    assert.deepEqual(get.body, { digest: 'immediately' });
    const bad = await s.call('PUT', `${API}/notifications/preferences`, { token: s.tokens.artist, body: { digest: 'weekly' } });
    assert.equal(bad.status, 400);
    assert.equal((await s.call('GET', `${API}/notifications/preferences`, { token: s.tokens.artist })).body.digest, 'immediately');
  });
});

describe('unsubscribe', () => {
  async function unsubscribeLink(): Promise<URL> {
    await post(s.tokens.artist, { description: 'ping @{2,Sam Supervisor}', mentionIds: [2] });
    await digest();
    const [mail] = await newMail();
    const href = /href="([^"]+\/api\/notifications\/unsubscribe[^"]+)"/.exec(mail.html)![1].replace(/&amp;/g, '&');
    return new URL(href);
  }

  test('the link works without signing in: GET asks, POST unsubscribes, and no more e-mail comes', async () => {
    const link = await unsubscribeLink();
    const page = await s.app.inject({ method: 'GET', url: link.pathname + link.search });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post"[^>]*>[\s\S]*Unsubscribe<\/button>/);
    // Opening the link (or a mail scanner following it) changes nothing.
    assert.equal((await s.call('GET', `${API}/notifications/preferences`, { token: s.tokens.supervisor })).body.digest, 'immediately');
    // The one-click POST a mail client sends.
    const done = await s.app.inject({
      method: 'POST',
      url: link.pathname + link.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /You are unsubscribed/);
    assert.equal((await s.call('GET', `${API}/notifications/preferences`, { token: s.tokens.supervisor })).body.digest, 'off');
    await post(s.tokens.artist, { description: 'again @{2,Sam Supervisor}', mentionIds: [2] });
    assert.equal(await digest(), 0);
    assert.deepEqual(await newMail(), []);
    assert.equal((await list(s.tokens.supervisor)).items[0].excerpt, 'again @Sam Supervisor', 'the app still lists it');
    await setDigest(s.tokens.supervisor, 'immediately');
  });

  test('a forged token, or the token of another person, is refused and changes nothing', async () => {
    const link = await unsubscribeLink();
    const token = link.searchParams.get('t')!;
    for (const url of [
      `/api/notifications/unsubscribe?u=2&t=${token.slice(0, -2)}xx`,
      `/api/notifications/unsubscribe?u=3&t=${token}`,
      `/api/notifications/unsubscribe?u=2&t=`,
    ]) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await s.app.inject({ method, url });
        assert.ok(res.statusCode === 403 || res.statusCode === 400, `${method} ${url}: ${res.statusCode}`);
      }
    }
    for (const t of [s.tokens.supervisor, s.tokens.artist]) {
      assert.equal((await s.call('GET', `${API}/notifications/preferences`, { token: t })).body.digest, 'immediately');
    }
  });
});

describe('replies and status changes', () => {
  test('a reply tells the authors of the thread, not the one who replied', async () => {
    const roots = await s.call('GET', `${API}/an/search?fq=mediaObjectId:101&fq=relatedToId:null&fq=creatorId:2&sort=start ASC`, {
      token: s.tokens.producer,
    });
    // Sam's note on the ship's edge, which Alex answered (the demo fixture).
    const root = roots.body.find((c: JsonBody) => c.description.startsWith('Edge of the ship'));
    await post(s.tokens.producer, {
      description: 'Agreed, let us fix it',
      mentionIds: [],
      tags: [],
      relatedToId: root.id,
      start: root.start,
      end: root.end,
    });
    const sam = await list(s.tokens.supervisor);
    const alex = await list(s.tokens.artist);
    assert.equal(sam.items[0].kind, 'reply');
    assert.equal(sam.items[0].actor.name, 'Pat Producer');
    assert.equal(alex.items[0].kind, 'reply', 'Alex replied in that thread');
    assert.equal((await list(s.tokens.producer)).unread, 0);
    assert.equal((await list(s.tokens.viewer)).unread, 0);
    assert.equal(await digest(), 2);
    assert.deepEqual((await newMail()).map((m) => m.to.email).sort(), ['artist@demo.test', 'supervisor@demo.test']);
  });

  test('a status change tells who commented on the clip, not the one who changed it', async () => {
    const res = await s.call('PATCH', `${API}/an/201`, {
      token: s.tokens.supervisor,
      body: [{ op: 'add', path: '/reviewStatus', value: 'APPROVED' }],
    });
    assert.equal(res.status, 200, res.text);
    const pat = await list(s.tokens.producer);
    assert.deepEqual(
      { kind: pat.items[0].kind, status: pat.items[0].status, clipId: pat.items[0].clipId },
      { kind: 'status', status: 'APPROVED', clipId: 101 },
    );
    assert.equal((await list(s.tokens.artist)).items[0].kind, 'status');
    assert.equal((await list(s.tokens.supervisor)).unread, 0);
    assert.equal(await digest(), 2);
    const mails = await newMail();
    assert.match(mails[0].subject, /Sam Supervisor set hm_010_0040\S* to Approved/);
  });
});

describe('clients', () => {
  let client: string;
  let clientId: number;
  before(async () => {
    const share = await s.call('POST', `${API}/playlist/301/share`, {
      token: s.tokens.producer,
      body: { settings: { requirePassword: false, commentsVisible: true, commentsCreate: true } },
    });
    assert.equal(share.status, 201, share.text);
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/share/${share.body.token}/session`,
      payload: { name: 'Casey Client', email: 'casey@client.test' },
    });
    assert.equal(res.statusCode, 200, res.body);
    client = (res.json() as { token: string }).token;
    clientId = (await s.call('GET', `${API}/me`, { token: client })).body.user.id;
  });

  test('a client note tells the studio user who shared the playlist', async () => {
    const note = await post(client, { description: 'Warmer please', mentionIds: [], tags: [], start: 20, end: 21 });
    const pat = await list(s.tokens.producer);
    assert.deepEqual({ kind: pat.items[0].kind, commentId: pat.items[0].commentId }, { kind: 'client-note', commentId: note.id });
    assert.equal((await list(client)).unread, 0);
  });

  test('a studio reply reaches the client, by e-mail with the share link at the frame; an internal reply never does', async () => {
    const note = await post(client, { description: 'Is the sky final?', mentionIds: [], tags: [], start: 30, end: 31 });
    await readAll();
    await post(s.tokens.supervisor, {
      description: 'internal: not yet',
      mentionIds: [],
      tags: [],
      relatedToId: note.id,
      start: 30,
      end: 31,
      customFields: { internal: true },
    });
    assert.equal((await list(client)).unread, 0, 'no internal note for a client');
    assert.equal(await digest(), 0);
    await post(s.tokens.supervisor, {
      description: 'Yes, the sky is final.',
      mentionIds: [],
      tags: [],
      relatedToId: note.id,
      start: 30,
      end: 31,
    });
    const casey = await list(client);
    assert.equal(casey.unread, 1);
    assert.equal(casey.items[0].kind, 'reply');
    assert.notEqual(casey.items[0].clipName, 'hm_010_0040_comp_v012', 'a client sees the client version name');
    assert.equal(await digest(), 1);
    const [mail] = await newMail();
    assert.equal(mail.to.email, 'casey@client.test');
    assert.match(mail.text, /Yes, the sky is final\./);
    assert.doesNotMatch(mail.text + mail.html, /internal: not yet/);
    assert.match(mail.html, /href="http:\/\/[^"]+\/review\.html\?token=[\w-]+&amp;clip=101&amp;frame=30"/);
    // The client's own note told no one but the studio; the studio's reply not the studio.
    assert.ok(clientId > 0);
    assert.equal((await list(s.tokens.supervisor)).unread, 0);
  });
});

describe('RestReviewApi against the server', () => {
  test('lists, marks read (one, then all) and sets the digest through the ReviewApi calls', async () => {
    const server = await startServer({ dbFile: ':memory:', distDir: null, notifications: { digestIntervalMs: 0 } });
    try {
      const login = async (who: string) => {
        const res = await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `${who}@demo.test`, password: who }),
        });
        return ((await res.json()) as { token: string }).token;
      };
      const api = (token: string) =>
        new RestReviewApi({ baseUrl: `${server.url}/api`, productionId: 'demo', token, retry: 0, eventSource: null });
      const alex = api(await login('artist'));
      const sam = api(await login('supervisor'));
      for (const text of ['one', 'two']) {
        await alex.createComment(
          newComment({ description: `${text} @{2,Sam Supervisor}`, mentionIds: [2], tags: [] }) as unknown as NewClipAnnotation,
        );
      }
      const list = await sam.listNotifications({ limit: 1 });
      assert.equal(list.items.length, 1);
      assert.equal(list.unread, 2);
      assert.equal(list.items[0].excerpt, 'two @Sam Supervisor');
      assert.deepEqual(await sam.markNotificationsRead([list.items[0].id]), { unread: 1 });
      assert.deepEqual(await sam.markNotificationsRead('all'), { unread: 0 });
      assert.deepEqual(await sam.setNotificationPreferences({ digest: 'daily' }), { digest: 'daily' });
      assert.deepEqual(await sam.getNotificationPreferences(), { digest: 'daily' });
      assert.equal((await alex.getCapabilities()).notifications, true);
    } finally {
      await server.close();
    }
  });
});
