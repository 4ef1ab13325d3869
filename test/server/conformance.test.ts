/**
 * The conformance kit (src/conformance, the `review-elements-conformance` command) over real HTTP:
 *  - it passes against the reference server, leaves nothing behind, and reports the capabilities;
 *  - against a deliberately non-conforming backend (test/server/nonconforming-server.ts) it fails and names
 *    each mistake, with the request sent and what came back;
 *  - with docs/examples/map-path.mjs it passes against a backend whose routes differ
 *    (test/server/gateway-server.ts), and without it fails.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../../demo/server/app.js';
import { main } from '../../src/conformance/cli.js';
import { formatText, runConformance, type ConformanceReport } from '../../src/conformance/index.js';
import { gatewayServer } from './gateway-server.js';
import { nonConformingServer } from './nonconforming-server.js';

async function login(url: string, who: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${who}@demo.test`, password: who }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}

const byId = (report: ConformanceReport) => Object.fromEntries(report.checks.map((c) => [c.id, c]));
const failed = (report: ConformanceReport) => report.checks.filter((c) => c.status === 'fail').map((c) => c.id);

/** Runs the command as a studio developer would, capturing what it prints. */
async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), env: {} });
  return { code, out, err };
}

describe('the conformance kit against the reference server', () => {
  let server: RunningServer;
  let producer: string;
  let viewer: string;
  before(async () => {
    server = await startServer({ dbFile: ':memory:', distDir: null, corsOrigins: ['http://portal.example'] });
    [producer, viewer] = await Promise.all([login(server.url, 'producer'), login(server.url, 'viewer')]);
  });
  after(() => server.close());

  test('passes every check, with a viewer as the client token, and cleans up after itself', async () => {
    const clip = 101;
    const statusBefore = await (
      await fetch(`${server.url}/api/production/demo/mo/${clip}/moa`, { headers: { authorization: `Bearer ${producer}` } })
    ).json();
    const report = await runConformance({
      api: `${server.url}/api`,
      production: 'demo',
      token: producer,
      clientToken: viewer,
      origin: 'http://portal.example',
    });
    assert.deepEqual(failed(report), [], formatText(report));
    const checks = byId(report);
    for (const id of [
      'comments.patch.stale',
      'comments.patch.rollback',
      'comments.paging',
      'rights.create',
      'events',
      'versions',
      'markers',
      'open',
      'media.range',
      'cleanup',
    ]) {
      assert.equal(checks[id]?.status, 'pass', `${id}: ${checks[id]?.actual}`);
    }
    assert.deepEqual(report.capabilities, {
      sharing: true,
      events: true,
      exports: true,
      versions: true,
      rooms: true,
      markers: true,
      open: true,
      attachments: true,
      notifications: true,
    });

    // Nothing of the kit's is left, and the status it changed is back.
    const search = await fetch(`${server.url}/api/production/demo/an/search?fq=tags:conformance&limit=1000`, {
      headers: { authorization: `Bearer ${producer}` },
    });
    assert.deepEqual(await search.json(), []);
    const statusAfter = await (
      await fetch(`${server.url}/api/production/demo/mo/${clip}/moa`, { headers: { authorization: `Bearer ${producer}` } })
    ).json();
    assert.equal(statusAfter.reviewStatus, statusBefore.reviewStatus);
  });

  test('the command prints a passing report, writes JUnit XML, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    try {
      const junit = join(dir, 'report.xml');
      const r = await runCli(['--api', `${server.url}/api`, '--production', 'demo', '--token', producer, '--junit', junit]);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /^PASS {2}comments\.patch\.stale/m);
      assert.match(r.out, /^SKIP {2}rights\.create .*\n {6}skipped: no --client-token given/m);
      assert.match(r.out, /checks: \d+ passed, 0 failed, \d+ skipped/);
      const xml = readFileSync(junit, 'utf8');
      assert.match(xml, /<testsuites name="review-elements conformance" tests="\d+" failures="0"/);
      assert.match(xml, /<testcase classname="review-elements.conformance.comments" name="comments.create: /);
      assert.ok(!xml.includes(producer), 'the token is not written into the report');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--json prints the report as JSON', async () => {
    const r = await runCli(['--api', `${server.url}/api`, '--production', 'demo', '--token', producer, '--json']);
    assert.equal(r.code, 0);
    const report = JSON.parse(r.out) as ConformanceReport;
    assert.equal(report.summary.fail, 0);
    const create = report.checks.find((c) => c.id === 'comments.create')!;
    const post = create.exchanges.find((x) => x.request.method === 'POST')!;
    assert.equal(post.request.url, `${server.url}/api/production/demo/mo/101/clip`);
    assert.equal(post.request.headers.authorization, 'Bearer <token>');
    assert.equal(post.response?.status, 201);
  });

  test('a usage error exits 2 and says what is missing', async () => {
    const r = await runCli(['--api', `${server.url}/api`, '--token', producer]);
    assert.equal(r.code, 2);
    assert.match(r.err, /missing --production/);
    assert.match(r.err, /Usage: review-elements-conformance/);
    assert.equal((await runCli(['--nope'])).code, 2);
    // A token may start with "-" (base64url): it is a value, not an option.
    const dashed = await runCli(['--api', `${server.url}/api`, '--production', 'demo', '--token', '-not-a-token', '--json']);
    assert.equal(dashed.code, 1, dashed.err);
    assert.match(JSON.parse(dashed.out).checks[0].actual, /^401 UNAUTHORIZED/);
  });

  describe('mapPath: a backend whose routes differ', () => {
    let gateway: { url: string; close(): Promise<void> };
    before(async () => {
      gateway = await gatewayServer(server.url);
    });
    after(() => gateway.close());

    test('with the example adapter (docs/examples/map-path.mjs) every check passes', async () => {
      const adapter = resolve(import.meta.dirname, '../../docs/examples/map-path.mjs');
      const r = await runCli([
        '--api',
        `${gateway.url}/gw`,
        '--production',
        'demo',
        '--token',
        producer,
        '--client-token',
        viewer,
        '--map-path',
        adapter,
        '--json',
      ]);
      const report = JSON.parse(r.out) as ConformanceReport;
      assert.deepEqual(failed(report), [], formatText(report));
      assert.equal(r.code, 0);
      const search = byId(report)['comments.search'].exchanges.at(-1)!;
      assert.match(search.request.url, /\/gw\/v2\/productions\/demo\/comments\?fq=mediaObjectId:101&fq=funnel:ReviewComment/);
      assert.equal(byId(report).events.status, 'pass');
    });

    test('without it the kit fails and shows the path the backend does not have', async () => {
      const report = await runConformance({ api: `${gateway.url}/gw`, production: 'demo', token: producer, timeout: 3000 });
      assert.equal(byId(report).me.status, 'fail');
      assert.match(byId(report).me.actual ?? '', /404/);
      assert.match(formatText(report), /→ GET http:\/\/127\.0\.0\.1:\d+\/gw\/production\/demo\/me/);
      // The adapter maps as documented.
      const adapter = resolve(import.meta.dirname, '../../docs/examples/map-path.mjs');
      const { default: mapPath } = (await import(adapter)) as { default: (path: string, method: string) => string };
      assert.equal(mapPath('/production/demo/an/77', 'PATCH'), '/v2/productions/demo/annotations/77');
    });
  });
});

