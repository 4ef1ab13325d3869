/**
 * The JSON Patch edits (comment-patch, fast-json-patch's compare) are fetched when someone starts editing a
 * note, not with the thread: reading and writing new notes never download them. Its own file: a page loads
 * a module once.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { ClipAnnotation, Operation } from '../../../src/contract/types.js';
import type { ReviewCommentComposer } from '../../../src/elements/comment-thread/comment-composer.js';
import { $, buttonByText, commentEl, mount, typeInto } from './helpers.js';

const patchLibraryFetched = () =>
  performance.getEntriesByType('resource').some((e) => /\/comment-patch\.|fast-json-patch\/module\/duplex/.test(e.name));

describe('<comment-thread> loads the JSON Patch library for the first edit', () => {
  it('not with the thread, nor for a new note; an edit fetches it and saves a patch', async () => {
    const m = await mount();
    expect(patchLibraryFetched(), 'fetched with the thread').to.equal(false);
    (commentEl(m.el, 5003)!.querySelector('.edit') as HTMLButtonElement).click();
    await m.el.updateComplete;
    const editor = $<ReviewCommentComposer>(m.el, 'review-comment-composer[mode="edit"]')!;
    await typeInto(editor, 'Warmer grade from here. #{grade}');
    const updated = oneEvent(m.el, 'review-comment-updated');
    buttonByText(editor.shadowRoot!, 'Save')!.click();
    const { comment } = (await updated).detail as { comment: ClipAnnotation };
    expect(comment.description).to.equal('Warmer grade from here. #{grade}');
    expect(patchLibraryFetched()).to.equal(true);
    const ops = m.callsOf('patchComment')[0].args[1] as Operation[];
    expect(ops).to.deep.equal([
      { op: 'test', path: '/version', value: 1 },
      { op: 'replace', path: '/description', value: 'Warmer grade from here. #{grade}' },
    ]);
  });
});
