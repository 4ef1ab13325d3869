/**
 * Issue 17, "Sharing you can trust": each finding of the outside tester, replayed over HTTP as an attacker
 * or an integrator would meet it — the demo outbox, event streams that outlive the right to them, client
 * identity, share password changes, login lockout, anonymous sessions, media, storage failures and the
 * origin of share links.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { buildApp, startServer, type RunningServer } from '../../demo/server/app.js';
import type { RouteModule } from '../../demo/server/context.js';
import { SHARE_SESSIONS_PER_ADDRESS } from '../../demo/server/routes/sharing.js';
import { API, newComment, readEventStream, testServer, within, type TestServer } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'review-share-security-'));
// The sharing module's mailer writes here (it reads OUTBOX_DIR on first use).
process.env.OUTBOX_DIR = join(tmp, 'outbox');
delete process.env.SMTP_URL;
delete process.env.PUBLIC_URL;
after(() => rmSync(tmp, { recursive: true, force: true }));

const ROOT = resolve(import.meta.dirname, '../..');

const open = { requirePassword: false };

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

async function share(
  settings: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
  playlist = 301,
): Promise<{ id: number; token: string; url: string }> {
  const res = await s.call('POST', `${API}/playlist/${playlist}/share`, {
    token: s.tokens.producer,
    body: { settings: { ...open, ...settings }, ...extra },
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function session(shareToken: string, body: Record<string, unknown> = {}, remoteAddress = '127.0.0.1') {
  const res = await s.app.inject({ method: 'POST', url: `/api/share/${shareToken}/session`, payload: body, remoteAddress });
  return { status: res.statusCode, body: res.json() as { token: string; error?: { code: string; message: string } } };
}

async function clientToken(shareToken: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await session(shareToken, body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.token;
}

describe('1. the demo outbox is for studio users who may share', () => {
  test('GET /api/dev/outbox: 401 without a token, 403 for an artist or a client, 200 for the producer; the /outbox page itself holds no message', async () => {
    const sh = await share();
    const invite = await s.call('POST', `${API}/share/${sh.id}/invite`, {
      token: s.tokens.producer,
      body: { recipients: [{ email: 'dana@agency.test', name: 'Dana' }], message: 'hi' },
    });
    assert.equal(invite.status, 200, invite.text);
    assert.equal((await s.call('GET', '/api/dev/outbox')).status, 401);
    assert.equal((await s.call('GET', '/api/dev/outbox', { token: s.tokens.artist })).status, 403);
    assert.equal((await s.call('GET', '/api/dev/outbox', { token: await clientToken(sh.token) })).status, 403);
    const outbox = await s.call('GET', '/api/dev/outbox', { token: s.tokens.producer });
    assert.equal(outbox.status, 200);
    assert.ok(
      outbox.body.messages.some((m: { text: string }) => m.text.includes(sh.token)),
      'the producer sees the invitation with its link',
    );
    const page = await s.call('GET', '/outbox');
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes('dana@agency.test') && !page.text.includes(sh.token), 'the page answers no address and no link');
    const id = outbox.body.messages[0].id as string;
    assert.equal((await s.call('GET', `/outbox/${id}`)).status, 404, 'no unauthenticated page per message');
  });

  test('NODE_ENV=production without SMTP_URL: the server refuses to start and says why', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', SMTP_URL: '', PORT: '0', REVIEW_DB: join(tmp, 'prod.db') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /NODE_ENV=production needs a mail transport — set SMTP_URL/);
    assert.doesNotMatch(run.stdout, /listening/);
  });
});

describe('2. an open event stream ends (or filters) as soon as the right to it does', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ dbFile: ':memory:', distDir: null });
  });
  after(() => server.close());

  const http = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': Array.isArray(body) ? 'application/json-patch+json' : 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const login = async (who: string) =>
    (await http('POST', '/auth/login', undefined, { email: `${who}@demo.test`, password: who })).body.token as string;
  const newShare = async (producer: string, settings: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await http('POST', `/production/demo/playlist/301/share`, producer, { settings: { ...open, ...settings }, ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: number; token: string };
  };
  const clientOf = async (sh: { token: string }, password?: string) =>
    (await http('POST', `/share/${sh.token}/session`, undefined, { password })).body.token as string;

  /** The production's event stream of `token`, read in the background. */
  const stream = (token: string) => readEventStream(`${server.url}/api/production/demo/events?access_token=${encodeURIComponent(token)}`);

  test('revoking the share closes a client stream within a second', async () => {
    const producer = await login('producer');
    const sh = await newShare(producer, {});
    const st = await stream(await clientOf(sh));
    assert.equal((await http('DELETE', `/production/demo/share/${sh.id}`, producer)).status, 204);
    await within(1000, 'the stream closes', () => st.state.closed);
  });

  test('moving the expiry into the past closes it; an expiry reached while idle closes it too (a timer)', async () => {
    const producer = await login('producer');
    const sh = await newShare(producer, {});
    const st = await stream(await clientOf(sh));
    assert.equal((await http('PATCH', `/production/demo/share/${sh.id}`, producer, { expiresAt: '2020-01-01T00:00:00Z' })).status, 200);
    await within(1000, 'the stream closes after the expiry moved', () => st.state.closed);

    const expiresAt = Date.now() + 1500;
    const soon = await newShare(producer, {}, { expiresAt: new Date(expiresAt).toISOString() });
    const idle = await stream(await clientOf(soon));
    await within(3500, 'the idle stream closes at expiry', () => idle.state.closed);
    assert.ok(Date.now() >= expiresAt - 50, 'not before the expiry');
  });

  test('logout closes the stream of that token; a share password change closes its client streams', async () => {
    const artist = await login('artist');
    const st = await stream(artist);
    assert.equal((await http('POST', '/auth/logout', artist)).status, 204);
    await within(1000, 'the studio stream closes after logout', () => st.state.closed);

    const producer = await login('producer');
    const sh = await newShare(producer, { requirePassword: true }, { password: 'first-pass' });
    const client = await stream(await clientOf(sh, 'first-pass'));
    assert.equal((await http('PATCH', `/production/demo/share/${sh.id}`, producer, { password: 'second-pass' })).status, 200);
    await within(1000, 'the client stream closes after the password change', () => client.state.closed);
  });

  test('hiding comments and turning downloads off apply to the very next events of an open stream', async () => {
    const [producer, artist] = await Promise.all([login('producer'), login('artist')]);
    const sh = await newShare(producer, { commentsVisible: true, allowDownload: true });
    const st = await stream(await clientOf(sh));
    assert.equal(
      (await http('PATCH', `/production/demo/share/${sh.id}`, producer, { settings: { commentsVisible: false, allowDownload: false } }))
        .status,
      200,
    );
    assert.equal(
      (await http('POST', '/production/demo/mo/101/clip', artist, newComment({ description: 'studio only now', mentionIds: [], tags: [] })))
        .status,
      201,
    );
    assert.equal(
      (await http('PATCH', '/production/demo/mo/101', producer, [{ op: 'replace', path: '/reasonForReview', value: 'new grade' }])).status,
      200,
    );
    await within(1000, 'the clip update arrives', () => st.events.some((e) => e.event === 'clip.updated'));
    assert.ok(!st.events.some((e) => e.event === 'comment.created'), 'no comment after the share hid them');
    assert.equal(st.events.find((e) => e.event === 'clip.updated')!.data.clip.sourceUrl, null, 'no source after downloads were turned off');
    assert.equal(st.state.closed, false, 'the stream itself stays open');
    await st.cancel();
  });
});

