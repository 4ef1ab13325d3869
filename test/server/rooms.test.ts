/**
 * Synced review rooms over real HTTP (issue 23; docs/http-api.md, "Rooms"): join, the driver's actions and
 * everyone else's 403, hand-over, a late joiner's full state, a revoked share out at once, ten clip changes in
 * a second ending in one state everywhere, and the minutes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../../demo/server/app.js';
import { readEventStream, within, type JsonBody } from './helpers.js';

let server: RunningServer;
before(async () => {
  server = await startServer({ dbFile: ':memory:', distDir: null });
});
after(() => server.close());

const ROOM = '/production/demo/rooms/301';

async function http(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: JsonBody; text: string }> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: JsonBody = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text };
}

const login = async (who: string) =>
  (await http('POST', '/auth/login', undefined, { email: `${who}@demo.test`, password: who })).body.token as string;

async function clientOf(producer: string, settings: Record<string, unknown>): Promise<{ token: string; shareId: number }> {
  const sh = await http('POST', '/production/demo/playlist/301/share', producer, { settings: { requirePassword: false, ...settings } });
  assert.equal(sh.status, 201, sh.text);
  const session = await http('POST', `/share/${sh.body.token}/session`, undefined, { name: 'Dana Client', email: 'dana@agency.test' });
  assert.equal(session.status, 200, session.text);
  return { token: session.body.token, shareId: sh.body.id };
}

/** The room's stream, read in the background: its messages, and whether it ended. */
async function roomStream(token: string) {
  const { events, state, cancel } = await readEventStream(`${server.url}/api${ROOM}/events?access_token=${encodeURIComponent(token)}`);
  const last = () => events.filter((e) => e.event === 'room.state').at(-1)?.data.state;
  return { events, state, last, cancel };
}

