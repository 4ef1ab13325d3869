/**
 * Issue 26, "Open fast on a phone network": `GET /production/:pid/open` (capability `open`) answers what a
 * page needs to open in one round trip, each part as its own call answers it, with the caller's rights.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Fastify from 'fastify';
import { startServer, type RunningServer } from '../../demo/server/app.js';
import { RestReviewApi } from '../../src/client/rest-review-api.js';
import { ReviewApiError } from '../../src/contract/errors.js';
import { API, testServer, type TestServer } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'review-open-'));
process.env.OUTBOX_DIR = join(tmp, 'outbox');
delete process.env.SMTP_URL;
after(() => rmSync(tmp, { recursive: true, force: true }));

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

test('the studio: one answer equal to the separate calls, the first clip of the playlist by default', async () => {
  const token = s.tokens.viewer;
  const open = await s.call('GET', `${API}/open?playlistId=301`, { token });
  assert.equal(open.status, 200, open.text);
  const get = async (url: string) => (await s.call('GET', url, { token })).body;
  const playlist = await get(`${API}/playlist/301`);
  assert.deepEqual(open.body, {
    me: await get(`${API}/me`),
    settings: await get(`${API}/settings`),
    org: await get('/api/org/settings'),
    capabilities: await get(`${API}/capabilities`),
    playlist,
    clips: await get(`${API}/mo`),
    clip: await get(`${API}/mo/${playlist.clipIds[0]}`),
  });
  assert.equal(open.body.capabilities.open, true);
  const chosen = await s.call('GET', `${API}/open?moId=${playlist.clipIds[1]}`, { token });
  assert.equal(chosen.body.playlist, null);
  assert.equal(chosen.body.clip.id, playlist.clipIds[1]);
  const none = await s.call('GET', `${API}/open`, { token });
  assert.equal(none.body.clip, null);
});

test("a client: only its share's playlist and clips; a refusal is the inner call's; no token is 401", async () => {
  const created = await s.call('POST', `${API}/playlist/301/share`, {
    token: s.tokens.producer,
    body: { settings: { requirePassword: false } },
  });
  assert.equal(created.status, 201, created.text);
  const session = await s.app.inject({ method: 'POST', url: `/api/share/${created.body.token}/session`, payload: { name: 'Dana' } });
  const client = (session.json() as { token: string }).token;
  const open = await s.call('GET', `${API}/open?playlistId=301`, { token: client });
  assert.equal(open.status, 200, open.text);
  assert.equal(open.body.me.share.playlistId, 301);
  assert.deepEqual(open.body.clips.map((c: { id: number }) => c.id).sort(), [...open.body.playlist.clipIds].sort());
  assert.equal(open.body.clip.id, open.body.playlist.clipIds[0]);
  const other = await s.call('GET', `${API}/open?playlistId=302`, { token: client });
  assert.equal(other.status, 404);
  assert.equal(other.body.error.code, 'NOT_FOUND');
  assert.equal((await s.call('GET', `${API}/open`)).status, 401);
});

test('RestReviewApi.open: absolute media URLs from the server; a backend without the call rejects with NOT_FOUND', async () => {
  const server: RunningServer = await startServer({ dbFile: ':memory:', distDir: null });
  const other = Fastify();
  await other.listen({ port: 0, host: '127.0.0.1' });
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'viewer@demo.test', password: 'viewer' }),
    });
    const { token } = (await login.json()) as { token: string };
    const api = new RestReviewApi({ baseUrl: `${server.url}/api`, productionId: 'demo', token, retry: 0, eventSource: null });
    const open = await api.open({ playlistId: 301 });
    assert.deepEqual(open.clip, await api.getClip(open.playlist!.clipIds[0]));
    assert.match(open.clip!.media.url, /^http:\/\/127\.0\.0\.1:\d+\/media\//);
    const address = other.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api`;
    await assert.rejects(new RestReviewApi({ baseUrl: base, productionId: 'p', retry: 0, eventSource: null }).open({}), (e: unknown) => {
      return e instanceof ReviewApiError && e.code === 'NOT_FOUND';
    });
  } finally {
    await other.close();
    await server.close();
  }
});
