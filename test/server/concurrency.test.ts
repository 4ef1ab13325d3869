/**
 * Two editors save the same comment at the same moment with the same `test /version`: exactly one wins
 * (200), the other gets 409, and the stored comment holds the winner's text at version + 1.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type RunningServer } from '../../demo/server/app.js';
import { API, type JsonBody } from './helpers.js';

let server: RunningServer;
before(async () => {
  server = await startServer({ dbFile: ':memory:', distDir: null });
});
after(() => server.close());

async function json(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': Array.isArray(body) ? 'application/json-patch+json' : 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as JsonBody };
}
/** The stored comment 5001 (clip 101), read back through search. */
async function comment5001(token: string) {
  const res = await json('GET', `${API}/an/search?fq=mediaObjectId:101&limit=100`, token);
  assert.equal(res.status, 200);
  return (res.body as { id: number; version: number; description: string }[]).find((c) => c.id === 5001)!;
}
const login = async (who: string) =>
  (await json('POST', '/api/auth/login', null, { email: `${who}@demo.test`, password: who })).body.token as string;

test("same comment, same version, two users at once: one 200, one 409, the winner's text stored", async () => {
  const producer = await login('producer');
  const supervisor = await login('supervisor');
  for (let round = 0; round < 10; round++) {
    const version = (await comment5001(producer)).version;
    const edit = (token: string, text: string) =>
      json('PATCH', `${API}/an/5001`, token, [
        { op: 'test', path: '/version', value: version },
        { op: 'replace', path: '/description', value: text },
        { op: 'replace', path: '/mentionIds', value: [] },
        { op: 'replace', path: '/tags', value: [] },
      ]);
    const [a, b] = await Promise.all([edit(producer, `producer round ${round}`), edit(supervisor, `supervisor round ${round}`)]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409], `round ${round}: ${a.status} ${b.status}`);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    assert.equal(loser.body.error.code, 'CONFLICT');
    const stored = await comment5001(supervisor);
    assert.equal(stored.version, version + 1);
    assert.equal(stored.description, winner.body.description);
    assert.match(stored.description, a.status === 200 ? /^producer/ : /^supervisor/);
  }
});
