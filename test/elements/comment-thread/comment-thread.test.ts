import { expect, oneEvent, waitUntil, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ClipAnnotation, NewClipAnnotation } from '../../../src/contract/types.js';
import type { Operation } from '../../../src/contract/review-api.js';
import type { ReviewCommentComposer } from '../../../src/elements/comment-thread/comment-composer.js';
import { commentPatch } from '../../../src/contract/comment-patch.js';
import {
  $,
  $$,
  buttonByText,
  captureDownloads,
  chipTexts,
  commentEl,
  commentIds,
  commentText,
  mainComposer,
  mount,
  remountThread,
  textarea,
  typeInto,
} from './helpers.js';

// Demo fixture, clip 101: 5001 (Sam, frame 12, spot, mentions Alex, #comp) ← 5002 (Alex's reply);
// 5003 (Pat, frame 40, drawing, #grade); 5004 (Sam, frame 70, internal).

beforeEach(() => localStorage.clear());

/** Waits until the list shows exactly these comments, in this order (live changes arrive asynchronously). */
async function shown(el: HTMLElement, ids: number[]) {
  await waitUntil(() => JSON.stringify(commentIds(el as never)) === JSON.stringify(ids), `shows ${ids.join(', ')}`).catch(() => {
    throw new Error(`expected ${ids.join(', ')} but the list shows ${commentIds(el as never).join(', ')}`);
  });
}

