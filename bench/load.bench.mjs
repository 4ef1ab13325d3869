// Mixed read/write load on the reference server over loopback HTTP: per connection a cycle of
// search, clip, me, create comment, patch that comment with its fresh version, and a status change.
// Reports requests/s, latency p50/p99 and errors; then checks that every acknowledged write (the ids of
// the 201 answers, and each patch's stored text) is in the database. Exits non-zero on any error or
// lost write. Run: `npm run bench -- load` or `node --import tsx bench/load.bench.mjs`;
// LOAD_SECONDS (default 20), LOAD_CONNECTIONS (default 32). test/server/load.test.ts runs a short one.
// Server and load generator share this process (2-core machine): the numbers are a floor, not a ceiling.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../demo/server/app.ts';

const API = '/api/production/demo';
const STATUSES = ['APPROVED', 'NEEDS_WORK', 'NOT_APPROVED'];

async function login(url, who) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${who}@demo.test`, password: who }),
  });
  return (await res.json()).token;
}

/** Runs the load; answers the figures (never throws for server errors — they are counted). */
export async function runLoad({ seconds = 20, connections = 32 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'review-load-'));
  const server = await startServer({ dbFile: join(dir, 'load.db'), distDir: null });
  try {
    const token = await login(server.url, 'producer');
    const auth = { authorization: `Bearer ${token}` };
    const created = new Set();
    /** id → the last description a 200 PATCH acknowledged */
    const patched = new Map();
    const unexpected = [];
    let conflicts = 0;
    let cycles = 0;
    const json = (ctx, status, body) => {
      if (status >= 500 || (status >= 400 && status !== 409)) unexpected.push(`${ctx}: ${status} ${String(body).slice(0, 200)}`);
    };
    const requests = [
      {
        method: 'GET',
        path: `${API}/an/search?fq=mediaObjectId:101&sort=start%20ASC&limit=50`,
        headers: auth,
        onResponse: (s, b) => json('search', s, b),
      },
      { method: 'GET', path: `${API}/mo/102`, headers: auth, onResponse: (s, b) => json('clip', s, b) },
      { method: 'GET', path: `${API}/me`, headers: auth, onResponse: (s, b) => json('me', s, b) },
      {
        method: 'POST',
        path: `${API}/mo/101/clip`,
        headers: { ...auth, 'content-type': 'application/json' },
        setupRequest: (req, context) => {
          context.n = (context.n ?? 0) + 1;
          const frame = Math.floor(Math.random() * 95);
          req.body = JSON.stringify({
            objectType: 'ClipAnnotation',
            funnel: 'ReviewComment',
            mediaObjectId: 101,
            description: `load comment ${context.n} #{comp}`,
            mentionIds: [],
            tags: ['comp'],
            spatial: null,
            uiLocation: null,
            relatedToId: null,
            start: frame,
            end: frame + 1,
            customFields: {},
          });
          return req;
        },
        onResponse: (status, body, context) => {
          json('create', status, body);
          context.comment = null;
          if (status === 201) {
            const c = JSON.parse(body);
            created.add(c.id);
            context.comment = { id: c.id, version: c.version };
          }
        },
      },
      {
        method: 'PATCH',
        path: `${API}/an/5001`,
        headers: { ...auth, 'content-type': 'application/json-patch+json' },
        setupRequest: (req, context) => {
          // Patch the comment this connection just created, with its fresh version (no conflict expected).
          const c = context.comment ?? { id: 5001, version: -1 };
          context.text = `edited ${c.id} ${Math.random().toString(36).slice(2)} #{comp}`;
          req.path = `${API}/an/${c.id}`;
          req.body = JSON.stringify([
            { op: 'test', path: '/version', value: c.version },
            { op: 'replace', path: '/description', value: context.text },
          ]);
          return req;
        },
        onResponse: (status, body, context) => {
          if (status === 409) conflicts++;
          json('patch', status, body);
          if (status === 200) patched.set(JSON.parse(body).id, context.text);
        },
      },
      {
        method: 'PATCH',
        path: `${API}/an/201`,
        headers: { ...auth, 'content-type': 'application/json-patch+json' },
        setupRequest: (req) => {
          req.body = JSON.stringify([{ op: 'add', path: '/reviewStatus', value: STATUSES[Math.floor(Math.random() * STATUSES.length)] }]);
          return req;
        },
        onResponse: (s, b) => {
          cycles++;
          json('status', s, b);
        },
      },
    ];

    const result = await autocannon({ url: server.url, connections, duration: seconds, requests });

    // Every acknowledged write must be stored.
    const db = server.app.reviewContext.db;
    const stored = new Map(
      db
        .prepare('SELECT id, description FROM comments')
        .all()
        .map((r) => [r.id, r.description]),
    );
    let lost = 0;
    for (const id of created) if (!stored.has(id)) lost++;
    for (const [id, text] of patched) if (stored.get(id) !== text) lost++;

    return {
      seconds,
      connections,
      requests: result.requests.total,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      non2xx: result.non2xx,
      conflicts,
      errors: result.errors + result.timeouts + unexpected.length,
      unexpected: unexpected.slice(0, 5),
      created: created.size,
      patched: patched.size,
      cycles,
      lost,
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runLoad({ seconds: Number(process.env.LOAD_SECONDS ?? 20), connections: Number(process.env.LOAD_CONNECTIONS ?? 32) });
  console.table({
    'mixed load': {
      seconds: r.seconds,
      connections: r.connections,
      requests: r.requests,
      'req/s': r.rps,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'max ms': r.max,
      'non-2xx': r.non2xx,
      '409s': r.conflicts,
      errors: r.errors,
      'comments created': r.created,
      'patches acked': r.patched,
      'lost writes': r.lost,
    },
  });
  if (r.unexpected.length) console.error(r.unexpected.join('\n'));
  if (r.errors > 0 || r.lost > 0 || r.non2xx !== r.conflicts) process.exit(1);
}