describe('3. a client is not whoever types an e-mail at the gate', () => {
  test('the same e-mail through another link is another principal: it cannot edit or delete the first one’s comments', async () => {
    const a = await share({ commentsCreate: true });
    const b = await share({ commentsCreate: true });
    const alice = await clientToken(a.token, { name: 'Alice', email: 'alice@client.test' });
    const note = await s.call('POST', `${API}/mo/101/clip`, {
      token: alice,
      body: newComment({ description: 'Alice’s note', mentionIds: [], tags: [] }),
    });
    assert.equal(note.status, 201, note.text);
    const mallory = await clientToken(b.token, { name: 'Alice', email: 'alice@client.test' });
    const edit = await s.call('PATCH', `${API}/an/${note.body.id}`, {
      token: mallory,
      body: [
        { op: 'test', path: '/version', value: 1 },
        { op: 'replace', path: '/description', value: 'hijacked' },
      ],
    });
    assert.equal(edit.status, 403, edit.text);
    const del = await s.call('DELETE', `${API}/an/bulk`, {
      token: mallory,
      body: { actions: [{ action: 'DELETE', ids: [note.body.id] }] },
    });
    assert.equal(del.status, 403, del.text);
    // Alice herself, back through her own link, still owns it.
    const again = await clientToken(a.token, { name: 'Alice', email: 'alice@client.test' });
    const own = await s.call('PATCH', `${API}/an/${note.body.id}`, {
      token: again,
      body: [
        { op: 'test', path: '/version', value: 1 },
        { op: 'replace', path: '/description', value: 'Alice, edited' },
      ],
    });
    assert.equal(own.status, 200, own.text);
  });

  test('a client user the studio invited to both shares is one principal across them', async () => {
    const a = await share({ commentsCreate: true });
    const b = await share({ commentsCreate: true });
    for (const sh of [a, b]) {
      const r = await s.call('POST', `${API}/share/${sh.id}/invite`, {
        token: s.tokens.producer,
        body: { recipients: [{ email: 'bea@client.test', name: 'Bea' }], message: '' },
      });
      assert.equal(r.status, 200, r.text);
    }
    const viaA = await clientToken(a.token, { name: 'Bea', email: 'Bea@client.test' });
    const viaB = await clientToken(b.token, { name: 'Bea', email: 'bea@client.test' });
    const meA = await s.call('GET', `${API}/me`, { token: viaA });
    const meB = await s.call('GET', `${API}/me`, { token: viaB });
    assert.equal(meA.body.user.id, meB.body.user.id);
    const note = await s.call('POST', `${API}/mo/101/clip`, {
      token: viaA,
      body: newComment({ description: 'Bea via A', mentionIds: [], tags: [] }),
    });
    const edit = await s.call('PATCH', `${API}/an/${note.body.id}`, {
      token: viaB,
      body: [
        { op: 'test', path: '/version', value: 1 },
        { op: 'replace', path: '/description', value: 'Bea via B' },
      ],
    });
    assert.equal(edit.status, 200, edit.text);
  });
});

