/**
 * Issue 17 "Sharing you can trust", over HTTP: a client deleting its root keeps the studio's replies (a
 * tombstone), hidden comments answer exactly like missing ones, client notes are marked as a client's and
 * a client cannot take a studio member's name, and every stored text has a limit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  MAX_CUSTOM_FIELDS_LENGTH,
  MAX_DRAWING_SHAPES,
  MAX_MESSAGE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_REASON_LENGTH,
} from '../../src/contract/limits.js';
import { API, assertRefused, newComment, testServer, type TestServer, type JsonBody } from './helpers.js';

let s: TestServer;
/** A client token of a share of playlist 302 (clips 102, 103), opened at the share gate as "Casey Client". */
let client: string;
let shareToken: string;

const plain = (extra: Record<string, unknown> = {}) =>
  newComment({ mediaObjectId: 102, description: 'note', mentionIds: [], tags: [], ...extra });
const create = (token: string, extra: Record<string, unknown> = {}) =>
  s.call('POST', `${API}/mo/${(extra.mediaObjectId as number | undefined) ?? 102}/clip`, { token, body: plain(extra) });
const del = (ids: number[], token: string) => s.call('DELETE', `${API}/an/bulk`, { token, body: { actions: [{ action: 'DELETE', ids }] } });
const search = async (token: string, clip = 102) =>
  (await s.call('GET', `${API}/an/search?fq=mediaObjectId:${clip}&limit=1000`, { token })).body as Array<Record<string, JsonBody>>;
const session = (body: Record<string, unknown>) =>
  s.call('POST', `/api/share/${shareToken}/session`, { body: { password: 'open-sesame', ...body } });

before(async () => {
  s = await testServer();
  const share = await s.call('POST', `${API}/playlist/302/share`, {
    token: s.tokens.producer,
    body: { password: 'open-sesame', settings: { requirePassword: true, commentsVisible: true, commentsCreate: true } },
  });
  assert.equal(share.status, 201, share.text);
  shareToken = share.body.token;
  const open = await session({ name: 'Casey Client', email: 'casey@client.test' });
  assert.equal(open.status, 200, open.text);
  client = open.body.token;
});
after(() => s.close());

describe('6: a client deleting its root keeps the replies of others', () => {
  test("the root becomes a tombstone: no text, spot or drawing, creator kept; the studio's replies stay", async () => {
    const drawing = {
      shapes: [
        {
          type: 'pen',
          color: '#f00',
          width: 2,
          points: [
            [0.1, 0.1],
            [0.2, 0.2],
          ],
        },
      ],
    };
    const root = (await create(client, { description: 'Make it warmer', spatial: 'xywh=percent:10,10,0,0', customFields: { drawing } }))
      .body;
    const internal = (
      await create(s.tokens.producer, { description: 'Internal: ignore this', relatedToId: root.id, customFields: { internal: true } })
    ).body;
    const publicReply = (await create(s.tokens.artist, { description: 'Will do', relatedToId: root.id })).body;

    const res = await del([root.id], client);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { deleted: [], tombstoned: [root.id] });

    const studio = await search(s.tokens.producer);
    const stone = studio.find((c) => c.id === root.id)!;
    assert.ok(stone, 'the root is still listed');
    assert.equal(stone.description, '');
    assert.deepEqual(stone.customFields, { deleted: true });
    assert.equal(stone.spatial, null);
    assert.equal(stone.creatorId, root.creatorId);
    assert.equal(stone.creatorName, 'Casey Client');
    assert.ok(studio.some((c) => c.id === internal.id) && studio.some((c) => c.id === publicReply.id), 'both replies stay');
    assert.ok(!JSON.stringify(studio).includes('Make it warmer'), 'the text is gone');
    assert.ok(
      (await search(client)).some((c) => c.id === root.id),
      'the client sees its tombstone above the reply',
    );

    // Neither edited nor answered: it is deleted.
    const patch = await s.call('PATCH', `${API}/an/${root.id}`, {
      token: s.tokens.producer,
      body: [{ op: 'replace', path: '/description', value: 'back' }],
    });
    assert.equal(patch.status, 404, patch.text);
    assert.equal(patch.body.error.message, `comment ${root.id} not found`);
    assert.equal((await create(s.tokens.artist, { relatedToId: root.id })).status, 400);

    // The last reply going takes the tombstone with it.
    assert.deepEqual((await del([internal.id], s.tokens.producer)).body, { deleted: [internal.id], tombstoned: [] });
    const last = await del([publicReply.id], s.tokens.artist);
    assert.deepEqual(last.body.deleted.sort(), [publicReply.id, root.id].sort());
    assert.ok(!(await search(s.tokens.producer)).some((c) => c.id === root.id));
  });

  test('a tombstone kept only for internal replies is internal: not shown to the client', async () => {
    const root = (await create(client, { description: 'Question' })).body;
    const internal = (await create(s.tokens.producer, { description: 'Internal', relatedToId: root.id, customFields: { internal: true } }))
      .body;
    assert.deepEqual((await del([root.id], client)).body.tombstoned, [root.id]);
    assert.ok(!(await search(client)).some((c) => c.id === root.id));
    const stone = (await search(s.tokens.producer)).find((c) => c.id === root.id)!;
    assert.deepEqual(stone.customFields, { deleted: true, internal: true }, 'internal, as what holds it up');
    await del([internal.id], s.tokens.producer);
  });

  test("a root with no replies, or only its author's, goes with them as before; REVIEW_EDIT_ALL deletes a whole thread", async () => {
    const root = (await create(client, { description: 'Solo' })).body;
    const own = (await create(client, { description: 'Solo, again', relatedToId: root.id })).body;
    assert.deepEqual((await del([root.id], client)).body, { deleted: [root.id, own.id], tombstoned: [] });
    const studioRoot = (await create(s.tokens.artist, { description: 'Artist root' })).body;
    const reply = (await create(client, { description: 'Client reply', relatedToId: studioRoot.id })).body;
    assert.deepEqual((await del([studioRoot.id], s.tokens.supervisor)).body, { deleted: [studioRoot.id, reply.id], tombstoned: [] });
  });

  test('a request may not mark a comment deleted', async () => {
    await assertRefused(s, () => create(client, { customFields: { deleted: true } }), {
      status: 400,
      message: /server/,
      field: 'customFields.deleted',
    });
    const mine = (await create(client)).body;
    await assertRefused(
      s,
      () => s.call('PATCH', `${API}/an/${mine.id}`, { token: client, body: [{ op: 'add', path: '/customFields/deleted', value: true }] }),
      { status: 400, message: /server/, field: 'customFields.deleted' },
    );
  });
});

