/**
 * What the production API accepts, the reference server accepts too (docs/http-api.md, "Search, paging and
 * patches"): a create body without `mediaObjectId`, a patch without the version test, `mentionIds`/`tags`
 * as the client sends them. Each refusal names the field and leaves the database as it was.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_MENTIONS, MAX_TAG_LENGTH, MAX_TAGS, type ClipAnnotation } from '../../src/api/types.js';
import { API, assertRefused, testServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

const create = (body: unknown, moId = 101) => s.call('POST', `${API}/mo/${moId}/clip`, { token: s.tokens.producer, body });
const patch = (id: number, ops: unknown) => s.call('PATCH', `${API}/an/${id}`, { token: s.tokens.producer, body: ops });
/** The comment as the server lists it. */
const stored = async (id: number, moId = 101) => {
  const res = await s.call('GET', `${API}/an/search?fq=mediaObjectId:${moId}&limit=1000`, { token: s.tokens.producer });
  assert.equal(res.status, 200, res.text);
  const comment = (res.body as ClipAnnotation[]).find((c) => c.id === id);
  assert.ok(comment, `comment ${id} is listed`);
  return comment;
};

/** The create body of the production API's documentation: no mediaObjectId, objectType or customFields. */
const seedBody = (overrides: Record<string, unknown> = {}) => ({
  description: 'Too dark here @{2,Sam Supervisor} #{grade}',
  mentionIds: [2],
  tags: ['grade'],
  funnel: 'ReviewComment',
  spatial: 'xywh=percent:40,30,0,0',
  uiLocation: 'xywh=percent:45,35,20,10',
  relatedToId: null,
  start: 24,
  end: 25,
  ...overrides,
});

describe('creating a comment the way the production API is called', () => {
  test('a body without mediaObjectId (the path names the clip) → 201 on that clip', async () => {
    const res = await create(seedBody(), 102);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.mediaObjectId, 102);
    assert.equal(res.body.objectType, 'ClipAnnotation');
    assert.deepEqual(res.body.customFields, {});
    assert.deepEqual(await stored(res.body.id, 102), res.body);
  });

  test('a mediaObjectId that contradicts the path → 400 naming mediaObjectId', () =>
    assertRefused(s, () => create(seedBody({ mediaObjectId: 103 }), 102), { status: 400, message: /mediaObjectId 103 does not match the clip 102/, field: 'mediaObjectId' }));

  test('mentionIds and tags are stored as sent, even when the description has no markers', async () => {
    const res = await create(seedBody({ description: 'plain text', mentionIds: [3, 2], tags: ['grade', 'from-a-picker'] }));
    assert.equal(res.status, 201, res.text);
    const c = await stored(res.body.id);
    assert.deepEqual(c.mentionIds, [3, 2]);
    assert.deepEqual(c.tags, ['grade', 'from-a-picker']);
  });

  test('a mention of someone outside the production → 400 naming mentionIds', () =>
    assertRefused(s, () => create(seedBody({ mentionIds: [2, 987654] })), { status: 400, message: /user 987654 is not in this production/, field: 'mentionIds' }));

  test(`more than ${MAX_MENTIONS} mentions or ${MAX_TAGS} tags, or a tag over ${MAX_TAG_LENGTH} characters → 400 naming the field`, async () => {
    const mentions = Array.from({ length: MAX_MENTIONS + 1 }, () => 2);
    const tags = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`);
    await assertRefused(s, () => create(seedBody({ mentionIds: mentions })), { status: 400, message: new RegExp(`more than ${MAX_MENTIONS}`), field: 'mentionIds' });
    await assertRefused(s, () => create(seedBody({ tags })), { status: 400, message: new RegExp(`more than ${MAX_TAGS}`), field: 'tags' });
    await assertRefused(s, () => create(seedBody({ tags: ['ok', 'x'.repeat(MAX_TAG_LENGTH + 1)] })), { status: 400, message: new RegExp(`${MAX_TAG_LENGTH} characters`), field: 'tags[1]' });
  });
});

describe('editing a comment with a JSON Patch', () => {
  let id: number;
  before(async () => {
    id = (await create(seedBody({ description: 'first' }))).body.id;
  });

  test('without a version test the patch applies (last write wins) and the version bumps', async () => {
    const res = await patch(id, [{ op: 'replace', path: '/description', value: 'second' }]);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.version, 2);
    const c = await stored(id);
    assert.equal(c.description, 'second');
    assert.equal(c.version, 2);
  });

  test('a stale version test → 409 and nothing applied', () =>
    assertRefused(s, () => patch(id, [{ op: 'test', path: '/version', value: 1 }, { op: 'replace', path: '/description', value: 'stale' }]), {
      status: 409,
      message: /changed by someone else/,
      field: 'version',
    }));

  test('any failing op rolls the whole patch back: a later bad path → 400, a later failing test → 409', async () => {
    const { version } = await stored(id);
    const edit = { op: 'replace', path: '/description', value: 'half-written' };
    await assertRefused(s, () => patch(id, [{ op: 'test', path: '/version', value: version }, edit, { op: 'replace', path: '/customFields/nope/deeper', value: 1 }]), {
      status: 400,
      message: /\/customFields\/nope\/deeper/,
      field: 'customFields',
    });
    await assertRefused(s, () => patch(id, [edit, { op: 'test', path: '/tags', value: ['not', 'these'] }]), { status: 409, message: /\/tags/, field: 'tags' });
    assert.equal((await stored(id)).description, 'second');
  });

  test('mentionIds and tags are patched as sent; a non-member or a long tag → 400', async () => {
    const res = await patch(id, [
      { op: 'replace', path: '/description', value: 'ask @{3,Alex Artist}' },
      { op: 'add', path: '/tags/-', value: 'picked' },
    ]);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.mentionIds, [2], 'mentionIds stay as the client left them');
    assert.deepEqual(res.body.tags, ['grade', 'picked']);
    await assertRefused(s, () => patch(id, [{ op: 'add', path: '/mentionIds/-', value: 987654 }]), { status: 400, message: /user 987654 is not in this production/, field: 'mentionIds' });
    await assertRefused(s, () => patch(id, [{ op: 'add', path: '/tags/-', value: 'y'.repeat(MAX_TAG_LENGTH + 1) }]), { status: 400, message: /tags/, field: 'tags' });
  });

  test('ops outside RFC 6902 and prototype paths → 400 naming the problem', async () => {
    await assertRefused(s, () => patch(id, [{ op: '_get', path: '/description', value: 1 }]), { status: 400, message: /op/ });
    await assertRefused(s, () => patch(id, [{ op: 'add', path: '/customFields/__proto__/polluted', value: 1 }]), { status: 400, message: /__proto__/ });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
