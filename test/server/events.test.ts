/** The Server-Sent Events stream over real HTTP: another user's new comment arrives, filtered per caller. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type RunningServer } from '../../demo/server/app.js';
import { newComment } from './helpers.js';

let server: RunningServer;
before(async () => {
  server = await startServer({ dbFile: ':memory:', distDir: null });
});
after(() => server.close());

async function login(who: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${who}@demo.test`, password: who }),
  });
  return ((await res.json()) as { token: string }).token;
}

interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads messages from an open event stream until `until` says stop. */
async function readEvents(res: Response, until: (m: SseMessage) => boolean): Promise<SseMessage[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const messages: SseMessage[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return messages;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const m: SseMessage = {};
      for (const line of block.split('\n')) {
        const [k, ...rest] = line.split(': ');
        if (k === 'id' || k === 'event' || k === 'data') m[k] = rest.join(': ');
      }
      if (!m.event) continue;
      messages.push(m);
      if (until(m)) {
        await reader.cancel();
        return messages;
      }
    }
  }
}

test('a subscriber (token as access_token) receives a comment created by another user', async () => {
  const [supervisor, artist] = await Promise.all([login('supervisor'), login('artist')]);
  const controller = new AbortController();
  const stream = await fetch(`${server.url}/api/production/demo/events?access_token=${encodeURIComponent(supervisor)}`, {
    signal: controller.signal,
  });
  assert.equal(stream.status, 200);
  assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
  const received = readEvents(stream, (m) => m.event === 'comment.created');
  const created = await fetch(`${server.url}/api/production/demo/mo/101/clip`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${artist}` },
    body: JSON.stringify(newComment({ description: 'live!', mentionIds: [], tags: [] })),
  });
  assert.equal(created.status, 201);
  const comment = await created.json();
  const messages = await received;
  const last = messages.at(-1)!;
  assert.equal(last.event, 'comment.created');
  assert.ok(last.id, 'messages carry an id for Last-Event-ID');
  assert.deepEqual(JSON.parse(last.data!), { type: 'comment.created', comment });
  controller.abort();
});

test('a reconnect with Last-Event-ID replays what was missed', async () => {
  const [producer, artist] = await Promise.all([login('producer'), login('artist')]);
  const first = await fetch(`${server.url}/api/production/demo/events`, { headers: { authorization: `Bearer ${producer}` } });
  const got = readEvents(first, (m) => m.event === 'status.changed');
  await fetch(`${server.url}/api/production/demo/an/201`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json', authorization: `Bearer ${producer}` },
    body: JSON.stringify([{ op: 'add', path: '/reviewStatus', value: 'APPROVED' }]),
  });
  const lastId = (await got).at(-1)!.id!;
  // While disconnected, the artist comments.
  await fetch(`${server.url}/api/production/demo/mo/102/clip`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${artist}` },
    body: JSON.stringify(newComment({ mediaObjectId: 102, description: 'missed', mentionIds: [], tags: [] })),
  });
  const again = await fetch(`${server.url}/api/production/demo/events`, {
    headers: { authorization: `Bearer ${producer}`, 'last-event-id': lastId },
  });
  const replayed = await readEvents(again, (m) => m.event === 'comment.created');
  assert.equal(JSON.parse(replayed.at(-1)!.data!).comment.description, 'missed');
});

test('the stream refuses a missing token with 401', async () => {
  const res = await fetch(`${server.url}/api/production/demo/events`);
  assert.equal(res.status, 401);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'UNAUTHORIZED');
});
