import { expect } from '@open-wc/testing';
import { ReviewApiError } from '../../src/contract/errors.js';
import { applyPatchCopy, validateCommentPatchOps } from '../../src/backend/validation.js';
import type { Operation } from '../../src/contract/types.js';

/** The ReviewApiError `fn` throws. */
function refusal(fn: () => unknown): ReviewApiError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(ReviewApiError);
    return e as ReviewApiError;
  }
  throw new Error('expected a ReviewApiError');
}

describe('applyPatchCopy (fast-json-patch behind the API errors)', () => {
  const doc = () => ({
    version: 3,
    description: 'text',
    tags: ['a', 'b'],
    customFields: { drawing: { shapes: [1] } } as Record<string, unknown>,
  });

  it('returns the patched copy; the document and the ops stay as they were and share nothing with it', () => {
    const before = doc();
    const value = { shapes: [2] };
    const ops: Operation[] = [
      { op: 'replace', path: '/customFields/drawing', value },
      { op: 'add', path: '/tags/-', value: 'c' },
    ];
    const after = applyPatchCopy(before, ops);
    expect(after).to.deep.equal({ ...doc(), tags: ['a', 'b', 'c'], customFields: { drawing: { shapes: [2] } } });
    expect(before).to.deep.equal(doc());
    (after.customFields.drawing as { shapes: number[] }).shapes.push(3);
    expect(value).to.deep.equal({ shapes: [2] });
    expect(ops[0]).to.deep.equal({ op: 'replace', path: '/customFields/drawing', value: { shapes: [2] } });
  });

  it('a failed test is 409 naming the tested field; nothing of the patch is kept', () => {
    const before = doc();
    const e = refusal(() =>
      applyPatchCopy(before, [
        { op: 'replace', path: '/description', value: 'new' },
        { op: 'test', path: '/version', value: 2 },
      ]),
    );
    expect(e).to.include({ status: 409, code: 'CONFLICT', field: 'version' });
    expect(e.message).to.contain('test of /version failed');
    expect(before).to.deep.equal(doc());
  });

  it('any other failing op is 400 naming the op, its path and why', () => {
    const e = refusal(() =>
      applyPatchCopy(doc(), [
        { op: 'test', path: '/version', value: 3 },
        { op: 'replace', path: '/customFields/nope/deeper', value: 1 },
      ]),
    );
    expect(e).to.include({ status: 400, field: 'customFields' });
    expect(e.message).to.equal('JSON Patch op 1 (replace /customFields/nope/deeper): the path names nothing in the document');
    expect(refusal(() => applyPatchCopy(doc(), [{ op: 'add', path: '/tags/7', value: 'x' }])).message).to.contain(
      'past the end of the array',
    );
    expect(refusal(() => applyPatchCopy(doc(), [{ op: 'copy', from: '/nothing', path: '/tags/0' }])).message).to.contain(
      '"from" names nothing',
    );
  });

  it('refuses what RFC 6902 does not define, and paths through __proto__', () => {
    const get = refusal(() => applyPatchCopy(doc(), [{ op: '_get', path: '/description', value: null }]));
    expect(get).to.include({ status: 400, field: '[0].op' });
    const move = refusal(() => applyPatchCopy(doc(), [{ op: 'move', path: '/tags/0' } as unknown as Operation]));
    expect(move).to.include({ status: 400, field: '[0].from' });
    const proto = refusal(() => applyPatchCopy(doc(), [{ op: 'add', path: '/customFields/__proto__/polluted', value: true }]));
    expect(proto.message).to.contain('__proto__');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('validateCommentPatchOps', () => {
  it('takes a patch with or without the leading version test, and refuses fields that are not editable', () => {
    expect(() => validateCommentPatchOps([{ op: 'replace', path: '/description', value: 'x' }])).not.to.throw();
    expect(() =>
      validateCommentPatchOps([
        { op: 'test', path: '/version', value: 1 },
        { op: 'replace', path: '/description', value: 'x' },
      ]),
    ).not.to.throw();
    expect(refusal(() => validateCommentPatchOps([{ op: 'move', from: '/creatorId', path: '/customFields/x' }]))).to.include({
      status: 400,
      field: 'creatorId',
    });
    expect(refusal(() => validateCommentPatchOps([]))).to.include({ status: 400, field: 'body' });
  });
});
