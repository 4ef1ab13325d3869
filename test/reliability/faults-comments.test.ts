/**
 * Fault injection over the comment mutations of <comment-thread> (create, reply, edit, delete) × 500, 503,
 * timeout, dropped connection, slow answer and 409: see fault-harness.ts for what each scenario proves.
 */
import { expect, html } from '@open-wc/testing';
import type { Drawing } from '../../src/contract/types.js';
import type { ReviewCommentComposer } from '../../src/elements/comment-thread/comment-composer.js';
import { commentEl, commentText, mainComposer, textarea } from '../elements/comment-thread/helpers.js';
import { memoryApi, mountWithSession } from '../elements/review-playlist/harness.js';
import '../../src/elements/comment-thread/define.js';
import { faultSuite, type Ctx, type Target } from './fault-harness.js';
import { buttonByText, typeInto, until } from './util.js';

const sr = (el: Element) => el.shadowRoot!;
const DRAWING: Drawing = {
  shapes: [
    {
      type: 'rect',
      color: '#ff3b30',
      width: 3,
      points: [
        [0.1, 0.1],
        [0.4, 0.5],
      ],
    },
  ],
};

const NEW_TEXT = 'The matte edge pops on frame 0 — please check #{comp}';
const REPLY_TEXT = 'Agreed, the holdout needs one more frame.';
const EDIT_TEXT = 'Client asked for a warmer AND brighter grade here.';

async function threadCtx(): Promise<Ctx> {
  const api = memoryApi();
  const host = await mountWithSession(
    api,
    html`<comment-thread clip-id="101" undo-delay="0" style="display:block;height:2000px"></comment-thread>`,
  );
  const el = host.querySelector('comment-thread')!;
  await until(() => el.shadowRoot?.querySelector('[role="listitem"]'), 'comments shown');
  return { api, el };
}

const submitComposer = (c: ReviewCommentComposer) => c.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();

async function typeComposer(c: ReviewCommentComposer, text: string) {
  const ta = textarea(c);
  typeInto(ta, text);
  await c.updateComplete;
}

/** The article of the (only) comment whose text is `text`. */
const articleWith = (el: HTMLElement, text: string) =>
  [...sr(el).querySelectorAll<HTMLElement>('article[data-comment-id]')].find(
    (a) => a.querySelector('[part~="text"]')?.textContent?.trim() === text,
  ) ?? null;

async function confirmedIds(ctx: Ctx, clipId = 101) {
  const page = await ctx.api.searchComments({ mediaObjectId: clipId });
  return page.items.map((c) => c.id).sort();
}

const shownConfirmedIds = (el: HTMLElement) =>
  [...sr(el).querySelectorAll<HTMLElement>('article[data-comment-id]')]
    .map((a) => Number(a.dataset.commentId))
    .filter((id) => id > 0)
    .sort();

const createComment: Target = {
  name: 'create comment (comment-thread)',
  method: 'createComment',
  mount: threadCtx,
  async act({ el }) {
    (el as HTMLElement & { drawing: Drawing | null }).drawing = DRAWING;
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const c = mainComposer(el as never)!;
    await c.updateComplete;
    await typeComposer(c, NEW_TEXT);
    submitComposer(c);
  },
  pending: ({ el }) => !!articleWith(el, NEW_TEXT.replace('#{comp}', '#comp'))?.textContent?.includes('Sending…'),
  async truth(ctx) {
    // Every confirmed comment shown is stored, and the unsent one is marked as not sent (negative id).
    expect(shownConfirmedIds(ctx.el)).to.deep.equal(await confirmedIds(ctx));
    const a = articleWith(ctx.el, NEW_TEXT.replace('#{comp}', '#comp'))!;
    expect(Number(a.dataset.commentId)).to.be.below(0);
    expect(a.getAttribute('part')).to.contain('comment-failed');
  },
  async kept({ el }) {
    const a = articleWith(el, NEW_TEXT.replace('#{comp}', '#comp'));
    expect(a, 'the unsent comment keeps its text').to.exist;
    expect(a!.textContent, 'and its drawing').to.contain('Drawing');
  },
  async retry({ el }) {
    buttonByText(articleWith(el, NEW_TEXT.replace('#{comp}', '#comp'))!, 'Retry')!.click();
  },
  async stored(ctx) {
    await until(
      async () => (await ctx.api.searchComments({ mediaObjectId: 101 })).items.some((c) => c.description === NEW_TEXT),
      'comment stored',
    );
    const saved = (await ctx.api.searchComments({ mediaObjectId: 101 })).items.filter((c) => c.description === NEW_TEXT);
    expect(saved, 'stored once').to.have.length(1);
    expect(saved[0].customFields.drawing).to.deep.equal(DRAWING);
    await until(
      () => Number(articleWith(ctx.el, NEW_TEXT.replace('#{comp}', '#comp'))?.dataset.commentId) === saved[0].id,
      'shown as saved',
    );
    expect(shownConfirmedIds(ctx.el)).to.deep.equal(await confirmedIds(ctx));
  },
};

