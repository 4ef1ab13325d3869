// The reference server of bench/search.bench.mjs, in a process of its own (so the load generator does not
// share its thread, and a CPU profile is the server's alone): the demo production with 100,000
// notes, 10,000 of them on clip 101 and the rest on the other clips, every twentieth internal. Before it
// listens it answers one `/me`, one studio search and one client search in-process, records every SQL
// statement they ran with its parameters, and prints each one's EXPLAIN QUERY PLAN. Then it prints one
// JSON line {url, studio, client} (the tokens) and serves until its stdin closes.
// SEARCH_BENCH_PROFILE=<dir> also writes a CPU profile of its serving there (the node:inspector profiler).
// Usage: node --import tsx bench/lib/search-server.mjs <db file>
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import inspector from 'node:inspector';
import { join } from 'node:path';
import { startServer } from '../../demo/server/app.ts';
import { createBulkComments } from '../../demo/fixture.ts';

const NOTES = 100_000;
const ON_CLIP = 10_000;
const OTHER_CLIPS = [102, 103, 104, 105, 106, 107, 108];

// Every statement run while `recording` is set, with its parameters: the statements' methods are wrapped on
// their prototype for the plans, then restored, so the serving runs the library's own.
let recording = null;
const probe = new Database(':memory:');
const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
probe.close();
const methods = ['get', 'all', 'run', 'iterate'];
const originals = Object.fromEntries(methods.map((m) => [m, Statement[m]]));
for (const m of methods) {
  Statement[m] = function (...args) {
    recording?.push({ sql: this.source, args });
    return originals[m].apply(this, args);
  };
}

const server = await startServer({ dbFile: process.argv[2], distDir: null });
const { repo, db } = server.app.reviewContext;

const notes = createBulkComments(NOTES);
repo.tx(() => {
  notes.forEach((c, i) => {
    const other = OTHER_CLIPS[Math.floor(((i - ON_CLIP) * OTHER_CLIPS.length) / (NOTES - ON_CLIP))];
    if (i % 20 === 1) c.customFields = { internal: true };
    repo.insertComment('demo', { ...c, mediaObjectId: i < ON_CLIP ? 101 : other });
  });
});
db.exec('ANALYZE');

const inject = async (method, url, body, token) => {
  const res = await server.app.inject({
    method,
    url,
    payload: body,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
const { token: studio } = await inject('POST', '/api/auth/login', { email: 'producer@demo.test', password: 'producer' });
const share = await inject('POST', '/api/production/demo/playlist/301/share', { settings: { requirePassword: false } }, studio);
const { token: client } = await inject('POST', `/api/share/${share.token}/session`, {});

const SEARCH = '/api/production/demo/an/search?fq=mediaObjectId:101&fq=funnel:ReviewComment&sort=start%20ASC&offset=9800&limit=200';
for (const [title, url, token] of [
  ['GET /me (studio)', '/api/production/demo/me', studio],
  ['search, studio (offset 9,800 of clip 101)', SEARCH, studio],
  ['search, share client (offset 9,800 of clip 101)', SEARCH, client],
]) {
  recording = [];
  await inject('GET', url, undefined, token);
  const ran = recording;
  recording = null;
  console.error(`\n${title}: ${ran.length} statements`);
  for (const { sql, args } of ran) {
    console.error(`  ${sql.replace(/\s+/g, ' ').trim()}`);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args);
    for (const row of plan) console.error(`    ${row.detail}`);
  }
}

Object.assign(Statement, originals);

// SEARCH_BENCH_PROFILE=<dir>: a CPU profile of the serving alone (seeding and plans left out).
const profileDir = process.env.SEARCH_BENCH_PROFILE;
const session = profileDir ? new inspector.Session() : null;
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
if (session) {
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.start');
}

console.log(JSON.stringify({ url: server.url, studio, client }));
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.close();
  if (session) {
    const { profile } = await post('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, `search-server-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  process.exit(0);
});