describe('rooms', () => {
  test('the capabilities announce rooms', async () => {
    const producer = await login('producer');
    assert.equal((await http('GET', '/production/demo/capabilities', producer)).body.rooms, true);
  });

  test('the first in drives; others follow as annotators or viewers; only the driver controls playback (403 with why)', async () => {
    const [producer, artist, viewer] = await Promise.all([login('producer'), login('artist'), login('viewer')]);
    const first = await http('POST', `${ROOM}/join`, producer);
    assert.equal(first.status, 200, first.text);
    const driverId = first.body.participantId as string;
    assert.equal(first.body.state.driverId, driverId);
    const a = await http('POST', `${ROOM}/join`, artist);
    const v = await http('POST', `${ROOM}/join`, viewer);
    const roles = Object.fromEntries((v.body.state.participants as JsonBody[]).map((p) => [p.name, p.role]));
    assert.deepEqual(Object.values(roles).sort(), ['annotator', 'driver', 'viewer']);

    const refused = await http('POST', `${ROOM}/actions`, artist, { type: 'playback', changes: { frame: 12 } });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'FORBIDDEN');
    assert.match(refused.body.error.message, /only the driver may control playback/);
    assert.equal((await http('POST', `${ROOM}/actions`, viewer, { type: 'close' })).status, 403);

    const moved = await http('POST', `${ROOM}/actions`, producer, { type: 'playback', changes: { clipId: 102, frame: 7 } });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.playback.clipId, 102);
    assert.equal(moved.body.playback.frame, 7);
    const notInPlaylist = await http('POST', `${ROOM}/actions`, producer, { type: 'playback', changes: { clipId: 999 } });
    assert.equal(notInPlaylist.status, 400);

    // Hand-over on request: the artist asks, the driver hands over, the artist drives and the producer may not.
    const asked = await http('POST', `${ROOM}/actions`, artist, { type: 'ask-control', ask: true });
    assert.equal(asked.body.participants.find((p: JsonBody) => p.id === a.body.participantId).asksControl, true);
    const handed = await http('POST', `${ROOM}/actions`, producer, { type: 'hand-over', to: a.body.participantId });
    assert.equal(handed.status, 200, handed.text);
    assert.equal(handed.body.driverId, a.body.participantId);
    assert.equal(handed.body.participants.find((p: JsonBody) => p.id === driverId).role, 'annotator');
    assert.equal((await http('POST', `${ROOM}/actions`, producer, { type: 'playback', changes: { frame: 1 } })).status, 403);
    assert.equal((await http('POST', `${ROOM}/actions`, artist, { type: 'playback', changes: { frame: 3 } })).status, 200);

    // Minutes: the driver's, as Markdown and JSON; anyone else gets 403.
    assert.equal((await http('GET', `${ROOM}/minutes`, producer)).status, 403);
    const md = await http('GET', `${ROOM}/minutes?format=markdown`, artist);
    assert.equal(md.status, 200);
    assert.match(md.text, /^# .+\n\nReview room, /);
    assert.match(md.text, /handed control to Alex Artist|handed control to/);
    const json = await http('GET', `${ROOM}/minutes?format=json`, artist);
    const kinds = (json.body.minutes as JsonBody[]).map((m) => m.kind);
    for (const k of ['joined', 'clip', 'hand-over', 'frame']) assert.ok(kinds.includes(k), `${k} in ${kinds.join(',')}`);

    assert.equal((await http('POST', `${ROOM}/actions`, artist, { type: 'close' })).status, 200);
    assert.equal((await http('GET', ROOM, producer)).status, 404, 'the closed room is gone');
  });

  test('a late joiner gets the whole room at once, on join and on its stream', async () => {
    const [producer, supervisor] = await Promise.all([login('producer'), login('supervisor')]);
    await http('POST', `${ROOM}/join`, producer);
    const driver = await roomStream(producer);
    const set = await http('POST', `${ROOM}/actions`, producer, {
      type: 'playback',
      changes: {
        clipId: 103,
        frame: 42,
        compare: 'wipe',
        compareClipId: 101,
        loop: { in: 10, out: 50 },
        zoom: { scale: 2, x: 0.25, y: 0.75 },
      },
    });
    assert.equal(set.status, 200, set.text);
    const late = await http('POST', `${ROOM}/join`, supervisor);
    const expected = {
      clipId: 103,
      frame: 42,
      playing: false,
      compare: 'wipe',
      compareClipId: 101,
      loop: { in: 10, out: 50 },
      zoom: { scale: 2, x: 0.25, y: 0.75 },
    };
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(late.body.state.playback[k], v, k);
    const stream = await roomStream(supervisor);
    await within(1000, 'the stream starts with the room', () => stream.last()?.playback.frame === 42);
    assert.deepEqual(stream.last().playback.compare, 'wipe');
    await http('POST', `${ROOM}/actions`, producer, { type: 'close' });
    await within(1000, 'both streams end when the room closes', () => driver.state.closed && stream.state.closed);
    assert.deepEqual(stream.events.at(-1), { event: 'room.ended', data: { type: 'room.ended', reason: 'closed' } });
  });

  test('ten clip changes in a second: one state, the last, on every stream and in the room', async () => {
    const [producer, artist] = await Promise.all([login('producer'), login('artist')]);
    await http('POST', `${ROOM}/join`, producer);
    await http('POST', `${ROOM}/join`, artist);
    const [d, f] = await Promise.all([roomStream(producer), roomStream(artist)]);
    const clips = [101, 102, 103];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        http('POST', `${ROOM}/actions`, producer, { type: 'playback', changes: { clipId: clips[i % 3], frame: i } }),
      ),
    );
    assert.ok(answers.every((a) => a.status === 200));
    const lastAnswer = answers
      .map((a) => a.body)
      .sort((x, y) => x.seq - y.seq)
      .at(-1);
    const room = (await http('GET', ROOM, producer)).body;
    assert.equal(room.seq, lastAnswer.seq);
    assert.deepEqual(room.playback, lastAnswer.playback, 'the room is the last change applied');
    await within(1000, 'both streams reach that state', () => d.last()?.seq === room.seq && f.last()?.seq === room.seq);
    assert.deepEqual(d.last().playback, room.playback);
    assert.deepEqual(f.last().playback, room.playback);
    const seqs = f.events.filter((e) => e.event === 'room.state').map((e) => e.data.state.seq as number);
    assert.deepEqual(
      seqs,
      [...seqs].sort((x, y) => x - y),
      'states arrive in order',
    );
    await http('POST', `${ROOM}/actions`, producer, { type: 'close' });
  });

  test('a client joins only when the share allows rooms; revoking the share takes them out within a second', async () => {
    const producer = await login('producer');
    const without = await clientOf(producer, {});
    const refused = await http('POST', `${ROOM}/join`, without.token);
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /does not let its clients join the review room/);
    assert.equal((await http('POST', '/production/demo/rooms/999/join', producer)).status, 404);

    const client = await clientOf(producer, { allowRoom: true, commentsCreate: false });
    await http('POST', `${ROOM}/join`, producer);
    const joined = await http('POST', `${ROOM}/join`, client.token);
    assert.equal(joined.status, 200, joined.text);
    const me = joined.body.state.participants.find((p: JsonBody) => p.id === joined.body.participantId);
    assert.equal(me.kind, 'client');
    assert.equal(me.role, 'viewer', 'a share without comments makes a viewer');
    const st = await roomStream(client.token);
    const driver = await roomStream(producer);
    await within(1000, 'the client is connected', () =>
      driver.last()?.participants.some((p: JsonBody) => p.kind === 'client' && p.connected),
    );

    assert.equal((await http('DELETE', `/production/demo/share/${client.shareId}`, producer)).status, 204);
    await within(1000, 'the client stream ends', () => st.state.closed);
    assert.deepEqual(st.events.at(-1)?.data, { type: 'room.ended', reason: 'not-allowed' });
    await within(1000, 'the driver sees the client gone', () => !driver.last()?.participants.some((p: JsonBody) => p.kind === 'client'));
    await http('POST', `${ROOM}/actions`, producer, { type: 'close' });
    await driver.cancel();
  });

  test('a driver who leaves hands control on; a logout takes that session out', async () => {
    const [producer, supervisor] = await Promise.all([login('producer'), login('supervisor')]);
    await http('POST', `${ROOM}/join`, producer);
    const s = await http('POST', `${ROOM}/join`, supervisor);
    const st = await roomStream(supervisor);
    assert.equal((await http('POST', `${ROOM}/leave`, producer)).status, 204);
    await within(1000, 'the supervisor drives', () => st.last()?.driverId === s.body.participantId);
    assert.equal((await http('POST', '/auth/logout', supervisor)).status < 300, true);
    await within(1000, 'the logged-out stream ends', () => st.state.closed);
  });
});