describe('10: a hidden comment answers exactly like a missing one', () => {
  /** The answer with the id taken out, to compare answers about different ids. */
  const shape = (res: { status: number; body: JsonBody }, id: number) =>
    JSON.stringify({ status: res.status, body: res.body }).replaceAll(String(id), 'N');

  test('PATCH and bulk DELETE: missing, on a clip outside the playlist, internal, a MOA outside the playlist', async () => {
    const internal = (await create(s.tokens.producer, { description: 'studio only', customFields: { internal: true } })).body;
    const missing = 999_999;
    const hidden = [5001 /* clip 101 */, internal.id, 201 /* MOA of clip 101 */];
    const edit = (id: number) =>
      s.call('PATCH', `${API}/an/${id}`, { token: client, body: [{ op: 'replace', path: '/description', value: 'x' }] });
    const expected = shape(await edit(missing), missing);
    assert.equal(
      expected,
      JSON.stringify({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'comment N not found', field: 'id' } } }),
    );
    for (const id of hidden) {
      await assertRefused(s, () => edit(id), { status: 404, message: new RegExp(`^comment ${id} not found$`), field: 'id' });
      assert.equal(shape(await edit(id), id), expected, `PATCH ${id}`);
    }
    const expectedDelete = shape(await del([missing], client), missing);
    for (const id of hidden.slice(0, 2)) {
      await assertRefused(s, () => del([id], client), { status: 404, message: new RegExp(`^comment ${id} not found$`), field: 'id' });
      assert.equal(shape(await del([id], client), id), expectedDelete, `DELETE ${id}`);
    }
    await del([internal.id], s.tokens.producer);
  });

  test('search by id finds nothing either way; 403 stays for a visible comment one may not change', async () => {
    for (const id of [999_999, 5001]) {
      const res = await s.call('GET', `${API}/an/search?fq=id:${id}`, { token: client });
      assert.deepEqual([res.status, res.body, res.headers['x-pagination-total-results']], [200, [], '0']);
    }
    const visible = await s.call('PATCH', `${API}/an/5005`, { token: client, body: [{ op: 'replace', path: '/description', value: 'x' }] });
    assert.equal(visible.status, 403, visible.text);
    assert.equal((await del([5005], client)).status, 403);
  });
});