describe('<comment-thread>: display', () => {
  it('groups comments into threads with a heading each, replies under their root', async () => {
    const { el } = await mount();
    const threads = $$(el, '[role="listitem"]');
    expect(threads).to.have.length(3);
    expect(threads.map((t) => t.querySelector('h3')!.textContent!.replace(/,.*$/, '').trim())).to.deep.equal([
      'Sam Supervisor',
      'Pat Producer',
      'Sam Supervisor',
    ]);
    const replies = threads[0].querySelectorAll('.replies article');
    expect([...replies].map((r) => (r as HTMLElement).dataset.commentId)).to.deep.equal(['5002']);
    expect($(el, '[part="title"]')!.textContent).to.contain('(4)');
    await expect(el).to.be.accessible();
  });

  it('shows author, frame, time, mention and tag chips, spot, drawing and internal badges', async () => {
    const { el } = await mount();
    const c1 = commentEl(el, 5001)!;
    expect(c1.querySelector('[part~="frame"]')!.textContent!.trim()).to.equal('frame 12');
    expect(c1.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-02T09:01:00.000Z');
    expect(c1.querySelector('[part~="mention"]')!.textContent).to.equal('@Alex Artist');
    expect(c1.querySelector('[part~="tag"]')!.textContent).to.equal('#comp');
    expect(c1.textContent).to.contain('Spot');
    expect(commentEl(el, 5003)!.textContent).to.contain('Drawing');
    expect(commentEl(el, 5004)!.querySelector('.internal')!.textContent).to.equal('Internal');
  });

  it('never interprets comment text as HTML; links stay http(s) only', async () => {
    const { api, el } = await mount();
    await api.createComment({
      objectType: 'ClipAnnotation',
      funnel: 'ReviewComment',
      mediaObjectId: 101,
      description: '<img src=x onerror="window.__pwned=1"> see https://example.com/a and javascript:alert(1)',
      mentionIds: [],
      tags: [],
      spatial: null,
      uiLocation: null,
      relatedToId: null,
      start: 3,
      end: 4,
      customFields: {},
    });
    await waitUntil(() => commentIds(el).length === 5, 'live comment shown');
    const article = $$(el, 'article').find((a) => a.textContent!.includes('onerror'))!;
    expect(article.querySelector('img')).to.equal(null);
    expect(article.querySelector('[part~="text"]')!.textContent).to.contain('<img src=x');
    const links = [...article.querySelectorAll('a')];
    expect(links.map((a) => a.href)).to.deep.equal(['https://example.com/a']);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows the empty state with its slot, and a composer for a user who may write', async () => {
    const { el } = await mount({ clipId: 104 });
    expect($(el, '[part="empty"]')!.textContent).to.contain('No comments yet — be the first');
    expect($(el, '[part="empty"] slot[name="empty"]')).to.exist;
    expect(mainComposer(el)).to.exist;
    await expect(el).to.be.accessible();
  });

  it('says in plain words that the server could not be reached when the list cannot load', async () => {
    const { el } = await mount({ prepare: (api) => api.failNext('searchComments', 'network') });
    const error = $(el, '[part="error"] p')!;
    expect(error.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Could not load the comments. The server could not be reached.');
    expect(error.title, 'the technical message stays available to support').to.contain('cannot reach the review API');
  });

  it('shows a load error with a Retry that loads again', async () => {
    const { el } = await mount({ prepare: (api) => api.failNext('searchComments', 500) });
    expect($(el, '[part="error"]')!.textContent).to.contain('Could not load the comments');
    expect($(el, '.live'), 'no "Live" promise over a list that failed to load').to.equal(null);
    buttonByText(el.shadowRoot!, 'Retry')!.click();
    await waitUntil(() => commentIds(el).length === 4, 'loaded after retry');
    await waitUntil(() => $(el, '.live'), '"Live" once the list is loaded and subscribed');
  });
});

describe('<comment-thread>: rights', () => {
  const actions = (el: HTMLElement) =>
    Object.fromEntries(
      commentIds(el as never).map((id) => {
        const a = commentEl(el as never, id)!;
        return [
          id,
          [a.querySelector(':scope > .actions .edit') ? 'edit' : '', a.querySelector(':scope > .actions .delete') ? 'delete' : ''].join(
            '+',
          ),
        ];
      }),
    );

  it('producer (REVIEW_EDIT + REVIEW_EDIT_ALL): writes, replies, edits and deletes any comment', async () => {
    const { el } = await mount({ userId: 1 });
    expect(mainComposer(el)).to.exist;
    expect($$(el, '.reply')).to.have.length(3);
    expect(actions(el)).to.deep.equal({ 5001: 'edit+delete', 5002: 'edit+delete', 5003: 'edit+delete', 5004: 'edit+delete' });
    expect(mainComposer(el)!.allowInternal).to.be.true;
  });

  it('REVIEW_EDIT_ALL only: no composer, but edits and deletes any', async () => {
    const { el } = await mount({
      userId: 2,
      prepare: (api) => {
        const supervisor = api.backend.users.find((u) => u.id === 2)!;
        supervisor.rights = ['REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT'];
      },
    });
    expect(mainComposer(el)).to.equal(null);
    expect($$(el, '.reply')).to.have.length(0);
    expect(actions(el)).to.deep.equal({ 5001: 'edit+delete', 5002: 'edit+delete', 5003: 'edit+delete', 5004: 'edit+delete' });
  });

  it('artist (REVIEW_EDIT): writes, and edits/deletes only their own comments', async () => {
    const { el } = await mount({ userId: 3 });
    expect(mainComposer(el)).to.exist;
    expect(actions(el)).to.deep.equal({ 5001: '+', 5002: 'edit+delete', 5003: '+', 5004: '+' });
  });

  it('viewer (no rights): read only — no composer, no reply, no edit, no delete', async () => {
    const { el } = await mount({ userId: 4 });
    expect(mainComposer(el)).to.equal(null);
    expect($$(el, '.reply, .edit, .delete')).to.have.length(0);
    expect(commentIds(el)).to.have.length(4);
    await expect(el).to.be.accessible();
  });
});

describe('<comment-thread>: composing', () => {
  it('asks the server once for people a composer searched before', async () => {
    const m = await mount();
    const composer = mainComposer(m.el)!;
    textarea(composer).focus();
    const listed = () => composer.shadowRoot!.querySelector('[role="option"]')?.textContent?.includes('Alex Artist');
    await sendKeys({ type: 'ask @Al' });
    await waitUntil(listed, 'people listed');
    await sendKeys({ press: 'Escape' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Backspace' });
    await composer.updateComplete;
    expect(listed(), 'the list closed').to.not.be.ok;
    await sendKeys({ type: '@Al' });
    await waitUntil(listed, 'people listed again');
    expect(m.callsOf('searchUsers').filter((c) => c.args[0] === 'Al')).to.have.length(1);
  });

  it('inserts a mention and a tag by keyboard, and sends mentionIds/tags from the text', async () => {
    const m = await mount();
    const composer = mainComposer(m.el)!;
    textarea(composer).focus();
    await sendKeys({ type: 'Please check @Al' });
    await waitUntil(() => m.callsOf('searchUsers').some((c) => c.args[0] === 'Al'), 'people searched');
    await waitUntil(() => composer.shadowRoot!.querySelector('[role="option"]')?.textContent?.includes('Alex Artist'), 'people listed');
    const ta = textarea(composer);
    expect(ta.getAttribute('aria-activedescendant')).to.equal(composer.shadowRoot!.querySelector('[role="option"]')!.id);
    expect(composer.shadowRoot!.querySelector('[role="option"][aria-selected="true"]')!.textContent).to.contain('Alex Artist');
    await sendKeys({ press: 'Enter' });
    await composer.updateComplete;
    // People see a chip reading "@Alex Artist"; the markup is only what is sent.
    expect(ta.value).to.equal('Please check @Alex Artist ');
    expect(chipTexts(composer)).to.deep.equal(['@Alex Artist']);
    expect(composer.value).to.equal('Please check @{3,Alex Artist} ');
    expect(m.callsOf('searchUsers').map((c) => c.args[0])).to.include('Al');

    await sendKeys({ type: 'the #co' });
    await composer.updateComplete;
    const options = () => [...composer.shadowRoot!.querySelectorAll('[role="option"] .option-label')].map((o) => o.textContent!.trim());
    // The tag in use first, so Enter or Tab takes it; "#co" as a new tag is the explicit, last choice.
    expect(options()).to.deep.equal(['#comp', '#co']);
    expect(composer.shadowRoot!.querySelector('[role="option"]:last-child')!.textContent).to.contain('new tag');
    await sendKeys({ press: 'Tab' });
    await composer.updateComplete;
    expect(ta.value).to.equal('Please check @Alex Artist the #comp ');
    expect(chipTexts(composer)).to.deep.equal(['@Alex Artist', '#comp']);
    await sendKeys({ type: 'matte' });

    const created = oneEvent(m.el, 'review-comment-created');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    const { comment } = (await created).detail as { comment: ClipAnnotation };
    const sent = m.callsOf('createComment')[0].args[0] as NewClipAnnotation;
    expect(sent.description).to.equal('Please check @{3,Alex Artist} the #{comp} matte');
    expect(sent.mentionIds).to.deep.equal([3]);
    expect(sent.tags).to.deep.equal(['comp']);
    expect(sent.start).to.equal(0);
    expect(sent.end).to.equal(1);
    expect(comment.id).to.be.above(0);
    await m.el.updateComplete;
    expect(commentEl(m.el, comment.id)!.querySelector('[part~="mention"]')!.textContent).to.equal('@Alex Artist');
    expect(ta.value).to.equal('');
  });

  it('closes the picker with Escape and keeps typing', async () => {
    const m = await mount();
    const composer = mainComposer(m.el)!;
    textarea(composer).focus();
    await sendKeys({ type: '#gr' });
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[role="listbox"]')!.hasAttribute('hidden')).to.be.false;
    await sendKeys({ press: 'Escape' });
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[role="listbox"]')!.hasAttribute('hidden')).to.be.true;
    expect(textarea(composer).value).to.equal('#gr');
  });

  it('a frame change re-renders neither the thread nor its notes: only the composer\'s "at frame" label follows', async () => {
    const m = await mount();
    m.session.dispatchEvent(new CustomEvent('review-ready', { detail: { frameCount: 96, fps: 24, clipId: 101 }, bubbles: true }));
    await m.el.updateComplete;
    const thread = m.el as unknown as { render(): unknown };
    const render = thread.render;
    let renders = 0;
    thread.render = function (this: unknown) {
      renders++;
      return render.call(this);
    };
    const composer = mainComposer(m.el)!;
    for (const frame of [5, 6, 7, 33]) {
      m.session.dispatchEvent(new CustomEvent('review-frame-change', { detail: { frame }, bubbles: true }));
      await m.el.updateComplete;
      await composer.updateComplete;
      expect(composer.shadowRoot!.querySelector('label')!.textContent).to.contain(String(frame));
    }
    expect(renders, 'thread renders on frame changes').to.equal(0);
    // What the thread's frame labels show (the time format) does re-render it.
    m.session.dispatchEvent(
      new CustomEvent('review-ready', { detail: { frameCount: 96, fps: 24, clipId: 101, frameOffset: 1000 }, bubbles: true }),
    );
    await m.el.updateComplete;
    expect(renders).to.be.greaterThan(0);
    expect(commentEl(m.el, 5001)!.querySelector('[part~="frame"]')!.textContent!.trim()).to.equal('frame 1012');
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('label')!.textContent).to.contain('1033');
  });

  it('pins a new comment to the player frame and sends the spot and drawing it was given', async () => {
    const m = await mount();
    // What the player reports through the session.
    m.session.dispatchEvent(new CustomEvent('review-ready', { detail: { frameCount: 96, fps: 24, clipId: 101 }, bubbles: true }));
    m.session.dispatchEvent(new CustomEvent('review-frame-change', { detail: { frame: 33 }, bubbles: true }));
    await m.el.updateComplete;
    const composer = mainComposer(m.el)!;
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('label')!.textContent).to.contain('33');

    const spotToggle = buttonByText(composer.shadowRoot!, 'Add spot')!;
    const mode = oneEvent(composer, 'review-spot-mode');
    spotToggle.click();
    expect((await mode).detail).to.deep.equal({ active: true });
    await composer.updateComplete;
    expect(spotToggle.getAttribute('aria-pressed')).to.equal('true');
    // The picture layer reports the click and the annotation layer the drawing, anywhere in the session.
    m.session.dispatchEvent(new CustomEvent('review-spot-pick', { detail: { x: 25.5, y: 60 }, bubbles: true, composed: true }));
    const drawing = {
      shapes: [
        {
          type: 'arrow' as const,
          color: '#f00',
          width: 3,
          points: [
            [0.1, 0.1],
            [0.4, 0.4],
          ] as Array<[number, number]>,
        },
      ],
    };
    m.session.dispatchEvent(new CustomEvent('review-drawing-change', { detail: { drawing }, bubbles: true, composed: true }));
    await composer.updateComplete;
    expect(composer.shadowRoot!.textContent).to.contain('Spot at 26 %, 60 %');
    expect(composer.shadowRoot!.textContent).to.contain('Drawing attached (1 shape)');

    await typeInto(composer, 'Arrow here');
    const created = oneEvent(m.el, 'review-comment-created');
    (composer.shadowRoot!.querySelector('[part="submit"]') as HTMLButtonElement).click();
    await created;
    const sent = m.callsOf('createComment')[0].args[0] as NewClipAnnotation;
    expect(sent.start).to.equal(33);
    expect(sent.end).to.equal(34);
    expect(sent.spatial).to.equal('xywh=percent:25.5,60,0,0');
    expect(sent.uiLocation).to.equal('xywh=percent:27.5,56,20,10');
    expect(sent.customFields.drawing).to.deep.equal(drawing);
    expect(composer.shadowRoot!.textContent).to.not.contain('Drawing attached');
  });

  it('lets studio users send an internal comment; clients neither see the option nor internal comments', async () => {
    const m = await mount();
    const composer = mainComposer(m.el)!;
    await typeInto(composer, 'Hold for now');
    const box = composer.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    box.click();
    const created = oneEvent(m.el, 'review-comment-created');
    (composer.shadowRoot!.querySelector('[part="submit"]') as HTMLButtonElement).click();
    const { comment } = (await created).detail as { comment: ClipAnnotation };
    expect(comment.customFields.internal).to.equal(true);

    const share = await m.api.createShare(301, { settings: { requirePassword: false }, password: null });
    const { token } = await m.api.anonymous().openShareSession(share.token, { name: 'Casey Client' });
    const client = await mount({ api: m.api, token });
    const clientComposer = mainComposer(client.el)!;
    expect(clientComposer).to.exist;
    expect(clientComposer.allowInternal).to.be.false;
    expect(clientComposer.shadowRoot!.querySelector('input[type="checkbox"]')).to.equal(null);
    expect(commentIds(client.el)).to.not.include(5004);
    expect(commentIds(client.el)).to.not.include(comment.id);
  });

  it('treats a session a share scopes as a client even when its user is a studio user (isClientViewer)', async () => {
    // A backend may scope a studio account to a share (me.share set, user.kind 'studio'): the thread
    // must then hide internal notes and not offer "Internal", as the clip header and player treat it as a client.
    const m = await mount({
      prepare: (api) => {
        const getMe = api.getMe.bind(api);
        api.getMe = async (...args) => ({
          ...(await getMe(...args)),
          rights: ['REVIEW_EDIT'],
          share: {
            shareId: 1,
            playlistId: 301,
            commentsVisible: true,
            commentsCreate: true,
            allowDownload: false,
            allowStatusChange: false,
          },
        });
      },
    });
    expect(m.session.me?.user.kind).to.equal('studio');
    const composer = mainComposer(m.el)!;
    expect(composer).to.exist;
    expect(composer.allowInternal).to.be.false;
    expect(commentIds(m.el)).to.not.include(5004);
    expect(commentIds(m.el)).to.include(5003);
  });

  it('replies to a thread (one level), with the root frame and relatedToId', async () => {
    const m = await mount();
    const replyButton = $$(m.el, '.reply')[1]; // thread of 5003
    replyButton.click();
    await m.el.updateComplete;
    const composer = $<ReviewCommentComposer>(m.el, 'review-comment-composer[mode="reply"]')!;
    await composer.updateComplete;
    await waitUntil(() => m.el.shadowRoot!.activeElement === composer, 'reply field focused');
    await typeInto(composer, 'Agreed, warmer.');
    const created = oneEvent(m.el, 'review-comment-created');
    (composer.shadowRoot!.querySelector('[part="submit"]') as HTMLButtonElement).click();
    const { comment } = (await created).detail as { comment: ClipAnnotation };
    expect(comment.relatedToId).to.equal(5003);
    expect(comment.start).to.equal(40);
    await m.el.updateComplete;
    const thread = commentEl(m.el, 5003)!.closest('[role="listitem"]')!;
    expect([...thread.querySelectorAll('.replies article')].map((a) => (a as HTMLElement).dataset.commentId)).to.deep.equal([
      String(comment.id),
    ]);
    // No reply on a reply: replies have no Reply button of their own.
    expect(thread.querySelectorAll('.reply')).to.have.length(1);
  });
});

describe('<comment-thread>: never lost', () => {
  it('shows a new comment at once as sending, then as saved', async () => {
    const m = await mount();
    const hold = m.api.holdNext('createComment');
    const composer = mainComposer(m.el)!;
    await typeInto(composer, 'Optimistic!');
    (composer.shadowRoot!.querySelector('[part="submit"]') as HTMLButtonElement).click();
    await hold.reached;
    await waitUntil(() => $$(m.el, 'article').some((a) => a.textContent!.includes('Optimistic!')), 'shown at once');
    const temp = $$(m.el, 'article').find((a) => a.textContent!.includes('Optimistic!'))!;
    expect(Number(temp.dataset.commentId)).to.be.below(0);
    expect(temp.textContent).to.contain('Sending…');
    const created = oneEvent(m.el, 'review-comment-created');
    hold.release();
    const { comment } = (await created).detail as { comment: ClipAnnotation };
    await m.el.updateComplete;
    expect(commentEl(m.el, comment.id)!.textContent).to.not.contain('Sending…');
    expect($$(m.el, 'article').filter((a) => a.textContent!.includes('Optimistic!'))).to.have.length(1);
  });

  it('keeps a failed comment with its error and Retry; drafts survive a re-created element and a reload', async () => {
    const m = await mount();
    m.api.failNext('createComment', 503);
    const composer = mainComposer(m.el)!;
    await typeInto(composer, 'Will this arrive?');
    (composer.shadowRoot!.querySelector('[part="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => m.el.shadowRoot!.querySelector('[part~="comment-failed"]'), 'failed shown');
    const failed = $(m.el, '[part~="comment-failed"]')!;
    expect(failed.textContent).to.contain('Will this arrive?');
    expect(failed.querySelector('[role="alert"]')!.textContent).to.contain('Not sent');

    // A draft in progress in the composer …
    await typeInto(composer, 'Half-written thought');
    // … survives the element being re-created (navigation) …
    await remountThread(m);
    await mainComposer(m.el)!.updateComplete;
    expect(textarea(mainComposer(m.el)!).value).to.equal('Half-written thought');
    expect($(m.el, '[part~="comment-failed"]')!.textContent).to.contain('Will this arrive?');

    // … and a reload: a new session and API on the same backend.
    const reloaded = await mount({ api: m.api.forUser(1) });
    await mainComposer(reloaded.el)!.updateComplete;
    expect(textarea(mainComposer(reloaded.el)!).value).to.equal('Half-written thought');
    await waitUntil(() => reloaded.el.shadowRoot!.querySelector('[part~="comment-failed"]'), 'unsent comment restored');
    const restored = $(reloaded.el, '[part~="comment-failed"]')!;
    expect(restored.textContent).to.contain('Will this arrive?');

    const created = oneEvent(reloaded.el, 'review-comment-created');
    buttonByText(restored, 'Retry')!.click();
    const { comment } = (await created).detail as { comment: ClipAnnotation };
    expect(comment.description).to.equal('Will this arrive?');
    await reloaded.el.updateComplete;
    expect($(reloaded.el, '[part~="comment-failed"]')).to.equal(null);
    expect(m.api.backend.comments.filter((c) => c.description === 'Will this arrive?')).to.have.length(1);
  });
});

describe('<comment-thread>: edit and delete', () => {
  it('edits with a JSON Patch led by a version test', async () => {
    const m = await mount();
    (commentEl(m.el, 5003)!.querySelector('.edit') as HTMLButtonElement).click();
    await m.el.updateComplete;
    const editor = $<ReviewCommentComposer>(m.el, 'review-comment-composer[mode="edit"]')!;
    await editor.updateComplete;
    expect(textarea(editor).value).to.equal('Client asked for a warmer grade in this section. #grade');
    expect(chipTexts(editor)).to.deep.equal(['#grade']);
    // Markup typed or pasted becomes chips, as it would once stored.
    await typeInto(editor, 'Warmer grade from here. #{grade} #{v13}');
    expect(textarea(editor).value).to.equal('Warmer grade from here. #grade #v13');
    expect(chipTexts(editor)).to.deep.equal(['#grade', '#v13']);
    const updated = oneEvent(m.el, 'review-comment-updated');
    buttonByText(editor.shadowRoot!, 'Save')!.click();
    const { comment } = (await updated).detail as { comment: ClipAnnotation };
    expect(comment.tags).to.deep.equal(['grade', 'v13']);
    const ops = m.callsOf('patchComment')[0].args[1] as Operation[];
    expect(ops[0]).to.deep.equal({ op: 'test', path: '/version', value: 1 });
    await m.el.updateComplete;
    expect(commentText(m.el, 5003)).to.equal('Warmer grade from here. #grade #v13');
  });

  it('on a 409 shows the other version, keeps the user’s text and saves it on retry', async () => {
    const m = await mount();
    (commentEl(m.el, 5001)!.querySelector('.edit') as HTMLButtonElement).click();
    await m.el.updateComplete;
    let editor = $<ReviewCommentComposer>(m.el, 'review-comment-composer[mode="edit"]')!;
    await typeInto(editor, 'My careful rewrite');
    // Our save is slow; meanwhile Sam edits the same comment elsewhere.
    const hold = m.api.holdNext('patchComment');
    buttonByText(editor.shadowRoot!, 'Save')!.click();
    await hold.reached;
    const sam = m.api.forUser(2);
    const original = m.api.backend.comments.find((c) => c.id === 5001)!;
    await sam.patchComment(5001, commentPatch(original, { description: 'Sam’s version' }));
    hold.release();
    await waitUntil(() => m.el.shadowRoot!.querySelector('review-comment-composer[mode="edit"][message]'), 'editor back with a message');
    editor = $<ReviewCommentComposer>(m.el, 'review-comment-composer[mode="edit"]')!;
    await editor.updateComplete;
    await waitUntil(() => commentEl(m.el, 5001)!.textContent!.includes('Sam’s version'), 'other version shown');
    expect(textarea(editor).value).to.equal('My careful rewrite');
    expect(editor.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Someone else changed this comment');

    const updated = oneEvent(m.el, 'review-comment-updated');
    buttonByText(editor.shadowRoot!, 'Save')!.click();
    const { comment } = (await updated).detail as { comment: ClipAnnotation };
    expect(comment.description).to.equal('My careful rewrite');
    expect(comment.version).to.equal(3);
  });

  it('asks before deleting, offers Undo (nothing sent), then deletes after the undo window', async () => {
    const m = await mount({ undoDelay: 300 });
    (commentEl(m.el, 5003)!.querySelector('.delete') as HTMLButtonElement).click();
    await m.el.updateComplete;
    const confirm = commentEl(m.el, 5003)!.querySelector('[part="confirm"]')!;
    expect(confirm.getAttribute('role')).to.equal('group');
    await waitUntil(() => m.el.shadowRoot!.activeElement?.textContent?.trim() === 'Cancel', 'Cancel focused');
    buttonByText(confirm, 'Delete')!.click();
    await waitUntil(() => !commentIds(m.el).includes(5003), 'hidden at once');
    const undo = buttonByText($(m.el, '[part="toast"]')!, 'Undo')!;
    await waitUntil(() => m.el.shadowRoot!.activeElement === undo, 'Undo focused');
    undo.click();
    await waitUntil(() => commentIds(m.el).includes(5003), 'back after undo');
    await aTimeout(400);
    expect(m.callsOf('deleteComments')).to.have.length(0);

    (commentEl(m.el, 5003)!.querySelector('.delete') as HTMLButtonElement).click();
    await m.el.updateComplete;
    const deleted = oneEvent(m.el, 'review-comment-deleted');
    buttonByText(commentEl(m.el, 5003)!.querySelector('[part="confirm"]')!, 'Delete')!.click();
    expect(((await deleted).detail as { comment: ClipAnnotation }).comment.id).to.equal(5003);
    expect(m.callsOf('deleteComments').map((c) => c.args[0])).to.deep.equal([[5003]]);
    expect(m.api.backend.comments.some((c) => c.id === 5003)).to.be.false;
  });
});

describe('<comment-thread>: selection, filters, live, export', () => {
  it('emits review-comment-select and follows the session’s selection', async () => {
    const m = await mount();
    const selected = oneEvent(m.el, 'review-comment-select');
    (commentEl(m.el, 5003)!.querySelector('[part~="frame"]') as HTMLButtonElement).click();
    expect(((await selected).detail as { comment: ClipAnnotation }).comment.id).to.equal(5003);
    await m.el.updateComplete;
    expect(commentEl(m.el, 5003)!.getAttribute('aria-current')).to.equal('true');
    // A marker on the player's timeline selects through the session too.
    m.session.dispatchEvent(new CustomEvent('review-comment-select', { detail: { comment: m.api.backend.comments[0] }, bubbles: true }));
    await waitUntil(() => commentEl(m.el, 5001)!.getAttribute('aria-current') === 'true', 'session selection shown');
    expect(commentEl(m.el, 5003)!.hasAttribute('aria-current')).to.be.false;
  });

  it('filters by text, tag and author, and sorts by time', async () => {
    const m = await mount();
    const search = $<HTMLInputElement>(m.el, 'input[type="search"]')!;
    search.value = 'holdout';
    search.dispatchEvent(new Event('input'));
    await shown(m.el, [5001, 5002]); // the matching reply keeps its thread
    search.value = '';
    search.dispatchEvent(new Event('input'));
    const tag = $<HTMLSelectElement>(m.el, 'select[aria-label="Filter by tag"]')!;
    tag.value = 'grade';
    tag.dispatchEvent(new Event('change'));
    await shown(m.el, [5003]);
    tag.value = '';
    tag.dispatchEvent(new Event('change'));
    const author = $<HTMLSelectElement>(m.el, 'select[aria-label="Filter by author"]')!;
    author.value = '2';
    author.dispatchEvent(new Event('change'));
    await shown(m.el, [5001, 5002, 5004]);
    author.value = '';
    author.dispatchEvent(new Event('change'));
    const sort = $<HTMLSelectElement>(m.el, 'select[aria-label="Sort comments"]')!;
    sort.value = 'newest';
    sort.dispatchEvent(new Event('change'));
    await shown(m.el, [5004, 5003, 5001, 5002]);
  });

  it('shows comments made by another user without reload', async () => {
    const m = await mount();
    expect($(m.el, '.live')).to.exist;
    const alex = m.api.forUser(3);
    const c = await alex.createComment({
      objectType: 'ClipAnnotation',
      funnel: 'ReviewComment',
      mediaObjectId: 101,
      description: 'Fresh from Alex',
      mentionIds: [],
      tags: [],
      spatial: null,
      uiLocation: null,
      relatedToId: 5003,
      start: 40,
      end: 41,
      customFields: {},
    });
    await waitUntil(() => commentEl(m.el, c.id), 'live comment shown');
    expect(commentEl(m.el, c.id)!.closest('[role="listitem"]')!.contains(commentEl(m.el, 5003))).to.be.true;
    await alex.deleteComments([c.id]);
    await waitUntil(() => !commentEl(m.el, c.id), 'live delete shown');
    expect(m.callsOf('searchComments')).to.have.length(1);
  });

  it('exports the clip’s comments as WebVTT, SRT, CSV and NLE marker files from a keyboard menu', async () => {
    const m = await mount();
    const { blobs, downloads, stop } = captureDownloads(m.el);
    try {
      const button = $<HTMLButtonElement>(m.el, '[part="export-button"]')!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      await m.el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      const items = $$(m.el, '[role="menuitem"]');
      expect(items.map((i) => i.textContent!.trim())).to.deep.equal([
        'WebVTT subtitles (.vtt)',
        'SubRip subtitles (.srt)',
        'Spreadsheet (.csv)',
        'Avid EDL (markers)',
        'Final Cut Pro 7 XML',
        'Premiere Pro markers',
        'DaVinci Resolve EDL',
        'OpenTimelineIO',
      ]);
      await waitUntil(() => m.el.shadowRoot!.activeElement === items[0], 'first item focused');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => blobs.length === 1, 'vtt exported');
      const vtt = await blobs[0].text();
      expect(vtt.startsWith('WEBVTT')).to.be.true;
      expect(vtt).to.contain('00:00:00.500 --> 00:00:00.542'); // frame 12 at 24 fps
      expect(vtt).to.contain('Edge of the ship flickers here, @Alex Artist');
      expect(blobs[0].type).to.contain('text/vtt');

      button.click();
      await m.el.updateComplete;
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => blobs.length === 2, 'csv exported');
      const csv = await blobs[1].text();
      expect(csv.split('\n')[0].toLowerCase()).to.contain('frame');
      expect(csv).to.contain('Client asked for a warmer grade');

      // End goes to the last item, OpenTimelineIO: an .otio file whose markers are the clip's notes.
      button.click();
      await m.el.updateComplete;
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => blobs.length === 3, 'otio exported');
      const otio = JSON.parse(await blobs[2].text()) as {
        OTIO_SCHEMA: string;
        tracks: { children: Array<{ children: Array<{ markers: Array<{ name: string }> }> }> };
      };
      expect(otio.OTIO_SCHEMA).to.equal('Timeline.1');
      expect(otio.tracks.children[0].children[0].markers[0].name).to.contain('Edge of the ship flickers here');

      // Up from the first format passes the internal-notes choice above it, then wraps to the last but one
      // format: DaVinci Resolve's marker EDL.
      button.click();
      await m.el.updateComplete;
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => blobs.length === 4, 'resolve exported');
      // Clip 101 is 'Needs Work': neither approved nor not approved, its markers are yellow.
      expect(await blobs[3].text()).to.contain('|C:ResolveColorYellow |M:Sam Supervisor: Edge of the ship');
      expect(m.callsOf('exportComments').map((c) => c.args[1])).to.deep.equal(['vtt', 'csv', 'otio', 'resolve']);
      // Internal notes are left out unless the user chose to keep them (the file may be forwarded).
      expect(m.callsOf('exportComments').map((c) => (c.args[2] as { internalNotes?: string }).internalNotes)).to.deep.equal([
        'omit',
        'omit',
        'omit',
        'omit',
      ]);
      expect(downloads).to.deep.equal([
        'hm_010_0040_comp_v012-comments.vtt',
        'hm_010_0040_comp_v012-comments.csv',
        'hm_010_0040_comp_v012-comments.otio',
        'hm_010_0040_comp_v012-comments.edl',
      ]);
    } finally {
      stop();
    }
  });

  it('renders only the visible threads of 10,000 comments', async function () {
    this.timeout(90_000);
    // Scrolling renders from scroll events, which a hidden page never gets.
    if (document.visibilityState !== 'visible') this.skip();
    const many: ClipAnnotation[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: 100_000 + i,
      objectType: 'ClipAnnotation',
      funnel: 'ReviewComment',
      mediaObjectId: 101,
      description: `Note ${i} #{bulk}`,
      mentionIds: [],
      tags: ['bulk'],
      spatial: null,
      uiLocation: null,
      relatedToId: null,
      threadGroupId: 100_000 + i,
      start: i % 96,
      end: (i % 96) + 1,
      creatorId: 2,
      creatorName: 'Sam Supervisor',
      created: new Date(Date.UTC(2026, 10, 3, 0, 0, i)).toISOString(),
      modified: new Date(Date.UTC(2026, 10, 3, 0, 0, i)).toISOString(),
      version: 1,
      customFields: {},
    }));
    const m = await mount({ comments: many });
    await waitUntil(() => $(m.el, '[part="title"]')!.textContent!.includes('10004'), 'all pages loaded', { timeout: 15000 });
    const threadCount = m.el.threads.length;
    expect(threadCount).to.equal(10_003); // 10,000 roots + the fixture's 3 threads
    const rendered = $$(m.el, '[role="listitem"]').length;
    expect(rendered).to.be.above(3);
    expect(rendered).to.be.below(100);
    // a first page of 200 (the first notes show), then the rest in pages of 1000 (issue 21)
    expect(m.callsOf('searchComments').length).to.equal(1 + Math.ceil((10_004 - 200) / 1000));
    await expect(m.el).to.be.accessible(); // the spacers around the rendered threads included

    // The list switched from whole (first page) to virtualized while pages arrived; the end is still reachable.
    const scroller = $(m.el, '.scroll')!;
    const last = m.el.threads.at(-1)!.root!;
    scroller.scrollTop = scroller.scrollHeight;
    const onScreen = (id: number) => {
      const text = commentEl(m.el, id)?.querySelector('[part~="text"]');
      if (!text) return false;
      const r = text.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return r.height > 0 && r.top >= view.top && r.bottom <= view.bottom;
    };
    await waitUntil(() => onScreen(last.id), 'the last thread is on screen after scrolling to the end');
    expect(commentText(m.el, last.id)).to.equal(`Note ${last.id - 100_000} #bulk`);
    expect($$(m.el, '[role="listitem"]').length).to.be.below(100);

    // A marker on the player's timeline selects a comment far from what is shown: it is brought on screen.
    const far = m.el.threads[5000].root!;
    m.session.dispatchEvent(new CustomEvent('review-comment-select', { detail: { comment: far }, bubbles: true }));
    await waitUntil(() => onScreen(far.id), 'the selected comment is on screen');
    expect(commentEl(m.el, far.id)!.getAttribute('aria-current')).to.equal('true');
    expect(commentEl(m.el, far.id)!.closest('[role="listitem"]')!.getAttribute('aria-posinset')).to.equal('5001');

    // Back to the top: the first thread again. Tab walks on through the threads beyond those rendered at first.
    scroller.scrollTop = 0;
    await waitUntil(() => onScreen(m.el.threads[0].root!.id), 'the first thread is on screen again');
    const renderedAtTop = $$(m.el, '[role="listitem"]').length;
    commentEl(m.el, m.el.threads[0].root!.id)!.querySelector<HTMLButtonElement>('[part~="frame"]')!.focus();
    const focusedThread = () => Number(m.el.shadowRoot!.activeElement?.closest('[role="listitem"]')?.getAttribute('aria-posinset') ?? 0);
    for (let i = 0; i < 4 * (renderedAtTop + 5); i++) {
      await sendKeys({ press: 'Tab' });
      await new Promise((r) => requestAnimationFrame(r));
    }
    expect(focusedThread(), 'thread (aria-posinset) of the focused button').to.be.above(renderedAtTop + 2);
  });
});

