/** Shared helpers of the reference-server tests (node:test, run by tsx). */
import assert from 'node:assert/strict';
import { buildApp, type AppOptions, type ReviewApp } from '../../demo/server/app.js';
import { dumpDatabase } from '../../demo/server/db.js';

export const PID = 'demo';
export const API = `/api/production/${PID}`;

/**
 * A response body as parsed JSON. Its shape is what each test asserts, field by field, so the type stays
 * open for the assertions to read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = any;

export interface Call {
  status: number;
  body: JsonBody;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

export interface TestServer {
  app: ReviewApp;
  tokens: Record<'producer' | 'supervisor' | 'artist' | 'viewer', string>;
  call(
    method: string,
    url: string,
    options?: { token?: string | null; body?: unknown; raw?: string; type?: string; headers?: Record<string, string> },
  ): Promise<Call>;
  dump(): string;
  close(): Promise<void>;
}

export async function testServer(options: AppOptions = {}): Promise<TestServer> {
  const app = await buildApp({ dbFile: ':memory:', distDir: null, ...options });
  const call: TestServer['call'] = async (method, url, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let payload: string | undefined;
    if (o.raw !== undefined) payload = o.raw;
    else if (o.body !== undefined) payload = JSON.stringify(o.body);
    if (payload !== undefined)
      headers['content-type'] =
        o.type ?? (Array.isArray(o.body) && method === 'PATCH' ? 'application/json-patch+json' : 'application/json');
    const res = await app.inject({ method: method as 'GET', url, headers, payload });
    let body: unknown = undefined;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.statusCode, body, headers: res.headers, text: res.body };
  };
  const login = async (who: string) => {
    const r = await call('POST', '/api/auth/login', { body: { email: `${who}@demo.test`, password: who } });
    assert.equal(r.status, 200, r.text);
    return r.body.token as string;
  };
  const tokens = {
    producer: await login('producer'),
    supervisor: await login('supervisor'),
    artist: await login('artist'),
    viewer: await login('viewer'),
  };
  return {
    app,
    tokens,
    call,
    dump: () => dumpDatabase(app.reviewContext.db),
    close: () => app.close(),
  };
}

/** A valid new comment on clip 101, with overrides. */
export function newComment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId: 101,
    description: 'Looks good @{2,Sam Supervisor} #{comp}',
    mentionIds: [2],
    tags: ['comp'],
    spatial: 'xywh=percent:10,20,0,0',
    uiLocation: null,
    relatedToId: null,
    start: 10,
    end: 11,
    customFields: {},
    ...overrides,
  };
}

/** Asserts a refused request: status, error code, a message matching `message`, `field`, and no change in the DB. */
export async function assertRefused(
  server: TestServer,
  request: () => Promise<Call>,
  expected: { status: number; message: RegExp; field?: string },
): Promise<void> {
  const before = server.dump();
  const res = await request();
  assert.equal(res.status, expected.status, `status ${res.status}: ${res.text}`);
  assert.ok(res.body?.error, `error body: ${res.text}`);
  assert.equal(typeof res.body.error.code, 'string');
  assert.match(res.body.error.message, expected.message);
  if (expected.field !== undefined) assert.equal(res.body.error.field, expected.field, res.text);
  assert.equal(server.dump(), before, 'the database changed');
}

/**
 * Opens a Server-Sent Events stream at `url` and reads it in the background: the messages so far (event name
 * and parsed data), whether the stream has ended, and how to stop reading.
 */
export async function readEventStream(url: string) {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  const events: Array<{ event: string; data: JsonBody }> = [];
  const state = { closed: false };
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += chunk.value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // a reset connection ends the stream too
    }
    state.closed = true;
  })();
  return { events, state, cancel: () => reader.cancel().catch(() => undefined) };
}

/** Polls `check` until it holds, failing after `ms` (no fixed sleeps). */
export async function within(ms: number, what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
