// Reference server (demo/server) under load, over real HTTP on this machine: comment-creation throughput
// with SQLite synchronous=NORMAL (the default) and FULL. The comment search against `GET /me` is
// bench/search.bench.mjs (npm run bench -- search).
// Run: npm run bench -- server   (bench/run.mjs runs it with `node --import tsx`).
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../demo/server/app.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

const dir = mkdtempSync(join(tmpdir(), 'review-bench-'));

async function login(url) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'producer@demo.test', password: 'producer' }),
  });
  return (await res.json()).token;
}

function run(url, title, request, connections) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: DURATION, requests: [request] }, (err, r) => {
      if (err) return reject(err);
      if (r.non2xx || r.errors) return reject(new Error(`${title}: ${r.non2xx} non-2xx, ${r.errors} errors`));
      resolve({
        scenario: title,
        connections,
        'req/s': Math.round(r.requests.average),
        'p50 ms': r.latency.p50,
        'p99 ms': r.latency.p99,
        requests: r.requests.total,
      });
    });
  });
}

const rows = [];
for (const synchronous of ['NORMAL', 'FULL']) {
  const server = await startServer({ dbFile: join(dir, `bench-${synchronous}.db`), distDir: null, synchronous });
  try {
    const token = await login(server.url);
    const auth = { authorization: `Bearer ${token}` };
    let n = 0;
    rows.push(
      await run(
        server.url,
        `create comment (synchronous=${synchronous})`,
        {
          method: 'POST',
          path: '/api/production/demo/mo/102/clip',
          headers: { ...auth, 'content-type': 'application/json' },
          setupRequest: (req) => {
            const start = n++ % 100;
            req.body = JSON.stringify({
              objectType: 'ClipAnnotation',
              funnel: 'ReviewComment',
              mediaObjectId: 102,
              description: `Bench create ${n} #{bench}`,
              mentionIds: [],
              tags: ['bench'],
              spatial: null,
              uiLocation: null,
              relatedToId: null,
              start,
              end: start + 1,
              customFields: {},
            });
            return req;
          },
        },
        8,
      ),
    );
  } finally {
    await server.close();
  }
}
rmSync(dir, { recursive: true, force: true });

console.log(`reference server, ${DURATION} s per scenario (load average now ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
console.table(rows);