describe('4. changing a share’s password ends the sessions opened with the old one', () => {
  test('401 after the change; the new password opens a new session', async () => {
    const sh = await share({ requirePassword: true }, { password: 'old-pass' });
    const token = await clientToken(sh.token, { password: 'old-pass' });
    assert.equal((await s.call('GET', `${API}/me`, { token })).status, 200);
    assert.equal(
      (await s.call('PATCH', `${API}/share/${sh.id}`, { token: s.tokens.producer, body: { password: 'new-pass' } })).status,
      200,
    );
    const after = await s.call('GET', `${API}/me`, { token });
    assert.equal(after.status, 401, after.text);
    assert.equal((await session(sh.token, { password: 'old-pass' })).status, 401);
    assert.equal((await session(sh.token, { password: 'new-pass' })).status, 200);
  });
});

describe('7. login lockout does not lock the owner out', () => {
  test('ten wrong passwords from one address: that address gets 429, the owner from another signs in', async () => {
    const attempt = async (password: string, remoteAddress: string) =>
      (await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'viewer@demo.test', password }, remoteAddress }))
        .statusCode;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await attempt(`guess-${i}`, '203.0.113.7'));
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    assert.equal(await attempt('viewer', '198.51.100.20'), 200, 'the owner, from their own address');
    assert.equal(await attempt('viewer', '203.0.113.7'), 429, 'the attacker’s address stays limited');
  });
});

describe('8. a password-less link does not hand out unlimited sessions', () => {
  test(`past ${SHARE_SESSIONS_PER_ADDRESS} sessions an hour from one address on one link: 429 with a clear message, and no more user rows`, async () => {
    const sh = await share();
    const users = () => s.app.reviewContext.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
    const before = users();
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 60; i++) {
      last = await session(sh.token, {}, '192.0.2.9');
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [...Array(SHARE_SESSIONS_PER_ADDRESS).fill(200), ...Array(60 - SHARE_SESSIONS_PER_ADDRESS).fill(429)]);
    assert.match(last!.body.error!.message, /too many sessions opened on this link from your address; retry in \d+ s/);
    assert.equal(users() - before, SHARE_SESSIONS_PER_ADDRESS);
    assert.equal((await session(sh.token, {}, '192.0.2.10')).status, 200, 'another address is not affected');
  });
});

