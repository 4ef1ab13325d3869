/**
 * Fuzzing every route of the OpenAPI document the server serves with generated malformed requests
 * (deterministic PRNG, fixed seed): wrong types, huge strings, deep nesting, unknown patch ops, prototype
 * keys, invalid JSON, wrong content types, arrays for objects, bad ids, path traversal. No answer may be
 * a 500 (or anything outside 2xx-4xx), every error has the one error shape, and a refused request leaves
 * the database exactly as it was.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { testServer, type TestServer } from './helpers.js';

const SEED = 0x5eed1234;
const CASES_PER_ROUTE = 12;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const int = (n: number) => Math.floor(rnd() * n);

const BAD_IDS = [
  '-1',
  '0',
  'NaN',
  '1.5',
  '1e3',
  '99999999999999999999',
  'abc',
  '__proto__',
  'constructor',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  ' 101',
  '0x65',
  'x'.repeat(3000),
  '101;DROP TABLE comments',
  '[]',
  '{}',
  'null',
];
const GOOD_PARAMS: Record<string, string[]> = {
  pid: ['demo'],
  moId: ['101', '102', '204'],
  anId: ['5001', '5003', '201'],
  plId: ['301', '302'],
  shareId: ['1'],
  file: ['hm_010_0040_24fps.mp4'],
  id: ['x'],
  token: ['nope'],
};
const TRAVERSAL = [
  '../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e/%2e%2e/package.json',
  '....//....//etc/passwd',
  '/etc/passwd',
  'a/../../server/app.ts',
  '%00.mp4',
  'hm_010_0040_24fps.mp4%00.txt',
  '..\\..\\package.json',
];
const KEYS = [
  'description',
  'start',
  'end',
  'name',
  'reason',
  'status',
  'settings',
  'password',
  'email',
  'ids',
  'clipIds',
  'customFields',
  'spatial',
  'mentionIds',
  'tags',
  'objectType',
  'funnel',
  'mediaObjectId',
  'relatedToId',
  'value',
  'op',
  'path',
  '__proto__',
  'constructor',
  'prototype',
  '',
];

function scalar(): unknown {
  return pick<() => unknown>([
    () => null,
    () => true,
    () => int(1000) - 500,
    () => rnd() * 1e6,
    () => -0.5,
    () => 1e308,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => '',
    () => 'x'.repeat(int(3) === 0 ? 200_000 : 20),
    () => '\u0000\uffff\ud800',
    () => '<script>alert(1)</script>',
    () => '@{1,Pat} #{x}',
    () => 'NaN',
    () => '2026-13-45T99:99:99Z',
  ])();
}
function value(depth = 0): unknown {
  if (depth > 3 || rnd() < 0.4) return scalar();
  if (rnd() < 0.5) return Array.from({ length: int(4) }, () => value(depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = int(5); i > 0; i--) o[pick(KEYS)] = value(depth + 1);
  return o;
}
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

interface Body {
  raw?: string;
  type?: string;
}
function patchBody(): Body {
  const op = () =>
    pick<() => unknown>([
      () => ({
        op: pick(['test', 'replace', 'add', 'remove', 'move', 'copy', 'explode', '', 7]),
        path: pick([
          '/version',
          '/description',
          '/__proto__/x',
          '/constructor/prototype/x',
          '/id',
          '/creatorId',
          '',
          'description',
          '/customFields/drawing',
          '/../x',
        ]),
        value: value(1),
      }),
      () => ({ op: 'test', path: '/version', value: pick([1, '1', -1, 1.5, null, 1e20]) }),
      () => ({ op: 'replace' }),
      () => value(1),
    ])();
  return { raw: JSON.stringify(Array.from({ length: int(4) }, op)), type: pick(['application/json-patch+json', 'application/json']) };
}
function body(method: string): Body | undefined {
  if (method === 'GET' || method === 'DELETE') return rnd() < 0.2 ? { raw: JSON.stringify(value()), type: 'application/json' } : undefined;
  return pick<() => Body>([
    () => ({ raw: JSON.stringify(value()) }),
    () => ({ raw: JSON.stringify(value()) }),
    () => patchBody(),
    () => patchBody(),
    () => ({ raw: '{"a":' }),
    () => ({ raw: '{"a":1,}' }),
    () => ({ raw: "{'a':1}" }),
    () => ({ raw: '' }),
    () => ({ raw: '\u0000' }),
    () => ({ raw: 'NaN' }),
    () => ({ raw: deep(5000) }),
    () => ({ raw: deepObject(3000) }),
    () => ({ raw: '{"__proto__":{"isAdmin":true},"description":"x"}' }),
    () => ({ raw: '{"constructor":{"prototype":{"isAdmin":true}}}' }),
    () => ({
      raw: '[{"op":"test","path":"/version","value":1},{"op":"replace","path":"/__proto__/polluted","value":1}]',
      type: 'application/json-patch+json',
    }),
    () => ({ raw: JSON.stringify([value(), value()]) }),
    () => ({
      raw: '{"description":"x"}',
      type: pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=utf-16',
        'application/jsonx',
      ]),
    }),
    () => ({ raw: 'description=x&start=1', type: 'application/x-www-form-urlencoded' }),
    () => ({ raw: JSON.stringify({ email: 'producer@demo.test', password: value() }) }),
    () => ({ raw: JSON.stringify({ ids: [value(), value()], status: value() }) }),
  ])();
}

interface Route {
  method: string;
  template: string;
}

let s: TestServer;
let outbox: string;
before(async () => {
  outbox = mkdtempSync(join(tmpdir(), 'fuzz-outbox-'));
  process.env.OUTBOX_DIR = outbox; // invitations the fuzzer may send stay out of demo/.data
  s = await testServer();
});
after(async () => {
  await s.close();
  rmSync(outbox, { recursive: true, force: true });
});

test('fuzz: malformed requests to every route never answer 5xx and refused ones change nothing', async () => {
  const doc = (await s.call('GET', '/api/openapi.json')).body as {
    servers: { url: string }[];
    paths: Record<string, Record<string, unknown> & { servers?: { url: string }[] }>;
  };
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const base = (item.servers ?? doc.servers)[0].url.replace(/\/$/, '');
    for (const method of Object.keys(item).filter((k) => ['get', 'post', 'patch', 'delete', 'put'].includes(k)))
      routes.push({ method: method.toUpperCase(), template: base + path });
  }
  assert.ok(routes.length >= 35, `routes from the OpenAPI document: ${routes.length}`);
  // Verbs no route has, on a few paths.
  routes.push(
    { method: 'PUT', template: '/api/production/{pid}/an/{anId}' },
    { method: 'DELETE', template: '/api/production/{pid}/mo/{moId}' },
  );

  const tokens = [
    s.tokens.producer,
    s.tokens.producer,
    s.tokens.producer,
    s.tokens.artist,
    s.tokens.viewer,
    null,
    'garbage',
    `${s.tokens.viewer.split('.')[0]}.${'A'.repeat(43)}`,
  ];
  let cases = 0;
  let refused = 0;
  const failures: string[] = [];
  for (const route of routes) {
    const isEvents = route.template.endsWith('/events');
    for (let i = 0; i < CASES_PER_ROUTE; i++) {
      const url =
        route.template.replace(/\{(\w+)\}/g, (_m, name: string) => {
          if (name === 'file' && rnd() < 0.6) return pick(TRAVERSAL);
          return rnd() < 0.5 ? pick(GOOD_PARAMS[name] ?? ['x']) : pick(BAD_IDS);
        }) +
        (rnd() < 0.3
          ? pick([
              '?q=%00',
              '?limit=-1',
              '?limit=NaN&offset=1.5',
              '?playlistId=abc',
              '?__proto__[x]=1',
              '?a=' + 'x'.repeat(5000),
              '?ids=1&ids=2',
              '?access_token=garbage',
            ])
          : '');
      // The events stream stays open for an authorised caller; fuzz it only unauthorised.
      const token = isEvents ? pick([null, 'garbage']) : pick(tokens);
      const b = body(route.method);
      const headers: Record<string, string> = {};
      if (b && b.type) headers['content-type'] = b.type;
      else if (b) headers['content-type'] = 'application/json';
      if (rnd() < 0.1) headers.range = pick(['bytes=99999999-', 'bytes=-0', 'bytes=5-1', 'bytes=a-b', 'bytes=0-1,2-3']);
      const before = s.dump();
      const res = await s.call(route.method, url, { token, raw: b?.raw, type: b?.type, headers });
      cases++;
      const what = `${route.method} ${url.slice(0, 120)} ${b?.type ?? ''} ${(b?.raw ?? '').slice(0, 80)} → ${res.status} ${res.text.slice(0, 160)}`;
      if (res.status >= 500 || res.status < 200) failures.push(`server error: ${what}`);
      if (res.status >= 400) {
        refused++;
        if (res.headers['content-type']?.toString().includes('json') && !res.body?.error?.code) failures.push(`no error body: ${what}`);
        if (s.dump() !== before) failures.push(`refused but the database changed: ${what}`);
      }
    }
  }
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined, 'Object.prototype not polluted');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype not polluted');
  assert.deepEqual(failures, []);
  assert.ok(cases >= 300, `${cases} cases`);
  console.log(`fuzz: ${cases} cases (${refused} refused, seed ${SEED.toString(16)}), ${failures.length} server errors`);
});
