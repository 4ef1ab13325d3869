/**
 * Hardening: security headers on every kind of answer, CORS same-origin by default, body size limit,
 * rate limits on login and share passwords, and no password (plain or hashed) or token secret ever in an
 * answer or a log line of a scripted session.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildApp, type ReviewApp } from '../../demo/server/app.js';
import { createDemoFixture } from '../../demo/fixture.js';
import { CONTENT_SECURITY_POLICY, redactUrl } from '../../demo/server/security.js';
import { SHARE_PASSWORD_ATTEMPTS } from '../../demo/server/routes/sharing.js';
import { API, newComment, type JsonBody } from './helpers.js';

// Distinctive passwords, so a leak is a plain substring (the demo's are the user names, also in e-mails).
const PASSWORDS: Record<string, string> = {
  producer: 'Pw-producer-9fK2q',
  supervisor: 'Pw-supervisor-3xLm',
  artist: 'Pw-artist-7TbQ',
  viewer: 'Pw-viewer-1ZsW',
};
const SHARE_PASSWORD = 'Share-pass-5RvN8';

const logLines: string[] = [];
const answers: { what: string; text: string }[] = [];
let app: ReviewApp;

async function call(method: string, url: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['content-type'] = Array.isArray(o.body) ? 'application/json-patch+json' : 'application/json';
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers,
    payload: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  answers.push({ what: `${method} ${url} → ${res.statusCode}`, text: `${JSON.stringify(res.headers)}\n${res.body}` });
  let body: JsonBody;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, body, headers: res.headers, text: res.body };
}

before(async () => {
  const fixture = createDemoFixture({ mediaBase: '/media' });
  fixture.users = fixture.users.map((u) => ({ ...u, password: PASSWORDS[u.email!.split('@')[0]] }));
  app = await buildApp({ dbFile: ':memory:', distDir: null, fixture, logger: { write: (line) => void logLines.push(line) } });
});
after(() => app.close());

describe('security headers', () => {
  const expectHeaders = (headers: Record<string, unknown>, what: string) => {
    assert.equal(headers['content-security-policy'], CONTENT_SECURITY_POLICY, what);
    assert.match(String(headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(headers['x-content-type-options'], 'nosniff', what);
    assert.equal(headers['referrer-policy'], 'no-referrer', what);
    assert.equal(headers['x-frame-options'], 'DENY', what);
    assert.equal(headers['cross-origin-opener-policy'], 'same-origin', what);
  };
  test('on API answers, errors, 404s, media (incl. 206) and the portal page', async () => {
    const login = await call('POST', '/api/auth/login', { body: { email: 'viewer@demo.test', password: PASSWORDS.viewer } });
    assert.equal(login.status, 200);
    expectHeaders(login.headers, 'login');
    expectHeaders((await call('GET', `${API}/me`, { token: login.body.token })).headers, 'me');
    expectHeaders((await call('GET', `${API}/me`)).headers, '401');
    expectHeaders((await call('GET', '/api/nothing-here')).headers, '404');
    expectHeaders((await call('POST', '/api/auth/login', { body: { email: 1 } })).headers, '400');
    const clip = await call('GET', `${API}/mo/101`, { token: login.body.token });
    const media = await call('GET', clip.body.media.url, { headers: { range: 'bytes=0-99' } });
    assert.equal(media.status, 206, 'media answer a Range request');
    expectHeaders(media.headers, 'media');
    const page = await call('GET', '/');
    assert.match(String(page.headers['content-type']), /text\/html/);
    expectHeaders(page.headers, 'portal');
  });
});

describe('CORS', () => {
  test('same-origin only by default: no Access-Control-Allow-Origin for a foreign origin', async () => {
    const res = await call('GET', '/api/openapi.json', { headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    const pre = await call('OPTIONS', '/api/auth/login', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.headers['access-control-allow-origin'], undefined);
  });
  test('an allow-listed origin gets the headers, others still not', async () => {
    const other = await buildApp({ dbFile: ':memory:', distDir: null, corsOrigins: ['https://studio.example'] });
    try {
      const ok = await other.inject({
        method: 'OPTIONS',
        url: '/api/auth/login',
        headers: { origin: 'https://studio.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(ok.statusCode, 204);
      assert.equal(ok.headers['access-control-allow-origin'], 'https://studio.example');
      assert.match(String(ok.headers['access-control-allow-headers']), /Authorization/);
      const no = await other.inject({ method: 'GET', url: '/api/openapi.json', headers: { origin: 'https://evil.example' } });
      assert.equal(no.headers['access-control-allow-origin'], undefined);
    } finally {
      await other.close();
    }
  });
});

describe('limits', () => {
  test('a body over 1 MiB answers 413 with the error body', async () => {
    const login = await call('POST', '/api/auth/login', { body: { email: 'artist@demo.test', password: PASSWORDS.artist } });
    const res = await call('POST', `${API}/mo/101/clip`, {
      token: login.body.token,
      body: newComment({ description: 'x'.repeat(1_200_000), mentionIds: [], tags: [] }),
    });
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'PAYLOAD_TOO_LARGE');
  });
  test('wrong share passwords: 401, then 429 with Retry-After past the per-link budget; the right one is refused too while limited', async () => {
    const login = await call('POST', '/api/auth/login', { body: { email: 'producer@demo.test', password: PASSWORDS.producer } });
    const share = await call('POST', `${API}/playlist/301/share`, {
      token: login.body.token,
      body: { password: SHARE_PASSWORD, settings: { requirePassword: true } },
    });
    assert.equal(share.status, 201, share.text);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i <= SHARE_PASSWORD_ATTEMPTS; i++) {
      last = await call('POST', `/api/share/${share.body.token}/session`, { body: { password: `guess-${i}` } });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [...Array(SHARE_PASSWORD_ATTEMPTS).fill(401), 429]);
    assert.ok(Number(last!.headers['retry-after']) > 0);
    assert.equal((await call('POST', `/api/share/${share.body.token}/session`, { body: { password: SHARE_PASSWORD } })).status, 429);
  });
  test('login: 10 failures per e-mail a minute, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await call('POST', '/api/auth/login', { body: { email: 'supervisor@demo.test', password: `guess-${i}` } })).status);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
  });
});

describe('no secret in any answer or log line', () => {
  test('a scripted session of every kind of call', async () => {
    const token: Record<string, string> = {};
    for (const who of ['producer', 'artist', 'viewer']) {
      const r = await call('POST', '/api/auth/login', { body: { email: `${who}@demo.test`, password: PASSWORDS[who] } });
      assert.equal(r.status, 200);
      token[who] = r.body.token;
    }
    const p = token.producer;
    await call('GET', `${API}/me`, { token: p });
    await call('GET', `${API}/users`, { token: p });
    await call('GET', `${API}/settings`, { token: p });
    await call('GET', `${API}/mo/101`, { token: p });
    await call('GET', `${API}/mo/101/an`, { token: p });
    const c = await call('POST', `${API}/mo/101/clip`, {
      token: token.artist,
      body: newComment({ description: 'hello', mentionIds: [], tags: [] }),
    });
    await call('PATCH', `${API}/an/${c.body.id}`, {
      token: token.artist,
      body: [
        { op: 'test', path: '/version', value: 1 },
        { op: 'replace', path: '/description', value: 'edited' },
      ],
    });
    const share = await call('POST', `${API}/playlist/301/share`, {
      token: p,
      body: { password: SHARE_PASSWORD, settings: { requirePassword: true } },
    });
    assert.equal(share.status, 201);
    await call('GET', `${API}/share`, { token: p });
    await call('GET', `${API}/share/${share.body.id}`, { token: p });
    await call('PATCH', `${API}/share/${share.body.id}`, { token: p, body: { password: `${SHARE_PASSWORD}-2` } });
    await call('GET', `/api/share/${share.body.token}`);
    const session = await call('POST', `/api/share/${share.body.token}/session`, {
      body: { password: `${SHARE_PASSWORD}-2`, name: 'Client Q', email: 'q@client.test' },
    });
    assert.equal(session.status, 200, session.text);
    await call('GET', `${API}/me`, { token: session.body.token });
    await call('GET', `${API}/playlist/301`, { token: session.body.token });
    await call('GET', `${API}/mo/101?access_token=${encodeURIComponent(p)}`);
    await call('POST', '/api/auth/logout', { token: token.viewer });
    await call('GET', `${API}/me`, { token: token.viewer });
    await call('GET', '/api/dev/outbox', { token: p });

    const db = app.reviewContext.db;
    const passwordHashes = (db.prepare('SELECT password_hash FROM users WHERE password_hash IS NOT NULL').pluck().all() as string[]).concat(
      db.prepare('SELECT password_hash FROM shares WHERE password_hash IS NOT NULL').pluck().all() as string[],
    );
    assert.ok(passwordHashes.length >= 5, 'users and the share have password hashes');
    const secretHashes = (db.prepare('SELECT secret_hash FROM tokens').pluck().all() as Buffer[]).flatMap((b) => [
      b.toString('hex'),
      b.toString('base64'),
      b.toString('base64url'),
    ]);
    assert.ok(secretHashes.length > 0);
    const forbidden: { name: string; value: string }[] = [
      ...Object.entries(PASSWORDS).map(([k, v]) => ({ name: `password of ${k}`, value: v })),
      { name: 'share password', value: SHARE_PASSWORD },
      ...passwordHashes.flatMap((h) => [
        { name: 'password hash', value: h },
        { name: 'password hash (key part)', value: h.split('$').at(-1)! },
      ]),
      ...secretHashes.map((h) => ({ name: 'token secret hash', value: h })),
    ];
    // A token's secret belongs only in the one answer that issued it (login or share session).
    const issued = answers.filter((a) => /"token":"[^"]+\.[^"]+"/.test(a.text));
    const secrets = [...issued.map((a) => /"token":"[^".]+\.([^"]+)"/.exec(a.text)![1])];
    assert.ok(secrets.length >= 4);

    // The demo portal's page lists the demo logins on purpose (a demo server); it is not an API answer.
    const scanned = answers.filter((a) => !a.what.startsWith('GET / '));
    const log = logLines.join('');
    assert.ok(logLines.length > answers.length, 'every request was logged');
    assert.ok(log.includes('access_token=[redacted]'), 'the events-style query token is redacted in the log');
    for (const f of forbidden) {
      for (const a of scanned) assert.ok(!a.text.includes(f.value), `${f.name} in the answer of ${a.what}`);
      assert.ok(!log.includes(f.value), `${f.name} in the log`);
    }
    for (const secret of secrets) {
      assert.equal(answers.filter((a) => a.text.includes(secret)).length, 1, 'a token secret appears only in the answer that issued it');
      assert.ok(!log.includes(secret), 'a token secret in the log');
      assert.ok(!log.includes(createHash('sha256').update(secret).digest('hex')));
    }
  });
  test('redactUrl hides URL credentials', () => {
    assert.equal(
      redactUrl('/api/production/demo/events?x=1&access_token=abc.def'),
      '/api/production/demo/events?x=1&access_token=[redacted]',
    );
    assert.equal(redactUrl('/api/share/AbC123/session'), '/api/share/[redacted]/session');
    assert.equal(redactUrl('/review.html?token=AbC123&preview=1'), '/review.html?token=[redacted]&preview=1');
    assert.equal(redactUrl('/media/a.mp4?exp=1&use=v&by=t.x&sig=AbC-123'), '/media/a.mp4?exp=1&use=v&by=t.x&sig=[redacted]');
  });
});