const reply: Target = {
  name: 'reply (comment-thread)',
  method: 'createComment',
  mount: threadCtx,
  async act({ el }) {
    sr(el).querySelector<HTMLButtonElement>('[data-reply="5001"]')!.click();
    await until(() => sr(el).querySelector('review-comment-composer.reply-box'), 'reply box');
    const box = sr(el).querySelector<ReviewCommentComposer>('review-comment-composer.reply-box')!;
    await box.updateComplete;
    await typeComposer(box, REPLY_TEXT);
    submitComposer(box);
  },
  pending: ({ el }) => !!articleWith(el, REPLY_TEXT)?.textContent?.includes('Sending…'),
  async truth(ctx) {
    expect(shownConfirmedIds(ctx.el)).to.deep.equal(await confirmedIds(ctx));
    expect(Number(articleWith(ctx.el, REPLY_TEXT)!.dataset.commentId)).to.be.below(0);
  },
  async kept({ el }) {
    expect(articleWith(el, REPLY_TEXT), 'the unsent reply keeps its text').to.exist;
  },
  async retry({ el }) {
    buttonByText(articleWith(el, REPLY_TEXT)!, 'Retry')!.click();
  },
  async stored(ctx) {
    await until(
      async () => (await ctx.api.searchComments({ mediaObjectId: 101 })).items.some((c) => c.description === REPLY_TEXT),
      'reply stored',
    );
    const saved = (await ctx.api.searchComments({ mediaObjectId: 101 })).items.filter((c) => c.description === REPLY_TEXT);
    expect(saved).to.have.length(1);
    expect(saved[0].relatedToId).to.equal(5001);
    await until(() => Number(articleWith(ctx.el, REPLY_TEXT)?.dataset.commentId) === saved[0].id, 'shown as saved');
  },
};

const editor = (el: HTMLElement) => sr(el).querySelector<ReviewCommentComposer>('review-comment-composer.editor');

const editComment: Target = {
  name: 'edit comment (comment-thread)',
  method: 'patchComment',
  mount: threadCtx,
  async act({ el }) {
    commentEl(el as never, 5003)!
      .querySelector<HTMLButtonElement>('.edit')!
      .click();
    await until(() => editor(el), 'editor open');
    await editor(el)!.updateComplete;
    await typeComposer(editor(el)!, EDIT_TEXT);
    submitComposer(editor(el)!);
  },
  pending: ({ el }) => !!commentEl(el as never, 5003)?.textContent?.includes('Saving…'),
  async truth(ctx) {
    const stored = (await ctx.api.searchComments({ mediaObjectId: 101 })).items.find((c) => c.id === 5003)!;
    expect(stored.description).not.to.equal(EDIT_TEXT);
    const shown = (ctx.el as unknown as { threads: Array<{ root: { id: number; description: string } | null }> }).threads.find(
      (t) => t.root?.id === 5003,
    )!.root!;
    expect(shown.description).to.equal(stored.description);
  },
  async kept({ el }) {
    await until(() => editor(el), 'editor reopened');
    expect(textarea(editor(el)!).value).to.equal(EDIT_TEXT);
  },
  async retry({ el }) {
    submitComposer(editor(el)!);
  },
  async stored(ctx) {
    await until(
      async () => (await ctx.api.searchComments({ mediaObjectId: 101 })).items.find((c) => c.id === 5003)!.description === EDIT_TEXT,
      'edit stored',
    );
    await until(() => commentText(ctx.el as never, 5003) === EDIT_TEXT && !editor(ctx.el), 'edit shown');
  },
};

const deleteComment: Target = {
  name: 'delete comment (comment-thread)',
  method: 'deleteComments',
  mount: threadCtx,
  async act({ el }) {
    commentEl(el as never, 5003)!
      .querySelector<HTMLButtonElement>('.delete')!
      .click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    commentEl(el as never, 5003)!
      .querySelector<HTMLButtonElement>('.confirm-delete')!
      .click();
  },
  // Deleting hides the comment at once (optimistic) until the server answers.
  pending: ({ el }) => !commentEl(el as never, 5003),
  async truth(ctx) {
    await until(() => commentEl(ctx.el as never, 5003), 'comment back');
    expect(shownConfirmedIds(ctx.el)).to.deep.equal(await confirmedIds(ctx));
  },
  async kept({ el }) {
    expect(commentText(el as never, 5003)).to.contain('warmer grade');
  },
  async retry({ el }) {
    commentEl(el as never, 5003)!
      .querySelector<HTMLButtonElement>('.delete')!
      .click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    commentEl(el as never, 5003)!
      .querySelector<HTMLButtonElement>('.confirm-delete')!
      .click();
  },
  async stored(ctx) {
    await until(async () => !(await confirmedIds(ctx)).includes(5003), 'deleted on the server');
    await until(() => !commentEl(ctx.el as never, 5003), 'gone from the list');
    expect(shownConfirmedIds(ctx.el)).to.deep.equal(await confirmedIds(ctx));
  },
};

faultSuite('faults (comments)', [createComment, reply, editComment, deleteComment]);
