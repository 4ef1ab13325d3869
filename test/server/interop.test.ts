/**
 * What the production API accepts, the reference server accepts too (docs/http-api.md, "Search, paging and
 * patches"): a create body without `mediaObjectId`, a patch without the version test, `mentionIds`/`tags`
 * as the client sends them, Solr-style paging and `fq` filters. Each refusal names the field and leaves
 * the database as it was.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_MENTIONS, MAX_TAG_LENGTH, MAX_TAGS, type ClipAnnotation } from '../../src/contract/types.js';
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
    assertRefused(s, () => create(seedBody({ mediaObjectId: 103 }), 102), {
      status: 400,
      message: /mediaObjectId 103 does not match the clip 102/,
      field: 'mediaObjectId',
    }));

  test('mentionIds and tags are stored as sent, even when the description has no markers', async () => {
    const res = await create(seedBody({ description: 'plain text', mentionIds: [3, 2], tags: ['grade', 'from-a-picker'] }));
    assert.equal(res.status, 201, res.text);
    const c = await stored(res.body.id);
    assert.deepEqual(c.mentionIds, [3, 2]);
    assert.deepEqual(c.tags, ['grade', 'from-a-picker']);
  });

  test('a mention of someone outside the production → 400 naming mentionIds', () =>
    assertRefused(s, () => create(seedBody({ mentionIds: [2, 987654] })), {
      status: 400,
      message: /user 987654 is not in this production/,
      field: 'mentionIds',
    }));

  test(`more than ${MAX_MENTIONS} mentions or ${MAX_TAGS} tags, or a tag over ${MAX_TAG_LENGTH} characters → 400 naming the field`, async () => {
    const mentions = Array.from({ length: MAX_MENTIONS + 1 }, () => 2);
    const tags = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`);
    await assertRefused(s, () => create(seedBody({ mentionIds: mentions })), {
      status: 400,
      message: new RegExp(`more than ${MAX_MENTIONS}`),
      field: 'mentionIds',
    });
    await assertRefused(s, () => create(seedBody({ tags })), { status: 400, message: new RegExp(`more than ${MAX_TAGS}`), field: 'tags' });
    await assertRefused(s, () => create(seedBody({ tags: ['ok', 'x'.repeat(MAX_TAG_LENGTH + 1)] })), {
      status: 400,
      message: new RegExp(`${MAX_TAG_LENGTH} characters`),
      field: 'tags[1]',
    });
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
    assertRefused(
      s,
      () =>
        patch(id, [
          { op: 'test', path: '/version', value: 1 },
          { op: 'replace', path: '/description', value: 'stale' },
        ]),
      {
        status: 409,
        message: /changed by someone else/,
        field: 'version',
      },
    ));

  test('any failing op rolls the whole patch back: a later bad path → 400, a later failing test → 409', async () => {
    const { version } = await stored(id);
    const edit = { op: 'replace', path: '/description', value: 'half-written' };
    await assertRefused(
      s,
      () =>
        patch(id, [{ op: 'test', path: '/version', value: version }, edit, { op: 'replace', path: '/customFields/nope/deeper', value: 1 }]),
      {
        status: 400,
        message: /\/customFields\/nope\/deeper/,
        field: 'customFields',
      },
    );
    await assertRefused(s, () => patch(id, [edit, { op: 'test', path: '/tags', value: ['not', 'these'] }]), {
      status: 409,
      message: /\/tags/,
      field: 'tags',
    });
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
    await assertRefused(s, () => patch(id, [{ op: 'add', path: '/mentionIds/-', value: 987654 }]), {
      status: 400,
      message: /user 987654 is not in this production/,
      field: 'mentionIds',
    });
    await assertRefused(s, () => patch(id, [{ op: 'add', path: '/tags/-', value: 'y'.repeat(MAX_TAG_LENGTH + 1) }]), {
      status: 400,
      message: /tags/,
      field: 'tags',
    });
  });

  test('ops outside RFC 6902 and prototype paths → 400 naming the problem', async () => {
    await assertRefused(s, () => patch(id, [{ op: '_get', path: '/description', value: 1 }]), { status: 400, message: /op/ });
    await assertRefused(s, () => patch(id, [{ op: 'add', path: '/customFields/__proto__/polluted', value: 1 }]), {
      status: 400,
      message: /__proto__/,
    });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('searching comments', () => {
  // A fresh server: only the fixture's comments (clip 101: 5001 by 2 at 12, 5002 reply by 3 at 12,
  // 5003 by 1 at 40, 5004 internal by 2 at 70; clip 102: 5005; clip 103: 5006).
  let q: TestServer;
  before(async () => {
    q = await testServer();
  });
  after(() => q.close());
  const search = (query: string) => q.call('GET', `${API}/an/search?${query}`, { token: q.tokens.producer });
  const ids = async (query: string) => {
    const res = await search(query);
    assert.equal(res.status, 200, res.text);
    return (res.body as Array<{ id: number }>).map((c) => c.id);
  };

  test('limit/offset and start/rows page alike; the total and offset come back in headers', async () => {
    for (const paging of ['offset=1&limit=2', 'start=1&rows=2']) {
      const res = await search(`fq=mediaObjectId:101&sort=start%20ASC&${paging}`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        res.body.map((c: { id: number }) => c.id),
        [5002, 5003],
        paging,
      );
      assert.equal(res.headers['x-pagination-total-results'], '4');
      assert.equal(res.headers['x-pagination-offset'], '1');
    }
    const first = await search('fq=mediaObjectId:101');
    assert.equal(first.headers['x-pagination-offset'], '0');
  });

  test('offset and start (or limit and rows) that disagree → 400 naming the alias', async () => {
    const a = await search('offset=1&start=2');
    assert.equal(a.status, 400, a.text);
    assert.equal(a.body.error.field, 'start');
    assert.match(a.body.error.message, /start.*offset/);
    const b = await search('limit=1&rows=2');
    assert.equal(b.status, 400, b.text);
    assert.equal(b.body.error.field, 'rows');
  });

  test('repeated fq are ANDed; -field:value negates; field:(a b) matches either', async () => {
    assert.deepEqual(await ids('fq=mediaObjectId:101&fq=creatorId:2'), [5001, 5004]);
    assert.deepEqual(await ids('fq=mediaObjectId:101&fq=-creatorId:2'), [5002, 5003]);
    assert.deepEqual(await ids('fq=mediaObjectId:101&fq=creatorId:(1%203)'), [5002, 5003]);
    assert.deepEqual(await ids('fq=mediaObjectId:(102%20103)'), [5005, 5006]);
    assert.deepEqual(await ids('fq=-relatedToId:null'), [5002]);
    assert.deepEqual(await ids('fq=mediaObjectId:101&fq=-relatedToId:5001'), [5001, 5003, 5004], 'a null relatedToId is not 5001');
    assert.deepEqual(await ids('fq=threadGroupId:5001'), [5001, 5002]);
    assert.deepEqual(await ids('fq=id:(5003%205005)&fq=funnel:ReviewComment&fq=objectType:ClipAnnotation'), [5005, 5003]);
    assert.deepEqual(await ids('fq=mediaObjectId:101&fq=-funnel:ReviewComment'), []);
  });

  test('an unknown field → 400 whose message names it; a bad value names its field', async () => {
    const res = await search('fq=mediaObjectId:101&fq=-colour:red');
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.error.field, 'fq');
    assert.match(res.body.error.message, /unknown field "colour"/);
    const bad = await search('fq=creatorId:(1%20x)');
    assert.equal(bad.status, 400, bad.text);
    assert.match(bad.body.error.message, /creatorId must be a whole number/);
    const empty = await search('fq=creatorId:()');
    assert.equal(empty.status, 400, empty.text);
    assert.match(empty.body.error.message, /creatorId/);
  });
});
