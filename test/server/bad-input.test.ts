/**
 * Every refused request answers 4xx with `{error:{code,message,field}}` naming the problem, never 500,
 * and leaves the database exactly as it was (a full dump before and after is compared).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_DESCRIPTION_LENGTH } from '../../src/contract/types.js';
import { API, assertRefused, newComment, testServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

const create = (body: unknown, token = s.tokens.producer) => s.call('POST', `${API}/mo/101/clip`, { token, body });
const patch = (id: number, ops: unknown, token = s.tokens.producer) => s.call('PATCH', `${API}/an/${id}`, { token, body: ops });
const v1 = { op: 'test', path: '/version', value: 1 };

describe('creating a comment', () => {
  test('a valid comment is created with server-assigned fields (control)', async () => {
    const res = await create(newComment());
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.id, 5007, 'ids continue after the fixture (MOAs 201-204, comments 5001-5006)');
    assert.equal(res.body.creatorId, 1);
    assert.equal(res.body.version, 1);
    assert.equal(res.body.threadGroupId, res.body.id);
  });

  test('malformed JSON', () =>
    assertRefused(s, () => s.call('POST', `${API}/mo/101/clip`, { token: s.tokens.producer, raw: '{"objectType": ' }), {
      status: 400,
      message: /not valid JSON/,
    }));

  test('empty body', () =>
    assertRefused(s, () => s.call('POST', `${API}/mo/101/clip`, { token: s.tokens.producer, raw: '' }), { status: 400, message: /empty/ }));

  test('wrong content type', () =>
    assertRefused(s, () => s.call('POST', `${API}/mo/101/clip`, { token: s.tokens.producer, raw: 'hello', type: 'text/plain' }), {
      status: 415,
      message: /content type|Content-Type/i,
    }));

  test('prototype poisoning', () =>
    assertRefused(
      s,
      () =>
        s.call('POST', `${API}/mo/101/clip`, {
          token: s.tokens.producer,
          raw: JSON.stringify(newComment()).replace('"customFields":{}', '"customFields":{"__proto__":{"x":1}}'),
        }),
      { status: 400, message: /prototype/ },
    ));

  test('wrong type: start as a string', () =>
    assertRefused(s, () => create(newComment({ start: '10' })), { status: 400, message: /start must be integer/, field: 'start' }));
  test('wrong type: description as a number', () =>
    assertRefused(s, () => create(newComment({ description: 5 })), {
      status: 400,
      message: /description must be string/,
      field: 'description',
    }));
  test('missing field', async () => {
    const body = newComment();
    delete body.end;
    await assertRefused(s, () => create(body), { status: 400, message: /end is required/, field: 'end' });
  });
  test('unknown field', () =>
    assertRefused(s, () => create(newComment({ creatorId: 4 })), {
      status: 400,
      message: /creatorId is not a known field/,
      field: 'creatorId',
    }));
  test('wrong funnel', () =>
    assertRefused(s, () => create(newComment({ funnel: 'Other' })), {
      status: 400,
      message: /funnel must be "ReviewComment"/,
      field: 'funnel',
    }));
  test('end != start + 1', () =>
    assertRefused(s, () => create(newComment({ start: 10, end: 12 })), { status: 400, message: /end must be start \+ 1/, field: 'end' }));
  test('start past the last frame', () =>
    assertRefused(s, () => create(newComment({ start: 96, end: 97 })), {
      status: 400,
      message: /past the last frame \(95\)/,
      field: 'start',
    }));
  test('negative start', () =>
    assertRefused(s, () => create(newComment({ start: -1, end: 0 })), { status: 400, message: /start must be >= 0/, field: 'start' }));
  test('mediaObjectId other than the URL clip', () =>
    assertRefused(s, () => create(newComment({ mediaObjectId: 102 })), {
      status: 400,
      message: /does not match the clip 101/,
      field: 'mediaObjectId',
    }));
  test('description over the limit', () =>
    assertRefused(s, () => create(newComment({ description: 'x'.repeat(MAX_DESCRIPTION_LENGTH + 1), mentionIds: [], tags: [] })), {
      status: 400,
      message: new RegExp(`description must NOT have more than ${MAX_DESCRIPTION_LENGTH} characters`),
      field: 'description',
    }));
  test('blank description', () =>
    assertRefused(s, () => create(newComment({ description: '   ', mentionIds: [], tags: [] })), {
      status: 400,
      message: /description must not be empty/,
      field: 'description',
    }));
  test('a mention of someone outside the production', () =>
    assertRefused(s, () => create(newComment({ description: 'hi @{99,Nobody}', mentionIds: [99], tags: [] })), {
      status: 400,
      message: /user 99 is not in this production/,
      field: 'mentionIds',
    }));
  test('bad spatial fragment', () =>
    assertRefused(s, () => create(newComment({ spatial: 'xywh=percent:90,90,20,20' })), {
      status: 400,
      message: /spatial must be null or a media fragment/,
      field: 'spatial',
    }));
  test('bad drawing', () =>
    assertRefused(
      s,
      () => create(newComment({ customFields: { drawing: { shapes: [{ type: 'blob', color: '#fff', width: 2, points: [[0, 0]] }] } } })),
      {
        status: 400,
        message: /customFields\.drawing\.shapes\[0\]\.type must be one of: pen/,
        field: 'customFields.drawing.shapes[0].type',
      },
    ));
  test('reply to a reply', () =>
    assertRefused(s, () => create(newComment({ relatedToId: 5002 })), { status: 400, message: /one level deep/, field: 'relatedToId' }));
  test('reply to a comment of another clip', () =>
    assertRefused(s, () => create(newComment({ relatedToId: 5005 })), { status: 400, message: /same clip/, field: 'relatedToId' }));
  test('reply to an unknown comment', () =>
    assertRefused(s, () => create(newComment({ relatedToId: 999999 })), {
      status: 400,
      message: /999999 is not a comment/,
      field: 'relatedToId',
    }));
  test('unknown clip', () =>
    assertRefused(s, () => s.call('POST', `${API}/mo/999/clip`, { token: s.tokens.producer, body: newComment({ mediaObjectId: 999 }) }), {
      status: 404,
      message: /clip 999/,
      field: 'moId',
    }));
  test('non-numeric clip id', () =>
    assertRefused(s, () => s.call('POST', `${API}/mo/abc/clip`, { token: s.tokens.producer, body: newComment() }), {
      status: 400,
      message: /moId must be integer/,
      field: 'moId',
    }));
  test('unknown production', () =>
    assertRefused(s, () => s.call('POST', `/api/production/nope/mo/101/clip`, { token: s.tokens.producer, body: newComment() }), {
      status: 404,
      message: /no production "nope"/,
    }));
  test('body over 1 MiB', () =>
    assertRefused(s, () => create(newComment({ customFields: { blob: 'x'.repeat(1_100_000) } })), { status: 413, message: /1 MiB/ }));
});

describe('editing a comment (JSON Patch)', () => {
  test('forbidden paths are refused with 400 naming the field', async () => {
    for (const path of [
      '/id',
      '/creatorId',
      '/start',
      '/end',
      '/mediaObjectId',
      '/created',
      '/threadGroupId',
      '/relatedToId',
      '/objectType',
    ]) {
      const field = path.slice(1);
      await assertRefused(s, () => patch(5003, [v1, { op: 'replace', path, value: 1 }]), {
        status: 400,
        message: new RegExp(`${field} is not an editable field`),
        field,
      });
    }
    await assertRefused(s, () => patch(5003, [v1, { op: 'replace', path: '/version', value: 7 }]), {
      status: 400,
      message: /version is not an editable field/,
      field: 'version',
    });
    await assertRefused(s, () => patch(5003, [v1, { op: 'move', from: '/creatorId', path: '/customFields/x' }]), {
      status: 400,
      message: /creatorId is not an editable field/,
      field: 'creatorId',
    });
  });
  test('unknown op', () =>
    assertRefused(s, () => patch(5003, [v1, { op: 'frobnicate', path: '/description', value: 'x' }]), {
      status: 400,
      message: /\[1\]\.op must be one of: add, remove, replace, move, copy, test/,
      field: '[1].op',
    }));
  test('op without path', () =>
    assertRefused(s, () => patch(5003, [v1, { op: 'replace', value: 'x' }]), {
      status: 400,
      message: /\[1\]\.path is required/,
      field: '[1].path',
    }));
  test('a body that is not a patch array', () =>
    assertRefused(s, () => patch(5003, { description: 'x' }), { status: 400, message: /must be array/ }));
  test('empty patch', () => assertRefused(s, () => patch(5003, []), { status: 400, message: /fewer than 1/ }));
  test('stale version → 409', () =>
    assertRefused(
      s,
      () =>
        patch(5003, [
          { op: 'test', path: '/version', value: 0 },
          { op: 'replace', path: '/description', value: 'x' },
        ]),
      { status: 409, message: /changed by someone else/, field: 'version' },
    ));
  test('unresolvable path', () =>
    assertRefused(s, () => patch(5003, [v1, { op: 'replace', path: '/customFields/nope/deeper', value: 1 }]), {
      status: 400,
      message: /JSON Patch op 1 \(replace \/customFields\/nope\/deeper\): the path names nothing/,
      field: 'customFields',
    }));
  test('description over the limit after the patch', () =>
    assertRefused(
      s,
      () =>
        patch(5003, [
          v1,
          { op: 'replace', path: '/description', value: 'y'.repeat(MAX_DESCRIPTION_LENGTH + 1) },
          { op: 'replace', path: '/tags', value: [] },
        ]),
      {
        status: 400,
        message: /description is longer than 10000 characters/,
        field: 'description',
      },
    ));
  test('wrong type inside customFields', () =>
    assertRefused(s, () => patch(5003, [v1, { op: 'add', path: '/customFields/internal', value: 'yes' }]), {
      status: 400,
      message: /customFields\.internal must be a boolean/,
      field: 'customFields.internal',
    }));
  test('unknown comment', () => assertRefused(s, () => patch(987654, [v1]), { status: 404, message: /comment 987654/ }));

  test('a valid edit increments the version (control)', async () => {
    const res = await patch(5003, [v1, { op: 'replace', path: '/description', value: 'Warmer please #{grade}' }]);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.version, 2);
    assert.equal(res.body.description, 'Warmer please #{grade}');
    const again = await patch(5003, [v1, { op: 'replace', path: '/description', value: 'lost update #{grade}' }]);
    assert.equal(again.status, 409, 'an edit based on version 1 is now stale');
  });
});

describe('review status', () => {
  const setStatus = (value: unknown, token = s.tokens.producer) =>
    s.call('PATCH', `${API}/an/202`, { token, body: [{ op: 'add', path: '/reviewStatus', value }] });
  test('unknown status', () =>
    assertRefused(s, () => setStatus('MAYBE'), {
      status: 400,
      message: /reviewStatus must be one of NOT_APPROVED, APPROVED, NEEDS_WORK/,
      field: 'reviewStatus',
    }));
  test('status of the wrong type', () =>
    assertRefused(s, () => setStatus(3), { status: 400, message: /reviewStatus must be one of/, field: 'reviewStatus' }));
  test('another path of the MOA', () =>
    assertRefused(
      s,
      () => s.call('PATCH', `${API}/an/202`, { token: s.tokens.producer, body: [{ op: 'replace', path: '/mediaObjectId', value: 101 }] }),
      {
        status: 400,
        message: /mediaObjectId is not an editable field/,
        field: 'mediaObjectId',
      },
    ));
  test('unknown clip', () =>
    assertRefused(s, () => s.call('GET', `${API}/mo/999/moa`, { token: s.tokens.producer }), { status: 404, message: /clip 999/ }));
  test('a valid status change (control)', async () => {
    const res = await setStatus('NEEDS_WORK');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.reviewStatus, 'NEEDS_WORK');
    assert.equal((await s.call('GET', `${API}/mo/102/moa`, { token: s.tokens.viewer })).body.reviewStatus, 'NEEDS_WORK');
  });
});

describe('delete, search, export, clips, settings', () => {
  const del = (ids: unknown, token = s.tokens.producer) =>
    s.call('DELETE', `${API}/an/bulk`, { token, body: { actions: [{ action: 'DELETE', ids }] } });
  test('bulk delete with one unknown id deletes nothing', () =>
    assertRefused(s, () => del([5004, 424242]), { status: 404, message: /comment 424242/ }));
  test('bulk delete with a bad action', () =>
    assertRefused(
      s,
      () => s.call('DELETE', `${API}/an/bulk`, { token: s.tokens.producer, body: { actions: [{ action: 'ARCHIVE', ids: [5004] }] } }),
      {
        status: 400,
        message: /actions\[0\]\.action must be one of: DELETE/,
        field: 'actions[0].action',
      },
    ));
  test('bulk delete of a MOA id', () => assertRefused(s, () => del([201]), { status: 404, message: /comment 201/ }));
  test('search: unknown fq field', () =>
    assertRefused(s, () => s.call('GET', `${API}/an/search?fq=color:red`, { token: s.tokens.producer }), {
      status: 400,
      message: /unknown field "color"/,
      field: 'fq',
    }));
  test('search: non-numeric mediaObjectId', () =>
    assertRefused(s, () => s.call('GET', `${API}/an/search?fq=mediaObjectId:abc`, { token: s.tokens.producer }), {
      status: 400,
      message: /mediaObjectId must be a whole number/,
      field: 'fq',
    }));
  test('search: limit too high', () =>
    assertRefused(s, () => s.call('GET', `${API}/an/search?limit=5000`, { token: s.tokens.producer }), {
      status: 400,
      message: /limit must be <= 1000/,
      field: 'limit',
    }));
  test('search: bad sort', () =>
    assertRefused(s, () => s.call('GET', `${API}/an/search?sort=id%20ASC`, { token: s.tokens.producer }), {
      status: 400,
      message: /sort must be one of: start ASC/,
      field: 'sort',
    }));
  test('search: unknown parameter', () =>
    assertRefused(s, () => s.call('GET', `${API}/an/search?q=x`, { token: s.tokens.producer }), {
      status: 400,
      message: /q is not a known field/,
      field: 'q',
    }));
  test('export: unknown format', () =>
    assertRefused(s, () => s.call('GET', `${API}/mo/101/comments/export?format=doc`, { token: s.tokens.producer }), {
      status: 400,
      message: /format must be one of: vtt, srt, csv, json/,
      field: 'format',
    }));
  test('clip patch of a read-only field', () =>
    assertRefused(
      s,
      () => s.call('PATCH', `${API}/mo/101`, { token: s.tokens.producer, body: [{ op: 'replace', path: '/name', value: 'x' }] }),
      { status: 400, message: /name is not an editable field of a clip/, field: 'name' },
    ));
  test('clip patch with a wrong type', () =>
    assertRefused(
      s,
      () => s.call('PATCH', `${API}/mo/101`, { token: s.tokens.producer, body: [{ op: 'replace', path: '/reasonForReview', value: 5 }] }),
      { status: 400, message: /reasonForReview must be string/, field: 'reasonForReview' },
    ));
  test('bulk reason for review with an unknown clip changes nothing', () =>
    assertRefused(
      s,
      () => s.call('PATCH', `${API}/mo/bulk`, { token: s.tokens.producer, body: { ids: [101, 999], reasonForReview: 'x' } }),
      { status: 404, message: /clip 999/ },
    ));
  test('settings: no status left', () =>
    assertRefused(
      s,
      () =>
        s.call('PATCH', `${API}/settings`, {
          token: s.tokens.producer,
          body: [{ op: 'replace', path: '/reviewStatusConfig/possibleValues', value: [] }],
        }),
      {
        status: 400,
        message: /reviewStatusConfig\.possibleValues must NOT have fewer than 1 items/,
        field: 'reviewStatusConfig.possibleValues',
      },
    ));
  test('settings: duplicate status ids', () =>
    assertRefused(
      s,
      () =>
        s.call('PATCH', `${API}/settings`, {
          token: s.tokens.producer,
          body: [{ op: 'add', path: '/reviewStatusConfig/possibleValues/-', value: { id: 'APPROVED', label: 'Again' } }],
        }),
      {
        status: 400,
        message: /unique ids/,
        field: 'reviewStatusConfig.possibleValues',
      },
    ));
  test('settings: unknown key', () =>
    assertRefused(
      s,
      () => s.call('PATCH', `${API}/settings`, { token: s.tokens.producer, body: [{ op: 'add', path: '/theme', value: 'dark' }] }),
      { status: 400, message: /theme is not an editable field/, field: 'theme' },
    ));
  test('org settings: bad colour', () =>
    assertRefused(
      s,
      () =>
        s.call('PATCH', '/api/org/settings', { token: s.tokens.producer, body: [{ op: 'replace', path: '/accentColor', value: 'red' }] }),
      { status: 400, message: /accentColor must match pattern/, field: 'accentColor' },
    ));
  test('org settings: unknown client theme', () =>
    assertRefused(
      s,
      () => s.call('PATCH', '/api/org/settings', { token: s.tokens.producer, body: [{ op: 'add', path: '/clientTheme', value: 'neon' }] }),
      { status: 400, message: /clientTheme must be one of: light, dark, auto/, field: 'clientTheme' },
    ));
  test('login without password', () =>
    assertRefused(s, () => s.call('POST', '/api/auth/login', { body: { email: 'producer@demo.test' } }), {
      status: 400,
      message: /password is required/,
      field: 'password',
    }));
});