describe('9. media are reached through short-lived signed URLs', () => {
  const media = async (url: string, headers: Record<string, string> = {}) => s.app.inject({ method: 'GET', url, headers });
  const clipOf = async (token: string, id = 101) => {
    const res = await s.call('GET', `${API}/mo/${id}`, { token });
    assert.equal(res.status, 200, res.text);
    return res.body as { media: { url: string }; thumbnailUrl: string; sourceUrl: string | null };
  };

  test('an unsigned or tampered URL is refused; a signed one plays with Range (206); the studio logo stays public', async () => {
    assert.equal((await media('/media/hm_010_0040_24fps.mp4')).statusCode, 401);
    assert.equal((await media('/media/studio-logo.png')).statusCode, 200, 'branding shown before a client session');
    const clip = await clipOf(s.tokens.viewer);
    assert.match(clip.media.url, /^\/media\/hm_010_0040_24fps\.mp4\?exp=\d+&use=v&by=[^&]+&sig=[\w-]{43}$/);
    const ranged = await media(clip.media.url, { range: 'bytes=0-99' });
    assert.equal(ranged.statusCode, 206);
    assert.equal(ranged.headers['content-range'], `bytes 0-99/${ranged.headers['content-range']!.toString().split('/')[1]}`);
    assert.equal((await media(clip.thumbnailUrl)).statusCode, 200);
    assert.equal(
      (await media(clip.media.url.replace('hm_010_0040_24fps.mp4', 'hm_020_0110_25fps.mp4'))).statusCode,
      403,
      'the signature covers the path',
    );
    assert.equal(
      (await media(clip.media.url.replace(/exp=(\d+)/, (_m, n) => `exp=${Number(n) + 3600}`))).statusCode,
      403,
      'and the expiry',
    );
    assert.equal((await media(clip.media.url.replace(/sig=[\w-]+/, `sig=${'A'.repeat(43)}`))).statusCode, 403);
  });

  test('logout ends the session’s media URLs', async () => {
    const login = await s.call('POST', '/api/auth/login', { body: { email: 'artist@demo.test', password: 'artist' } });
    const clip = await clipOf(login.body.token);
    assert.equal((await media(clip.media.url)).statusCode, 200);
    assert.equal((await s.call('POST', '/api/auth/logout', { token: login.body.token })).status, 204);
    assert.equal((await media(clip.media.url)).statusCode, 401);
  });

  test('a client: no source without downloads, and a play URL cannot be turned into a download; turning downloads off or revoking ends the URLs', async () => {
    const noDownload = await share({ allowDownload: false });
    const viewOnly = await clipOf(await clientToken(noDownload.token));
    assert.equal(viewOnly.sourceUrl, null);
    assert.equal((await media(viewOnly.media.url.replace('use=v', 'use=d'))).statusCode, 403);

    const sh = await share({ allowDownload: true });
    const clip = await clipOf(await clientToken(sh.token));
    const download = await media(clip.sourceUrl!);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-disposition'], 'attachment');
    assert.equal(
      (await s.call('PATCH', `${API}/share/${sh.id}`, { token: s.tokens.producer, body: { settings: { allowDownload: false } } })).status,
      200,
    );
    assert.equal((await media(clip.sourceUrl!)).statusCode, 403, 'downloads turned off');
    assert.equal((await media(clip.media.url, { range: 'bytes=0-9' })).statusCode, 206, 'playing still works');
    assert.equal((await s.call('DELETE', `${API}/share/${sh.id}`, { token: s.tokens.producer })).status, 204);
    assert.equal((await media(clip.media.url, { range: 'bytes=0-9' })).statusCode, 401, 'revoked');
  });

  test('thumbnails in an invitation e-mail are signed for the share and end with it', async () => {
    const sh = await share({ emailThumbnails: true });
    const invite = await s.call('POST', `${API}/share/${sh.id}/invite`, {
      token: s.tokens.producer,
      body: { recipients: [{ email: 'thumbs@client.test' }], message: '' },
    });
    assert.equal(invite.status, 200, invite.text);
    const outbox = await s.call('GET', '/api/dev/outbox', { token: s.tokens.producer });
    const mail = outbox.body.messages.find((m: { to: { email: string } }) => m.to.email === 'thumbs@client.test');
    const src = /<img src="https?:\/\/[^/"]+(\/media\/[^"]+-thumb\.jpg\?[^"]+)"/.exec(mail.html)![1].replace(/&amp;/g, '&');
    assert.equal((await media(src)).statusCode, 200);
    assert.equal((await s.call('DELETE', `${API}/share/${sh.id}`, { token: s.tokens.producer })).status, 204);
    assert.equal((await media(src)).statusCode, 401);
  });
});

