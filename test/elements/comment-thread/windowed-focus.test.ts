/**
 * Focus in the windowed (virtualized) list of <comment-thread>: the thread holding focus stays in the
 * DOM while the list scrolls away from it, and Tab goes on from it to the neighbouring threads.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createBulkComments } from '../../../demo/fixture.js';
import type { ReviewCommentComposer } from '../../../src/elements/comment-thread/comment-composer.js';
import { $, $$, mount, textarea, typeInto, type Mounted } from './helpers.js';

beforeEach(() => localStorage.clear());

const frame = () => new Promise((r) => requestAnimationFrame(r));
const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await frame();
};

/** 3000 bulk comments (2250 threads) on clip 101 besides the demo's, all pages loaded. */
async function mountMany(): Promise<Mounted> {
  const m = await mount({ comments: createBulkComments(3000) });
  await waitUntil(() => $(m.el, '[part="title"]')!.textContent!.includes('3004'), 'all pages loaded', { timeout: 15000 });
  await frames(2);
  return m;
}

const scrollerOf = (m: Mounted) => $(m.el, '.scroll')!;
const threadOf = (el: Element) => el.closest('[role="listitem"]')!;
const threadAt = (m: Mounted, posinset: number) => $(m.el, `[role="listitem"][aria-posinset="${posinset}"]`);
/** The thread (its aria-posinset) holding focus, 0 when focus is not in a thread. */
const focusedThread = (m: Mounted) =>
  Number(m.el.shadowRoot!.activeElement?.closest('[role="listitem"]')?.getAttribute('aria-posinset') ?? 0);
/** Top of `el` relative to the top of the list's viewport. */
const topInView = (m: Mounted, el: Element) => el.getBoundingClientRect().top - scrollerOf(m).getBoundingClientRect().top;

function expectOnScreen(m: Mounted, el: Element, what: string) {
  const r = el.getBoundingClientRect();
  const view = scrollerOf(m).getBoundingClientRect();
  expect(r.height > 0 && r.top >= view.top - 0.5 && r.bottom <= view.bottom + 0.5, `${what} on screen`).to.be.true;
}

/** Scrolls many viewports down, a frame apart, then jumps to the end, checking `check` after each step. */
async function scrollFarDown(m: Mounted, check: (where: string) => void) {
  const scroller = scrollerOf(m);
  for (let step = 1; step <= 8; step++) {
    scroller.scrollTop += scroller.clientHeight * 5;
    await frame();
    check(`after scrolling ${step * 5} viewports down`);
  }
  scroller.scrollTop = scroller.scrollHeight;
  await frames(2);
  check('at the end of the list');
  expect($$(m.el, '[role="listitem"]').length, 'threads rendered at the end').to.be.below(100);
}

/** Presses Tab (Shift+Tab with `back`), only while focus is inside the list: Tab out of the page detaches the runner's frame. */
async function tab(m: Mounted, back = false) {
  expect(focusedThread(m), 'focus in a thread before pressing Tab').to.be.above(0);
  if (back) await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  if (back) await sendKeys({ up: 'Shift' });
}

describe('<comment-thread>: focus in the windowed list of 3000 comments', function () {
  this.timeout(60_000);
  // Scrolling renders from scroll events, which a hidden page never gets.
  beforeEach(function () {
    if (document.visibilityState !== 'visible') this.skip();
  });

  it("keeps focus on a thread's Reply button while the list scrolls far away, and shows it in place when scrolled back", async () => {
    const m = await mountMany();
    const thread = threadAt(m, 3)!;
    const reply = thread.querySelector<HTMLButtonElement>('button.reply')!;
    reply.focus(); // scrolls the list to show it
    await frames(2);
    const scrolledTo = scrollerOf(m).scrollTop;
    const top = topInView(m, thread);
    // Elements compared as booleans: a failing chai message holding an element hangs the runner.
    const expectFocused = (where: string) => {
      expect(document.activeElement === m.el && m.el.shadowRoot!.activeElement === reply, `focus on the Reply button ${where}`).to.be.true;
      expect(reply.isConnected, `its thread still in the document ${where}`).to.be.true;
    };
    await scrollFarDown(m, expectFocused);

    scrollerOf(m).scrollTop = scrolledTo;
    await frames(2);
    expectFocused('scrolled back');
    expect(threadAt(m, 3) === thread, 'the same thread element').to.be.true;
    expect(topInView(m, thread), 'the thread where it was').to.be.closeTo(top, 1);
    expectOnScreen(m, reply, 'the Reply button');
  });

  it('keeps an inline edit, its typed text, caret and focus while the thread is scrolled far away and back', async () => {
    const m = await mountMany();
    const edit = $(m.el, 'button.edit')!;
    const thread = threadOf(edit);
    edit.click();
    await waitUntil(() => thread.querySelector('review-comment-composer.editor'), 'editor open');
    const composer = thread.querySelector<ReviewCommentComposer>('review-comment-composer.editor')!;
    await composer.updateComplete;
    const field = textarea(composer);
    await waitUntil(() => composer.shadowRoot!.activeElement === field, 'the edit field focused');
    await typeInto(composer, 'Half-typed: the edge flickers at');
    const expectEditing = (where: string) => {
      expect(
        m.el.shadowRoot!.activeElement === composer && composer.shadowRoot!.activeElement === field,
        `focus in the edit field ${where}`,
      ).to.be.true;
      expect(field.isConnected, `the edit field in the document ${where}`).to.be.true;
      expect(field.value, `its text ${where}`).to.equal('Half-typed: the edge flickers at');
    };
    await scrollFarDown(m, expectEditing);

    scrollerOf(m).scrollTop = 0;
    await frames(2);
    expectEditing('scrolled back to the top');
    expectOnScreen(m, field, 'the edit field');
    // The caret is where it was: typing goes on at the end of the text.
    await sendKeys({ type: ' frame 40' });
    expect(field.value).to.equal('Half-typed: the edge flickers at frame 40');
  });

  it('Tab and Shift+Tab from a thread scrolled far out of view go on to the next and previous threads', async () => {
    const m = await mountMany();
    const scroller = scrollerOf(m);
    threadAt(m, 3)!.querySelector<HTMLButtonElement>('button.reply')!.focus(); // the thread's last button
    scroller.scrollTop = scroller.scrollHeight;
    await frames(2);
    await tab(m);
    expect(focusedThread(m), 'Tab from the Reply button of thread 3').to.equal(4);
    expectOnScreen(m, m.el.shadowRoot!.activeElement!, 'the focused button');

    scroller.scrollTop = scroller.scrollHeight; // focus is now on thread 4's first button
    await frames(2);
    await tab(m, true);
    expect(focusedThread(m), 'Shift+Tab from the first button of thread 4').to.equal(3);
    expect(m.el.shadowRoot!.activeElement!.classList.contains('reply'), 'on the Reply button of thread 3').to.be.true;
    expectOnScreen(m, m.el.shadowRoot!.activeElement!, 'the focused button');
  });
});
