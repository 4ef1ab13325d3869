// Control latency of a synced review room on loopback (issue 23): the driver sends a playback action
// (`POST /rooms/:plId/actions`, a new frame), and the time until every follower's room stream has the state
// that carries it, for 2, 5 and 10 followers. This is the transport's share of "driver's action → follower's
// frame on screen"; the follower's seek (one frame-accurate seek of its player) comes on top: see the player's
// seek times in bench/player.bench.mjs. Drift during playback is not measured: rooms do not play in step yet
// (docs/architecture.md, "Rooms").
//
// Run: npm run bench -- room   (bench/run.mjs runs it with `node --import tsx`), or
//      node --import tsx bench/room.bench.mjs
import { startServer } from '../demo/server/app.ts';

const ACTIONS = 200;
const server = await startServer({ dbFile: ':memory:', distDir: null, port: 0 });
const api = `${server.url}/api`;
const ROOM = `${api}/production/demo/rooms/301`;

async function post(url, token, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}
const login = async (who) => (await post(`${api}/auth/login`, null, { email: `${who}@demo.test`, password: who })).token;

/** A follower: joined, its stream read in the background; `seen(seq)` resolves once a state reaches seq. */
async function follower(token) {
  await post(`${ROOM}/join`, token, {});
  const res = await fetch(`${ROOM}/events?access_token=${encodeURIComponent(token)}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let latest = 0;
  const waiters = new Set();
  void (async () => {
    let buffer = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += chunk.value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        const event = JSON.parse(data);
        if (event.type !== 'room.state') continue;
        latest = Math.max(latest, event.state.seq);
        for (const w of [...waiters]) {
          if (latest < w.seq) continue;
          waiters.delete(w);
          w.resolve();
        }
      }
    }
  })().catch(() => undefined);
  return {
    seen: (seq) => (latest >= seq ? Promise.resolve() : new Promise((resolve) => waiters.add({ seq, resolve }))),
    close: () => reader.cancel().catch(() => undefined),
  };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log(`room control latency on loopback: driver POST → every follower's stream has the state (${ACTIONS} actions each)`);
console.log('followers  median ms  p95 ms  max ms');
for (const n of [2, 5, 10]) {
  const driver = await login('producer');
  await post(`${ROOM}/join`, driver, {});
  // Every follower is a sign-in of its own (a participant per token).
  const followers = [];
  for (let i = 0; i < n; i++) followers.push(await follower(await login(['supervisor', 'artist', 'viewer'][i % 3])));
  const times = [];
  for (let i = 0; i < ACTIONS; i++) {
    const t0 = performance.now();
    const state = await post(`${ROOM}/actions`, driver, { type: 'playback', changes: { clipId: 102, frame: i % 100 } });
    await Promise.all(followers.map((f) => f.seen(state.seq)));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${String(n).padStart(9)}  ${quantile(times, 0.5).toFixed(2).padStart(9)}  ${quantile(times, 0.95).toFixed(2).padStart(6)}  ${times.at(-1).toFixed(2).padStart(6)}`,
  );
  await post(`${ROOM}/actions`, driver, { type: 'close' });
  for (const f of followers) await f.close();
}
await server.close();