describe('13. storage failures answer 503 with a clear message; a read-only database is refused at start', () => {
  test('a full disk or a read-only database: 503, the cause logged, nothing changed; writes work again once it is fixed', async () => {
    const lines: string[] = [];
    const full = await testServer({ logger: { write: (line) => void lines.push(line) } });
    try {
      const db = full.app.reviewContext.db;
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages}`);
      const before = full.dump();
      const refused = await full.call('POST', `${API}/mo/101/clip`, {
        token: full.tokens.artist,
        body: newComment({ description: 'x'.repeat(9000), mentionIds: [], tags: [] }),
      });
      assert.equal(refused.status, 503, refused.text);
      assert.equal(refused.body.error.code, 'STORAGE_UNAVAILABLE');
      assert.match(refused.body.error.message, /the disk is full \(SQLITE_FULL\); nothing was changed/);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      assert.equal(full.dump(), before);
      assert.ok(
        lines.some((l) => l.includes('storage failure') && l.includes('SQLITE_FULL')),
        'the cause is logged',
      );
      db.pragma('max_page_count = 1073741823');
      assert.equal(
        (
          await full.call('POST', `${API}/mo/101/clip`, {
            token: full.tokens.artist,
            body: newComment({ mentionIds: [], tags: [], description: 'stored' }),
          })
        ).status,
        201,
      );

      db.pragma('query_only = ON');
      const login = await full.call('POST', '/api/auth/login', { body: { email: 'producer@demo.test', password: 'producer' } });
      assert.equal(login.status, 503, login.text);
      assert.match(login.body.error.message, /the database is read-only \(SQLITE_READONLY/);
      db.pragma('query_only = OFF');
    } finally {
      await full.close();
    }
  });

  test('an I/O error of the disk answers 503 too', async () => {
    const failing: RouteModule = {
      name: 'failing-disk',
      register(app) {
        app.get('/__io', async () => {
          throw new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
        });
      },
    };
    const app = await buildApp({ dbFile: ':memory:', distDir: null, extraRoutes: [failing] });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/__io' });
      assert.equal(res.statusCode, 503);
      assert.match(res.json().error.message, /I\/O error \(SQLITE_IOERR_WRITE\)/);
    } finally {
      await app.close();
    }
  });

  test('a database the server cannot write: it refuses to start and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-readonly-'));
    const file = join(dir, 'review.db');
    await (await buildApp({ dbFile: file, distDir: null })).close();
    chmodSync(file, 0o444);
    chmodSync(dir, 0o755);
    // Root may write anything; the server runs as an ordinary user here, as it would in production.
    const script = `const { buildApp } = await import(${JSON.stringify(join(ROOT, 'demo/server/app.ts'))}); await buildApp({ dbFile: ${JSON.stringify(file)}, distDir: null });`;
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      ...asUser,
    });
    rmSync(dir, { recursive: true, force: true });
    assert.notEqual(run.status, 0, 'it must not start');
    assert.match(
      run.stderr,
      new RegExp(
        `cannot use the database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the database is read-only \\(SQLITE_READONLY[A-Z_]*\\); the server must be able to write it`,
      ),
    );
  });
});

describe('share links point at the configured public origin, never at a request’s Host', () => {
  test('PUBLIC_URL (publicUrl) set: links use it whatever Host the request named', async () => {
    const configured = await testServer({ publicUrl: 'https://review.example.com/' });
    try {
      const res = await configured.call('POST', `${API}/playlist/301/share`, {
        token: configured.tokens.producer,
        body: { settings: open },
        headers: { host: 'evil.example' },
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.url, `https://review.example.com/review.html?token=${res.body.token}`);
    } finally {
      await configured.close();
    }
  });

  test('unset: the listening address, not the Host header', async () => {
    const server = await startServer({ dbFile: ':memory:', distDir: null, publicUrl: null });
    try {
      const login = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'producer@demo.test', password: 'producer' },
      });
      const res = await server.app.inject({
        method: 'POST',
        url: `${API}/playlist/301/share`,
        headers: { host: 'evil.example', authorization: `Bearer ${login.json().token}` },
        payload: { settings: open },
      });
      assert.equal(res.statusCode, 201);
      assert.ok(res.json().url.startsWith(`${server.url}/review.html?token=`), res.json().url);
    } finally {
      await server.close();
    }
  });
});

