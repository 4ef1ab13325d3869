/**
 * Issue 17 in the thread: a client's note carries a "Client" badge on the studio's page (whatever name the
 * client gave), and a root a client deleted over the studio's replies shows as "This comment was deleted."
 * with the replies under it and nothing to edit or answer.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { newComment } from '../../../src/contract/comment-patch.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import { $$, buttonByText, commentEl, commentIds, mount } from './helpers.js';

beforeEach(() => localStorage.clear());

/** A client of a share of playlist 301 (clip 101), on the same backend as `studio`. */
async function clientOf(studio: MemoryReviewApi, name: string): Promise<MemoryReviewApi> {
  const share = await studio.createShare(301, { settings: { requirePassword: false }, password: null });
  const { token } = await studio.anonymous().openShareSession(share.token, { name });
  return studio.withToken(token);
}

describe('<comment-thread>: client notes and deleted roots', () => {
  it("marks a client's note with a Client badge on the studio's page; a studio note has none", async () => {
    const base = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const client = await clientOf(base, 'Pat from Acme');
    const note = await client.createComment(newComment({ mediaObjectId: 101, start: 20, description: 'Too dark here' }));
    const { el } = await mount({ api: base, userId: 1 });
    const badge = commentEl(el, note.id)!.querySelector('[part~="client-badge"]');
    expect(badge, 'client badge').to.exist;
    expect(badge!.textContent!.trim()).to.equal('Client');
    expect(commentEl(el, note.id)!.querySelector('[part~="author"]')!.textContent).to.contain('Pat from Acme');
    expect(commentEl(el, 5001)!.querySelector('[part~="client-badge"]')).to.equal(null);
    expect($$(el, '[part~="client-badge"]')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('shows a tombstone as "This comment was deleted." above the replies, with no edit, delete or reply', async () => {
    const base = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const client = await clientOf(base, 'Casey Client');
    const root = await client.createComment(newComment({ mediaObjectId: 101, start: 30, description: 'Secret wish' }));
    const reply = await base
      .forUser(3)
      .createComment({ ...newComment({ mediaObjectId: 101, start: 30, description: 'Noted' }), relatedToId: root.id });
    await client.deleteComments([root.id]);

    const { el } = await mount({ api: base, userId: 1 });
    const thread = $$(el, '[role="listitem"]').find((t) => t.querySelector(`[data-comment-id="${reply.id}"]`))!;
    expect(thread, 'the reply is still shown').to.exist;
    expect(thread.querySelector('h3')!.textContent!.trim()).to.equal('This comment was deleted.');
    expect(commentIds(el)).to.not.include(root.id);
    expect(el.shadowRoot!.textContent).to.not.contain('Secret wish');
    expect(thread.querySelector('button.reply'), 'no reply to a deleted comment').to.equal(null);
    expect(thread.querySelector('.replies article')!.textContent).to.contain('Noted');
    await expect(el).to.be.accessible();
  });

  it("a client deleting its root is told the studio's reply stays, and still sees it", async () => {
    const base = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const share = await base.createShare(301, { settings: { requirePassword: false }, password: null });
    const { token } = await base.anonymous().openShareSession(share.token, { name: 'Casey Client' });
    const root = await base.withToken(token).createComment(newComment({ mediaObjectId: 101, start: 30, description: 'Mine' }));
    const reply = await base
      .forUser(3)
      .createComment({ ...newComment({ mediaObjectId: 101, start: 30, description: 'Studio answer' }), relatedToId: root.id });

    const { el, callsOf } = await mount({ api: base, token, undoDelay: 0 });
    (commentEl(el, root.id)!.querySelector('.delete') as HTMLButtonElement).click();
    await el.updateComplete;
    const confirm = commentEl(el, root.id)!.querySelector('[part="confirm"]')!;
    expect(confirm.textContent).to.contain('Delete this comment? The replies of others stay.');
    const deleted = oneEvent(el, 'review-comment-deleted');
    buttonByText(confirm, 'Delete')!.click();
    await deleted;
    expect(callsOf('deleteComments').map((c) => c.args[0])).to.deep.equal([[root.id]]);
    await waitUntil(() => !commentIds(el).includes(root.id), 'the root is gone');
    expect(commentIds(el)).to.include(reply.id);
    expect(base.backend.comments.find((c) => c.id === root.id)?.customFields.deleted, 'kept as a tombstone').to.equal(true);
  });
});
