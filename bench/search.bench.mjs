// The reference server's comment search against `GET /me`, side by side in one run (issue 21: search p99
// within 3× of /me with 10,000 notes on the clip and 100,000 in the production). The server runs in a
// process of its own (bench/lib/search-server.mjs, which prints the EXPLAIN QUERY PLAN of every statement
// /me and the searches run); autocannon loads it over loopback HTTP, 4 connections, taking turns scenario by
// scenario for `rounds` rounds, and the table gives each scenario's median over the rounds.
//
// Scenarios: /me; a studio search of clip 101, a random page of 200 of its 10,000 notes, without and with
// `Accept-Encoding: br, gzip` (what a browser sends); the same as a share client (its rights: its
// playlist's clips, no internal notes); and a studio search whose every request is a new query
// (`fq=-id:<random id past every note>` matches every note and reads only the index, as the plain search
// does, so no answer is ever reused: the cost of a cache miss).
//
// Usage: npm run bench -- search   or   node --import tsx bench/search.bench.mjs [rounds=3] [seconds=3]
// SEARCH_BENCH_PROFILE=<dir>: the server writes a CPU profile of its serving there (seeding left out);
// SEARCH_BENCH_ONLY=<text> runs /me and the scenarios whose title contains the text.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 3);
const PAGE = 200;
const PAGES = 10_000 / PAGE;

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'review-search-bench-'));
const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'lib/search-server.mjs'), join(dir, 'search.db')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const { url, studio, client } = JSON.parse(await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve)));

const search = (extra = '') => {
  const offset = Math.floor(Math.random() * PAGES) * PAGE;
  return `/api/production/demo/an/search?fq=mediaObjectId:101&fq=funnel:ReviewComment${extra}&sort=start%20ASC&offset=${offset}&limit=${PAGE}`;
};
const all = [
  { title: 'GET /me (studio)', token: studio, path: () => '/api/production/demo/me' },
  { title: 'search, studio', token: studio, path: () => search() },
  { title: 'search, studio, br', token: studio, path: () => search(), headers: { 'accept-encoding': 'br, gzip' } },
  { title: 'search, share client', token: client, path: () => search() },
  {
    title: 'search, studio, every query new',
    token: studio,
    path: () => search(`&fq=-id:${1_000_000 + Math.floor(Math.random() * 1e9)}`),
  },
];

// SEARCH_BENCH_ONLY=<text>: /me and the scenarios whose title contains it (to profile one of them).
const only = process.env.SEARCH_BENCH_ONLY;
const scenarios = all.filter((s, i) => i === 0 || !only || s.title.includes(only));

function run(s) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: 4,
        duration: seconds,
        requests: [
          {
            method: 'GET',
            headers: { authorization: `Bearer ${s.token}`, ...s.headers },
            setupRequest: (req) => ({ ...req, path: s.path() }),
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        if (r.non2xx || r.errors) return reject(new Error(`${s.title}: ${r.non2xx} non-2xx, ${r.errors} errors`));
        resolve(r);
      },
    );
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = new Map(scenarios.map((s) => [s.title, []]));
const loads = [loadavg()[0]];
try {
  for (let round = 0; round < rounds; round++) {
    for (const s of scenarios) {
      const r = await run(s);
      results.get(s.title).push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
    }
    loads.push(loadavg()[0]);
  }
} finally {
  child.stdin.end();
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}

const meP99 = median(results.get(scenarios[0].title).map((r) => r.p99));
console.log(
  `\nreference server, 10,000 notes on clip 101, 100,000 in the production; ${rounds} rounds of ${seconds} s per scenario, 4 connections; ` +
    `load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (median ${median(loads).toFixed(1)})`,
);
console.table(
  scenarios.map((s) => {
    const rs = results.get(s.title);
    const p99 = median(rs.map((r) => r.p99));
    return {
      scenario: s.title,
      'req/s': Math.round(median(rs.map((r) => r.rps))),
      'p50 ms': median(rs.map((r) => r.p50)),
      'p99 ms': p99,
      'p99 × /me': +(p99 / meP99).toFixed(2),
      'p99 per round': rs.map((r) => r.p99).join(' '),
    };
  }),
);