describe('11: client notes are marked, and clients cannot take a studio name', () => {
  test('creatorKind is set by the server from the account, whatever the request says', async () => {
    const mine = await create(client, { creatorKind: 'studio' });
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.body.creatorKind, 'client');
    assert.equal((await create(s.tokens.artist)).body.creatorKind, 'studio');
    const listed = await search(s.tokens.producer);
    assert.equal(listed.find((c) => c.id === mine.body.id)!.creatorKind, 'client');
    assert.equal(listed.find((c) => c.id === 5005)!.creatorKind, 'studio');
  });

  test("the share gate refuses a studio member's name, in any case or spacing", async () => {
    for (const name of ['Pat Producer', '  pat   PRODUCER ', 'SamSupervisor']) {
      await assertRefused(s, () => session({ name }), {
        status: 400,
        message: /^This name belongs to a member of the studio; use your own\.$/,
        field: 'name',
      });
    }
    assert.equal((await session({ name: 'Pat from Acme' })).status, 200);
  });
});

describe('12: stored text has limits, and nothing is written over one', () => {
  const big = (n: number) => 'x'.repeat(n);

  test('customFields of 900 kB, a drawing with too many shapes', async () => {
    await assertRefused(s, () => create(client, { customFields: { blob: big(900_000) } }), {
      status: 400,
      message: new RegExp(`${MAX_CUSTOM_FIELDS_LENGTH}`),
      field: 'customFields',
    });
    const shapes = Array.from({ length: MAX_DRAWING_SHAPES + 1 }, () => ({
      type: 'line',
      color: '#f00',
      width: 1,
      points: [
        [0, 0],
        [1, 1],
      ],
    }));
    await assertRefused(s, () => create(client, { customFields: { drawing: { shapes } } }), {
      status: 400,
      message: new RegExp(`${MAX_DRAWING_SHAPES}`),
    });
    const mine = (await create(client)).body;
    await assertRefused(
      s,
      () =>
        s.call('PATCH', `${API}/an/${mine.id}`, {
          token: client,
          body: [{ op: 'add', path: '/customFields/blob', value: big(MAX_CUSTOM_FIELDS_LENGTH) }],
        }),
      { status: 400, message: /customFields/, field: 'customFields' },
    );
  });

  test('a 500 kB playlist name, clip texts, org settings, client users, invitations, session names', async () => {
    const p = s.tokens.producer;
    await assertRefused(
      s,
      () => s.call('PATCH', `${API}/playlist/302`, { token: p, body: [{ op: 'replace', path: '/name', value: big(500_000) }] }),
      {
        status: 400,
        message: new RegExp(`${MAX_NAME_LENGTH}`),
        field: 'name',
      },
    );
    await assertRefused(
      s,
      () =>
        s.call('PATCH', `${API}/mo/102`, {
          token: p,
          body: [{ op: 'replace', path: '/reasonForReview', value: big(MAX_REASON_LENGTH + 1) }],
        }),
      {
        status: 400,
        message: new RegExp(`${MAX_REASON_LENGTH}`),
        field: 'reasonForReview',
      },
    );
    await assertRefused(
      s,
      () =>
        s.call('PATCH', '/api/org/settings', { token: p, body: [{ op: 'replace', path: '/studioName', value: big(MAX_NAME_LENGTH + 1) }] }),
      {
        status: 400,
        message: new RegExp(`${MAX_NAME_LENGTH}`),
        field: 'studioName',
      },
    );
    await assertRefused(
      s,
      () => s.call('POST', `${API}/clientuser`, { token: p, body: { name: big(MAX_NAME_LENGTH + 1), email: 'long@client.test' } }),
      {
        status: 400,
        message: new RegExp(`${MAX_NAME_LENGTH}`),
        field: 'name',
      },
    );
    const share = (await s.call('GET', `${API}/share?playlistId=302`, { token: p })).body[0];
    await assertRefused(
      s,
      () =>
        s.call('POST', `${API}/share/${share.id}/invite`, {
          token: p,
          body: { recipients: [{ email: 'a@client.test' }], message: big(MAX_MESSAGE_LENGTH + 1) },
        }),
      {
        status: 400,
        message: new RegExp(`${MAX_MESSAGE_LENGTH}`),
        field: 'message',
      },
    );
    await assertRefused(s, () => session({ name: big(MAX_NAME_LENGTH + 1) }), {
      status: 400,
      message: new RegExp(`${MAX_NAME_LENGTH}`),
      field: 'name',
    });
  });

  test("a body over the limit answers 413 in the project's error shape", async () => {
    const res = await s.call('POST', `${API}/mo/102/clip`, {
      token: client,
      body: plain({ customFields: { blob: big(1024 * 1024 + 1) } }),
    });
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'the body is over 1 MiB' } });
  });
});
