import { expect } from '@open-wc/testing';
import { commentPatch, newComment } from '../../src/contract/comment-patch.js';
import { applyPatchCopy } from '../../src/backend/validation.js';
import type { ClipAnnotation } from '../../src/contract/types.js';
import { createDemoFixture } from '../../demo/fixture.js';

describe('commentPatch / newComment', () => {
  const base = (): ClipAnnotation => structuredClone(createDemoFixture().comments[0]);

  it('leads with a version test and touches only the changed editable fields', () => {
    const old = { ...base(), version: 4 };
    const ops = commentPatch(old, { description: 'New text #{grade} @{4,Vic}' });
    expect(ops[0]).to.deep.equal({ op: 'test', path: '/version', value: 4 });
    expect(ops.slice(1)).to.deep.include.members([{ op: 'replace', path: '/description', value: 'New text #{grade} @{4,Vic}' }]);
    // mentions/tags re-derived from the new text
    const paths = ops.map((o) => o.path);
    expect(paths.some((p) => p.startsWith('/mentionIds'))).to.be.true;
    expect(paths.some((p) => p.startsWith('/tags'))).to.be.true;
    expect(paths.every((p) => /^\/(version|description|mentionIds|tags)/.test(p))).to.be.true;
  });

  it('ignores non-editable fields and returns [] when nothing changes', () => {
    const old = base();
    const sneaky = { ...old, start: 99, creatorId: 1 } as unknown as Partial<ClipAnnotation>;
    expect(commentPatch(old, sneaky)).to.deep.equal([]);
  });

  it('patches nested custom fields', () => {
    const old = base();
    const ops = commentPatch(old, { customFields: { ...old.customFields, internal: true } });
    expect(ops).to.deep.equal([
      { op: 'test', path: '/version', value: 1 },
      { op: 'add', path: '/customFields/internal', value: true },
    ]);
  });

  it('gives a patch that turns the old comment into the edited one (arrays, nulls, keys with / and ~)', () => {
    const old = { ...base(), tags: ['a', 'b', 'c'], spatial: 'xywh=percent:1,2,0,0', customFields: { 'a/b~c': 1, drop: true } };
    const edits = { tags: ['c'], spatial: null, customFields: { 'a/b~c': 2, 'x~y': [1] } };
    const patched = applyPatchCopy(old, commentPatch(old, edits));
    expect(patched).to.deep.equal({ ...old, ...edits });
  });

  it('builds a one-frame comment with derived mentions and tags', () => {
    const c = newComment({ mediaObjectId: 101, start: 7, description: '@{3,Alex Artist} fix #{comp}', internal: true });
    expect(c).to.deep.equal({
      objectType: 'ClipAnnotation',
      funnel: 'ReviewComment',
      mediaObjectId: 101,
      description: '@{3,Alex Artist} fix #{comp}',
      mentionIds: [3],
      tags: ['comp'],
      spatial: null,
      uiLocation: null,
      relatedToId: null,
      start: 7,
      end: 8,
      customFields: { internal: true },
    });
  });
});
