/**
 * The capabilities answer (src/contract/capabilities.ts): served by the reference server, read by
 * RestReviewApi (a backend without the call offers the core only), announced by MemoryReviewApi.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify from 'fastify';
import { startServer, type RunningServer } from '../../demo/server/app.js';
import { RestReviewApi } from '../../src/client/rest-review-api.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../demo/fixture.js';
import { CORE_ONLY } from '../../src/contract/capabilities.js';

let server: RunningServer;
let token: string;
before(async () => {
  server = await startServer({ dbFile: ':memory:', distDir: null });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'viewer@demo.test', password: 'viewer' }),
  });
  token = ((await res.json()) as { token: string }).token;
});
after(() => server.close());

test('the reference server answers what it offers, to anyone of the production', async () => {
  const api = new RestReviewApi({ baseUrl: `${server.url}/api`, productionId: 'demo', token, retry: 0 });
  assert.deepEqual(await api.getCapabilities(), {
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
  const anonymous = await fetch(`${server.url}/api/production/demo/capabilities`);
  assert.equal(anonymous.status, 401);
});

test('RestReviewApi: a backend without the call offers the core only; unknown parts are ignored', async () => {
  const app = Fastify();
  app.get('/api/production/p/capabilities', async () => ({ events: true, sharing: 'yes', teleport: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api`;
    const partial = new RestReviewApi({ baseUrl: base, productionId: 'p', retry: 0 });
    assert.deepEqual(await partial.getCapabilities(), {
      sharing: false,
      events: true,
      exports: false,
      versions: false,
      rooms: false,
      markers: false,
      open: false,
      attachments: false,
      notifications: false,
    });
    const none = new RestReviewApi({ baseUrl: base, productionId: 'q', retry: 0 });
    assert.deepEqual(await none.getCapabilities(), CORE_ONLY);
  } finally {
    await app.close();
  }
});

test('MemoryReviewApi announces sharing, events, exports, versions and rooms, or what it is told', async () => {
  const fixture = createDemoFixture();
  assert.deepEqual(await new MemoryReviewApi({ fixture, userId: 1 }).getCapabilities(), {
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
  const coreOnly = new MemoryReviewApi({
    fixture,
    userId: 1,
    capabilities: {
      sharing: false,
      events: false,
      exports: false,
      versions: false,
      rooms: false,
      markers: false,
      open: false,
      attachments: false,
      notifications: false,
    },
  });
  assert.deepEqual(await coreOnly.getCapabilities(), CORE_ONLY);
});