describe('<comment-thread> on a backend without exports', () => {
  it('leaves internal notes out of an export unless the user keeps them, and then marks them', async () => {
    const m = await mount();
    const { blobs, stop } = captureDownloads(m.el);
    try {
      const button = $<HTMLButtonElement>(m.el, '[part="export-button"]')!;
      button.click();
      await m.el.updateComplete;
      const choice = $<HTMLElement>(m.el, '[role="menuitemcheckbox"]')!;
      expect(choice.textContent).to.contain('Include internal notes');
      expect(choice.getAttribute('aria-checked')).to.equal('false');
      $$(m.el, '[role="menuitem"]')[0].click();
      await waitUntil(() => blobs.length === 1, 'vtt exported');
      expect(await blobs[0].text()).to.not.contain('hold this until the client sees');

      button.click();
      await m.el.updateComplete;
      // By keyboard: up from the first format to the choice, Space keeps internal notes; the menu stays open.
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: ' ' });
      await m.el.updateComplete;
      expect($(m.el, '[role="menuitemcheckbox"]')!.getAttribute('aria-checked')).to.equal('true');
      $$(m.el, '[role="menuitem"]')[0].click();
      await waitUntil(() => blobs.length === 2, 'vtt exported again');
      expect(await blobs[1].text()).to.contain('[Internal] Internal: hold this until the client sees v013.');
    } finally {
      stop();
    }
  });

  it('offers no Export menu when the backend says it has no exports; it does when capabilities are not known', async () => {
    const withoutExports = await mount({
      prepare: (api) => {
        api.getCapabilities = async () => ({
          sharing: true,
          events: true,
          exports: false,
          versions: true,
          rooms: false,
          markers: false,
          open: false,
          attachments: false,
          notifications: false,
        });
      },
    });
    await withoutExports.session.loaded;
    await withoutExports.el.updateComplete;
    expect($(withoutExports.el, '[part="export-button"]')).to.equal(null);
    expect(commentIds(withoutExports.el)).to.have.length(4);
    const unknown = await mount({
      prepare: (api) => {
        (api as { getCapabilities?: unknown }).getCapabilities = undefined;
      },
    });
    await unknown.session.loaded;
    await unknown.el.updateComplete;
    expect($(unknown.el, '[part="export-button"]')).to.exist;
  });

  it('offers only the subtitle and data formats when the backend has exports but no NLE markers', async () => {
    const m = await mount({
      prepare: (api) => {
        api.getCapabilities = async () => ({
          sharing: true,
          events: true,
          exports: true,
          versions: true,
          rooms: false,
          markers: false,
          open: false,
          attachments: false,
          notifications: false,
        });
      },
    });
    await m.session.loaded;
    await m.el.updateComplete;
    $<HTMLButtonElement>(m.el, '[part="export-button"]')!.click();
    await m.el.updateComplete;
    expect($$(m.el, '[role="menuitem"]').map((i) => i.textContent!.trim())).to.deep.equal([
      'WebVTT subtitles (.vtt)',
      'SubRip subtitles (.srt)',
      'Spreadsheet (.csv)',
    ]);
  });
});

describe('<comment-thread> on a still image', () => {
  it('shows no frame or timecode: the composer says "on the image", notes carry no time button', async () => {
    const m = await mount({ clipId: 104 });
    expect(mainComposer(m.el)!.label).to.equal('New comment on the image');
    await m.api.createComment({
      objectType: 'ClipAnnotation',
      funnel: 'ReviewComment',
      mediaObjectId: 104,
      description: 'Warmer title, please',
      mentionIds: [],
      tags: [],
      spatial: null,
      uiLocation: null,
      relatedToId: null,
      start: 0,
      end: 1,
      customFields: {},
    });
    await waitUntil(() => commentIds(m.el).length === 1, 'the note shows');
    const note = $(m.el, '[data-comment-id]')!;
    expect(note.querySelector('[part="frame"]')).to.equal(null);
    expect(note.getAttribute('aria-label')).to.equal('Comment by Pat Producer');
    expect(note.textContent).not.to.match(/00:00|frame 0/);

    // A video clip keeps its frame button.
    const video = await mount({ clipId: 101 });
    expect(mainComposer(video.el)!.label).to.match(/^New comment at /);
    expect($(video.el, '[data-comment-id] [part="frame"]')).to.exist;
  });
});
