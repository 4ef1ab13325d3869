/**
 * Attachments on notes over HTTP (issue 25, docs/http-api.md "Attachments"): upload, thumbnail, open,
 * delete; the limits; a file whose content is not what its name says; who sees and who may delete.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { startServer, type RunningServer } from '../../demo/server/app.js';
import { MAX_ATTACHMENT_BYTES } from '../../src/contract/attachments.js';
import { API, newComment } from './helpers.js';

let server: RunningServer;
const tokens: Record<string, string> = {};
let client = '';

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function upload(
  token: string,
  noteId: number,
  bytes: Uint8Array<ArrayBuffer> | Buffer,
  name: string,
  type = 'image/png',
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return fetch(`${server.url}${API}/an/${noteId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

async function note(token: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await call(
    'POST',
    `${API}/mo/102/clip`,
    token,
    newComment({ mediaObjectId: 102, description: 'see the reference', mentionIds: [], tags: [], ...extra }),
  );
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: number }).id;
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();

before(async () => {
  server = await startServer({ dbFile: ':memory:', distDir: null });
  for (const who of ['producer', 'artist', 'viewer']) {
    const res = await call('POST', '/api/auth/login', null, { email: `${who}@demo.test`, password: who });
    tokens[who] = ((await res.json()) as { token: string }).token;
  }
  const share = await call('POST', `${API}/playlist/302/share`, tokens.producer, {
    password: 'open-sesame',
    settings: { requirePassword: true, commentsVisible: true, commentsCreate: true },
  });
  const shareToken = ((await share.json()) as { token: string }).token;
  const session = await call('POST', `/api/share/${shareToken}/session`, null, {
    password: 'open-sesame',
    name: 'Casey Client',
    email: 'casey@client.test',
  });
  client = ((await session.json()) as { token: string }).token;
});
after(() => server.close());

describe('attachments', () => {
  test('round trip: upload an image, its thumbnail, open it with safe headers, delete it', async () => {
    const id = await note(tokens.artist);
    const res = await upload(tokens.artist, id, await png(1200, 600), 'ref frame.png');
    assert.equal(res.status, 201, await res.clone().text());
    const a = (await res.json()) as {
      id: number;
      url: string;
      thumbnailUrl: string;
      mimeType: string;
      width: number;
      height: number;
      name: string;
      size: number;
    };
    assert.equal(a.mimeType, 'image/png');
    assert.equal(a.name, 'ref frame.png');
    assert.deepEqual([a.width, a.height], [1200, 600]);

    const listed = (await (await call('GET', `${API}/mo/102/attachments`, tokens.viewer)).json()) as Array<{
      id: number;
      commentId: number;
    }>;
    assert.ok(
      listed.some((x) => x.id === a.id && x.commentId === id),
      'listed on the clip',
    );

    const thumb = await fetch(`${server.url}${a.thumbnailUrl}`);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get('content-type'), 'image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 320, 160], 'a small copy, same proportions');

    const file = await fetch(`${server.url}${a.url}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(file.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.match(file.headers.get('content-disposition') ?? '', /^inline; filename="ref frame.png"/);
    assert.equal((await file.arrayBuffer()).byteLength, a.size);

    assert.equal((await fetch(`${server.url}${a.url.replace(/sig=[^&]+/, 'sig=AAAA')}`)).status, 403, 'a forged signature');
    assert.equal((await fetch(`${server.url}${a.url.split('?')[0]}`)).status, 401, 'no signature');

    assert.equal(
      (await call('DELETE', `${API}/attachments/${a.id}`, tokens.viewer)).status,
      403,
      'not by someone who may not edit the note',
    );
    assert.equal((await call('DELETE', `${API}/attachments/${a.id}`, tokens.artist)).status, 204);
    assert.equal((await fetch(`${server.url}${a.url}`)).status, 404, 'gone');
    const after = (await (await call('GET', `${API}/mo/102/attachments`, tokens.artist)).json()) as Array<{ id: number }>;
    assert.ok(!after.some((x) => x.id === a.id));
  });

  test('a PDF is served as a download; only who may edit the note attaches', async () => {
    const id = await note(tokens.artist);
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    assert.equal((await upload(tokens.viewer, id, pdf, 'notes.pdf', 'application/pdf')).status, 403);
    const res = await upload(tokens.producer, id, pdf, 'notes.pdf', 'application/pdf');
    assert.equal(res.status, 201, await res.clone().text());
    const a = (await res.json()) as { url: string; thumbnailUrl: string | null; mimeType: string };
    assert.equal(a.mimeType, 'application/pdf');
    assert.equal(a.thumbnailUrl, null);
    const file = await fetch(`${server.url}${a.url}`);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment; filename="notes.pdf"/);
  });

  test('limits: a disguised file (HTML or SVG named .png) is refused by its content; too big is 413', async () => {
    const id = await note(tokens.artist);
    const html = new TextEncoder().encode('<!doctype html><script>alert(document.cookie)</script>');
    const refused = await upload(tokens.artist, id, html, 'cat.png', 'image/png');
    assert.equal(refused.status, 415);
    const body = (await refused.json()) as { error: { code: string; message: string; field: string } };
    assert.equal(body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.match(body.error.message, /PNG, JPEG, WebP or GIF image, or a PDF/);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
    assert.equal((await upload(tokens.artist, id, svg, 'cat.png', 'image/png')).status, 415);
    // Starts like a PNG, is not one: the decoder refuses it.
    const fake = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('<html>nope</html>')]);
    assert.equal((await upload(tokens.artist, id, fake, 'fake.png')).status, 415);
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(await png(4, 4));
    const tooBig = await upload(tokens.artist, id, big, 'big.png');
    assert.equal(tooBig.status, 413);
    assert.equal(((await tooBig.json()) as { error: { code: string } }).error.code, 'PAYLOAD_TOO_LARGE');
    const json = await call('POST', `${API}/an/${id}/attachments`, tokens.artist, { file: 'x' });
    assert.equal(json.status, 415, 'not multipart');
    const listed = (await (await call('GET', `${API}/mo/102/attachments`, tokens.artist)).json()) as Array<{ commentId: number }>;
    assert.ok(!listed.some((x) => x.commentId === id), 'nothing stored');
  });

  test('deleting a note deletes its files', async () => {
    const id = await note(tokens.artist);
    const a = (await (await upload(tokens.artist, id, await png(20, 20), 'gone.png')).json()) as { id: number; url: string };
    assert.equal((await fetch(`${server.url}${a.url}`)).status, 200);
    const del = await call('DELETE', `${API}/an/bulk`, tokens.artist, { actions: [{ action: 'DELETE', ids: [id] }] });
    assert.equal(del.status, 200);
    assert.equal((await fetch(`${server.url}${a.url}`)).status, 404);
    const row = server.app.reviewContext.db.prepare('SELECT COUNT(*) FROM attachments WHERE id = ?').pluck().get(a.id);
    assert.equal(row, 0, 'no row left');
  });

  test("events: attachments.changed reaches who sees the note, never a client for an internal note's", async () => {
    const { eventFor } = await import('../../demo/server/routes/events.js');
    const { reauthorize } = await import('../../demo/server/auth.js');
    const ctx = server.app.reviewContext;
    const heard: Array<{ type: string; commentId?: number; internal?: boolean }> = [];
    const stop = ctx.hub.subscribe('demo', (entry) => {
      if (entry.event.type === 'attachments.changed') heard.push({ ...entry.event, internal: entry.meta.internal });
    });
    const internal = await note(tokens.producer, { customFields: { internal: true } });
    const shared = await note(tokens.producer);
    await upload(tokens.producer, internal, await png(4, 4), 'i.png');
    await upload(tokens.producer, shared, await png(4, 4), 's.png');
    stop();
    assert.deepEqual(
      heard.map((e) => [e.commentId, e.internal]),
      [
        [internal, true],
        [shared, false],
      ],
    );
    const asClient = reauthorize(ctx.repo, client.split('.')[0], 'demo');
    const asStudio = reauthorize(ctx.repo, tokens.viewer.split('.')[0], 'demo');
    const entry = (commentId: number, isInternal: boolean) => ({
      id: 'x',
      productionId: 'demo',
      event: { type: 'attachments.changed' as const, mediaObjectId: 102, commentId },
      meta: { internal: isInternal },
    });
    assert.equal(eventFor(ctx.repo, ctx.media, asClient, entry(internal, true)), null, 'not to a client');
    assert.ok(eventFor(ctx.repo, ctx.media, asClient, entry(shared, false)), 'the shared note’s, to a client');
    assert.ok(eventFor(ctx.repo, ctx.media, asStudio, entry(internal, true)), 'the internal note’s, to the studio');
  });

  test("a client never sees an internal note's attachments, nor opens them", async () => {
    const internal = await note(tokens.producer, { customFields: { internal: true } });
    const open = await note(tokens.producer);
    const hidden = (await (await upload(tokens.producer, internal, await png(20, 20), 'internal.png')).json()) as {
      id: number;
      url: string;
    };
    const shown = (await (await upload(tokens.producer, open, await png(20, 20), 'shown.png')).json()) as { id: number };
    const seen = (await (await call('GET', `${API}/mo/102/attachments`, client)).json()) as Array<{ id: number; url: string }>;
    assert.ok(
      seen.some((x) => x.id === shown.id),
      "the shared note's attachment is listed",
    );
    assert.ok(!seen.some((x) => x.id === hidden.id), "the internal note's is not");
    assert.equal((await call('DELETE', `${API}/attachments/${hidden.id}`, client)).status, 404, 'as if missing');
    assert.equal((await upload(client, internal, await png(4, 4), 'x.png')).status, 404);
    // The studio's URL does not open it as the client either: a client URL for it cannot be minted, and a
    // note made internal after the client got its URL closes that URL.
    const mine = await note(client);
    const up = (await (await upload(client, mine, await png(8, 8), 'client.png')).json()) as { url: string };
    assert.equal((await fetch(`${server.url}${up.url}`)).status, 200);
    const patch = await fetch(`${server.url}${API}/an/${mine}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${tokens.producer}`, 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'add', path: '/customFields/internal', value: true }]),
    });
    assert.equal(patch.status, 200, await patch.text());
    assert.equal((await fetch(`${server.url}${up.url}`)).status, 404, 'hidden from the client from then on');
    assert.equal((await call('GET', `${API}/mo/101/attachments`, client)).status, 404, 'a clip outside the share');
  });
});

test('RestReviewApi: upload, list and delete through the client the elements use', async () => {
  const { RestReviewApi } = await import('../../src/client/rest-review-api.js');
  const api = new RestReviewApi({ baseUrl: `${server.url}/api`, productionId: 'demo', token: tokens.artist, retry: 0 });
  const id = await note(tokens.artist);
  const a = await api.uploadAttachment(id, new Blob([new Uint8Array(await png(30, 10))]), 'from the client.png');
  assert.equal(a.name, 'from the client.png');
  assert.ok(a.url.startsWith(`${server.url}/attachments/`), 'absolute URLs');
  assert.equal((await fetch(a.thumbnailUrl!)).status, 200);
  assert.ok((await api.listAttachments(102)).some((x) => x.id === a.id));
  const refused = await api.uploadAttachment(id, new Blob(['<html></html>']), 'x.png').catch((e: unknown) => e);
  assert.equal((refused as { status: number }).status, 415);
  await api.deleteAttachment(a.id);
  assert.ok(!(await api.listAttachments(102)).some((x) => x.id === a.id));
});