describe('a closed link says why', () => {
  test('410 carries reason "revoked" or "expired" on the public share and on opening a session', async () => {
    const revoked = await share();
    assert.equal((await s.call('DELETE', `${API}/share/${revoked.id}`, { token: s.tokens.producer })).status, 204);
    const expired = await share();
    const past = await s.call('PATCH', `${API}/share/${expired.id}`, {
      token: s.tokens.producer,
      body: { expiresAt: '2020-01-01T00:00:00Z' },
    });
    assert.equal(past.status, 200, past.text);
    for (const [sh, reason] of [
      [revoked, 'revoked'],
      [expired, 'expired'],
    ] as const) {
      const pub = await s.call('GET', `/api/share/${sh.token}`);
      assert.equal(pub.status, 410);
      assert.deepEqual({ code: pub.body.error.code, reason: pub.body.error.reason }, { code: 'GONE', reason });
      const opened = await session(sh.token, { name: 'Casey' });
      assert.equal(opened.status, 410);
      assert.equal((opened.body.error as { reason?: string }).reason, reason);
    }
  });

  test('a link says, before anyone enters, the theme the studio chose and whether clients may write notes', async () => {
    const writable = await share();
    const readOnly = await share({ commentsCreate: false });
    const before = await s.call('GET', `/api/share/${writable.token}`);
    assert.equal(before.body.theme, 'light');
    assert.equal(before.body.commentsCreate, true);
    assert.equal((await s.call('GET', `/api/share/${readOnly.token}`)).body.commentsCreate, false);
    const set = await s.call('PATCH', '/api/org/settings', {
      token: s.tokens.producer,
      body: [{ op: 'add', path: '/clientTheme', value: 'dark' }],
    });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.body.clientTheme, 'dark');
    assert.equal((await s.call('GET', `/api/share/${writable.token}`)).body.theme, 'dark');
    await s.call('PATCH', '/api/org/settings', { token: s.tokens.producer, body: [{ op: 'remove', path: '/clientTheme' }] });
  });

  test("the studio's Preview: a read-only session of the studio user with the share's scope; others are refused", async () => {
    const sh = await share(
      { commentsCreate: true, allowStatusChange: true },
      { password: 'sesame-42', settings: { ...open, requirePassword: true } },
    );
    const asProducer = await s.call('POST', `/api/share/${sh.token}/preview`, { token: s.tokens.producer });
    assert.equal(asProducer.status, 200, asProducer.text);
    const preview = asProducer.body.token as string;
    const me = await s.call('GET', `${API}/me`, { token: preview });
    assert.equal(me.body.user.kind, 'studio');
    assert.deepEqual(me.body.rights, []);
    assert.equal(me.body.share.preview, true);
    assert.equal(me.body.share.commentsCreate, true, 'it shows what clients may do');
    const post = await s.call('POST', `${API}/mo/101/clip`, {
      token: preview,
      body: newComment({ description: 'posted as a client?', mentionIds: [], tags: [] }),
    });
    assert.equal(post.status, 403, 'nothing is posted from a preview');
    // Changing the share keeps the preview read-only (client sessions get the new rights).
    await s.call('PATCH', `${API}/share/${sh.id}`, { token: s.tokens.producer, body: { settings: { allowDownload: false } } });
    const after = await s.call('GET', `${API}/me`, { token: preview });
    assert.deepEqual(after.body.rights, []);
    assert.equal(after.body.share.preview, true);
    assert.equal(after.body.share.allowDownload, false);

    assert.equal((await s.call('POST', `/api/share/${sh.token}/preview`, { token: s.tokens.artist })).status, 403, 'needs SHARE_MANAGE');
    assert.equal((await s.call('POST', `/api/share/${sh.token}/preview`)).status, 401);
    const client = await clientToken(sh.token, { password: 'sesame-42', name: 'Casey' });
    assert.equal((await s.call('POST', `/api/share/${sh.token}/preview`, { token: client })).status, 403, 'not from a client session');
    assert.equal((await s.call('DELETE', `${API}/share/${sh.id}`, { token: s.tokens.producer })).status, 204);
    assert.equal((await s.call('GET', `${API}/me`, { token: preview })).status, 401, 'a revoked share ends its previews');
  });
});
