// The reference server of bench/search.bench.mjs, in a process of its own (so the load generator does not
// share its thread, and `node --cpu-prof` profiles the server alone): the demo production with 100,000
// notes, 10,000 of them on clip 101 and the rest on the other clips, every twentieth internal. Before it
// listens it answers one `/me`, one studio search and one client search in-process, records every SQL
// statement they ran with its parameters, and prints each one's EXPLAIN QUERY PLAN. Then it prints one
// JSON line {url, studio, client} (the tokens) and serves until its stdin closes.
// Usage: node --import tsx bench/lib/search-server.mjs <db file>
import Database from 'better-sqlite3';
import { startServer } from '../../demo/server/app.ts';
import { createBulkComments } from '../../demo/fixture.ts';

const NOTES = 100_000;
const ON_CLIP = 10_000;
const OTHER_CLIPS = [102, 103, 104, 105, 106, 107, 108];

// Every statement run while `recording` is set, with its parameters (wrapped once, on the prototype, so the
// server's own statements, cached or not, are seen).
let recording = null;
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (sql) {
  const stmt = prepare.call(this, sql);
  for (const method of ['get', 'all', 'run', 'iterate']) {
    const original = stmt[method];
    stmt[method] = function (...args) {
      recording?.push({ sql, args });
      return original.apply(this, args);
    };
  }
  return stmt;
};

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
    const plan = prepare.call(db, `EXPLAIN QUERY PLAN ${sql}`).all(...args);
    for (const row of plan) console.error(`    ${row.detail}`);
  }
}

Database.prototype.prepare = prepare;

console.log(JSON.stringify({ url: server.url, studio, client }));
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.close();
  process.exit(0);
});
