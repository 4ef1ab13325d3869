import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../src/elements/client-review-site/define.js';
import type { ClientReviewSite } from '../../../src/elements/client-review-site/client-review-site.js';
import type { MediaObjectAnnotation } from '../../../src/contract/types.js';
import { memoryApi } from '../review-playlist/harness.js';

/**
 * The whole client review on a 360 × 740 phone-sized page, by keyboard alone: the test only presses keys
 * (it reads the page to know where focus is, as a person looks at the screen).
 */

const until = (predicate: () => unknown, message = '') => waitUntil(predicate, message, { timeout: 15000 });

/** The focused element, through the shadow roots. */
function focused(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Where focus is, for a failure message: the focused element and its shadow hosts. */
function focusPath(): string {
  const out: string[] = [];
  let a: Element | null = document.activeElement;
  while (a) {
    out.push(
      `${a.localName}${a.getAttribute('part') ? `[part=${a.getAttribute('part')}]` : ''}${a.getAttribute('aria-label') ? `[${a.getAttribute('aria-label')}]` : ''}`,
    );
    a = a.shadowRoot?.activeElement ?? null;
  }
  return out.join(' > ');
}

/** Presses Tab (Shift+Tab with `back`) until `wanted` has focus; fails after 120 presses. */
async function tabTo(wanted: (el: Element) => boolean, what: string, back = false) {
  for (let i = 0; i < 120; i++) {
    const f = focused();
    if (f && wanted(f)) return f;
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
  }
  throw new Error(`${what} never got focus by Tab; focus is on ${focusPath()}`);
}

const named = (label: string) => (el: Element) =>
  el.getAttribute('aria-label') === label || (el.localName === 'button' && el.textContent!.trim() === label);
const inHost = (host: string, test: (el: Element) => boolean) => (el: Element) =>
  (el.getRootNode() as ShadowRoot).host?.localName === host && test(el);

describe('<client-review-site> by keyboard alone at 360 × 740', function () {
  this.timeout(120000);
  beforeEach(() => sessionStorage.clear());
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('watch, step, a note with a spot and a drawing, approve: all by keys', async () => {
    await setViewport({ width: 360, height: 740 });
    const studio = memoryApi();
    const share = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
    const el = await fixture<ClientReviewSite>(
      html`<client-review-site share-token=${share.token} .api=${studio.anonymous()}></client-review-site>`,
    );
    await until(() => el.shadowRoot!.querySelector('#name'), 'gate shown');

    // Sign in: the name, then Enter.
    await tabTo((f) => f.id === 'name', 'the name field');
    await sendKeys({ type: 'Casey Client' });
    let ready = false;
    el.addEventListener('review-ready', () => (ready = true));
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.querySelector('review-session'), 'review open');
    const session = el.shadowRoot!.querySelector('review-session')!;
    const player = session.querySelector('review-player')!;
    const p = player as unknown as { paused: boolean; currentFrame: number; muted: boolean };
    await until(() => ready, 'first frame on screen');

    // Watch: Space on the picture plays, Space again pauses; → steps one frame.
    await tabTo((f) => f.getAttribute('part') === 'stage', 'the picture');
    // M first: the test browser lets only muted media play without a real person's gesture.
    await sendKeys({ press: 'm' });
    await sendKeys({ press: 'Space' });
    await until(() => !p.paused, 'playing');
    await sendKeys({ press: 'Space' });
    await until(() => p.paused, 'paused');
    const at = p.currentFrame;
    await sendKeys({ press: 'ArrowRight' });
    await until(() => p.currentFrame === at + 1, 'stepped a frame');
    const frame = at + 1;

    // A note: its text, then "Add spot" and Enter on the picture (the cursor starts at the centre).
    await tabTo((f) => f.localName === 'textarea', 'the note field');
    await sendKeys({ type: 'Warmer here' });
    await tabTo(named('Add spot'), '"Add spot"');
    await sendKeys({ press: 'Enter' });
    await until(() => focused()?.getAttribute('part') === 'surface', 'the picture takes focus for the spot');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    const thread = session.querySelector('comment-thread')!;
    const composer = () => thread.shadowRoot!.querySelector('review-comment-composer[mode="new"]')!;
    await until(() => composer().shadowRoot!.textContent!.includes('Spot at 51 %, 50 %'), 'spot attached');

    // A drawing: "Annotate", the arrow tool (A), back to the picture, Enter places it, Enter finishes.
    await tabTo(named('Annotate'), '"Annotate"', true);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'a' });
    await tabTo((f) => f.getAttribute('part') === 'surface', 'the drawing surface', true);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await until(() => composer().shadowRoot!.textContent!.includes('Drawing attached (1 shape)'), 'drawing attached');

    // Send.
    await tabTo(inHost('review-comment-composer', named('Send')), '"Send"');
    await sendKeys({ press: 'Enter' });
    let stored: Awaited<ReturnType<typeof studio.searchComments>>['items'][number] | undefined;
    await until(async () => {
      stored = (await studio.searchComments({ mediaObjectId: 101, limit: 1000 })).items.find((c) => c.description === 'Warmer here');
      return stored;
    }, 'note stored');

    // Approve: the status button, Enter opens its list, arrows to "Approved", Enter.
    await tabTo(
      (f) => (f.getRootNode() as ShadowRoot).host?.localName === 'review-status-picker' && f.getAttribute('part') === 'button',
      'the status picker',
      true,
    );
    await sendKeys({ press: 'Enter' });
    const picker = session.querySelector('review-clip-header')!.shadowRoot!.querySelector('review-status-picker')!;
    const active = () => picker.shadowRoot!.querySelector('[part~="option-active"] > span:nth-of-type(2)')?.textContent?.trim();
    const labels = [...picker.shadowRoot!.querySelectorAll('[role="option"] > span:nth-of-type(2)')].map((o) => o.textContent!.trim());
    const key = labels.indexOf('Approved') > labels.indexOf(active()!) ? 'ArrowDown' : 'ArrowUp';
    for (let i = 0; i < labels.length && active() !== 'Approved'; i++) await sendKeys({ press: key });
    expect(active(), labels.join(', ')).to.equal('Approved');
    await sendKeys({ press: 'Enter' });
    let moa: MediaObjectAnnotation | undefined;
    await until(async () => {
      moa = await studio.getMediaObjectAnnotation(101);
      return moa.reviewStatus === 'APPROVED';
    }, 'status stored');

    expect(stored!.start).to.equal(frame);
    expect(stored!.spatial).to.equal('xywh=percent:51,50,0,0');
    const drawing = stored!.customFields!.drawing as { shapes: Array<{ type: string }> };
    expect(drawing.shapes.map((s) => s.type)).to.deep.equal(['arrow']);
  });
});