describe('the conformance kit against a non-conforming backend', () => {
  let bad: Awaited<ReturnType<typeof nonConformingServer>>;
  let report: ConformanceReport;
  let text: string;
  before(async () => {
    bad = await nonConformingServer();
    report = await runConformance({
      api: `${bad.url}/api`,
      production: 'demo',
      token: bad.studioToken,
      clientToken: bad.clientToken,
      origin: 'http://portal.example',
      timeout: 3000,
    });
    text = formatText(report);
  });
  after(() => bad.close());

  test('fails, naming each mistake', () => {
    const ids = failed(report);
    for (const id of [
      'comments.search', // X-Total-Count instead of X-Pagination-Total-Results
      'comments.paging',
      'comments.patch.stale', // 400 instead of 409
      'comments.patch.rollback', // the replace before the failing test was stored
      'errors.not-found', // an HTML page
      'rights.create', // a comment by a token without REVIEW_EDIT
      'rights.edit',
      'media.range', // 200 with the whole file
      'cors.preflight', // no CORS at all
      'cors.expose',
    ]) {
      assert.ok(ids.includes(id), `${id} should fail:\n${text}`);
    }
    // What it does right passes; what it lacks is skipped, not failed.
    const checks = byId(report);
    for (const id of [
      'me',
      'settings',
      'clips.get',
      'status.patch',
      'comments.create',
      'comments.patch.test',
      'comments.delete',
      'cleanup',
    ]) {
      assert.equal(checks[id].status, 'pass', `${id}: ${checks[id].actual}`);
    }
    assert.equal(checks.capabilities.status, 'skip');
    assert.equal(checks.events.status, 'skip');
    assert.equal(report.capabilities, null);
  });

  test('says for each failure what was expected, what came back, and the request sent', () => {
    const checks = byId(report);
    assert.match(checks['comments.search'].expected!, /X-Pagination-Total-Results/);
    assert.match(checks['comments.search'].actual!, /x-total-count/);
    assert.match(checks['comments.patch.stale'].expected!, /409/);
    assert.match(checks['comments.patch.stale'].actual!, /^400 BAD_REQUEST/);
    assert.match(checks['comments.patch.rollback'].actual!, /must not be stored/);
    assert.match(checks['errors.not-found'].actual!, /Content-Type text\/html/);
    assert.match(checks['rights.create'].actual!, /^success/);
    assert.match(checks['media.range'].expected!, /206/);
    assert.match(checks['cors.preflight'].actual!, /Access-Control-Allow-Origin null/);
    // The exchange shown is the one that failed the check, not the kit's putting back of the status after it.
    const status = checks['rights.status'];
    assert.equal(status.status, 'fail');
    assert.equal(status.failedAt, 0);
    assert.equal(status.exchanges.length, 2);
    // The text report: a FAIL line per mistake, its expectation, and the exchange with the request.
    assert.match(text, /^FAIL {2}comments\.patch\.stale +PATCH …\/an\/:anId led by a stale test/m);
    assert.match(text, /expected: a stale edit .*: 409\n {6}got: {6}400 BAD_REQUEST: test failed at \/version/);
    assert.match(
      text,
      /→ PATCH http:\/\/127\.0\.0\.1:\d+\/api\/production\/demo\/an\/\d+\n(?: {8}.*\n)*? {8}authorization: Bearer <token>\n/,
    );
    assert.match(text, /content-type: application\/json-patch\+json\n {8}\[\{"op":"test","path":"\/version","value":/);
    assert.match(text, /checks: \d+ passed, [1-9]\d* failed, \d+ skipped/);
  });

  test('the command exits 1', async () => {
    const r = await runCli(['--api', `${bad.url}/api`, '--production', 'demo', '--token', bad.studioToken, '--timeout', '3000']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^FAIL {2}comments\.patch\.rollback/m);
  });
});
