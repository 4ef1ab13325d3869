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

/** The element at a point of the page, through the shadow roots: what a finger there would touch. */
function hitAt(x: number, y: number): Element | null {
  let root: Document | ShadowRoot = document;
  let hit: Element | null = null;
  for (;;) {
    const next: Element | null = root.elementFromPoint(x, y);
    if (!next || next === hit) return hit;
    hit = next;
    if (!next.shadowRoot) return hit;
    root = next.shadowRoot;
  }
}

function touch(target: Element, type: string, x: number, y: number) {
  target.dispatchEvent(
    new PointerEvent(type, {
      clientX: x,
      clientY: y,
      pointerId: 21,
      pointerType: 'touch',
      isPrimary: true,
      bubbles: true,
      composed: true,
      cancelable: true,
    }),
  );
}

/** A finger's tap on `el` (scrolled to, as a person would): it must be what is under the finger there. */
async function tap(el: Element, at: [number, number] = [0.5, 0.5]) {
  el.scrollIntoView({ block: 'center' });
  await new Promise(requestAnimationFrame);
  const r = el.getBoundingClientRect();
  const x = r.left + r.width * at[0];
  const y = r.top + r.height * at[1];
  const hit = hitAt(x, y);
  expect(
    hit && (hit === el || el.contains(hit) || el.shadowRoot?.contains(hit)),
    `${el.localName} "${el.getAttribute('aria-label') ?? el.textContent?.trim()}" is under the finger`,
  ).to.be.true;
  touch(hit!, 'pointerdown', x, y);
  touch(hit!, 'pointerup', x, y);
  hit!.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true, composed: true, cancelable: true }));
}

/** A finger's drag on `el` from one fraction of its box to another. */
async function drag(el: Element, from: [number, number], to: [number, number]) {
  el.scrollIntoView({ block: 'center' });
  await new Promise(requestAnimationFrame);
  const r = el.getBoundingClientRect();
  const pt = ([u, v]: [number, number]) => [r.left + r.width * u, r.top + r.height * v] as const;
  const hit = hitAt(...pt(from))!;
  expect(hit === el, 'the picture is under the finger').to.be.true;
  touch(hit, 'pointerdown', ...pt(from));
  for (let i = 1; i <= 4; i++)
    touch(hit, 'pointermove', ...pt([from[0] + ((to[0] - from[0]) * i) / 4, from[1] + ((to[1] - from[1]) * i) / 4]));
  touch(hit, 'pointerup', ...pt(to));
}

/** Typing on the phone's keyboard into a field. */
function typeInto(field: HTMLInputElement | HTMLTextAreaElement, text: string) {
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

const named = (label: string) => (el: Element) =>
  el.getAttribute('aria-label') === label || (el.localName === 'button' && el.textContent!.trim() === label);
const inHost = (host: string, test: (el: Element) => boolean) => (el: Element) =>
  (el.getRootNode() as ShadowRoot).host?.localName === host && test(el);

describe('<client-review-site>: the whole client review at 360 × 740', function () {
  this.timeout(120000);
  beforeEach(() => sessionStorage.clear());
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('by keyboard alone: watch, step, a note with a spot and a drawing, approve', async () => {
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

  it('the same by touch: taps and a drag at 360 × 740', async () => {
    await setViewport({ width: 360, height: 740 });
    const studio = memoryApi();
    const share = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
    const el = await fixture<ClientReviewSite>(
      html`<client-review-site share-token=${share.token} .api=${studio.anonymous()}></client-review-site>`,
    );
    await until(() => el.shadowRoot!.querySelector('#name'), 'gate shown');
    typeInto(el.shadowRoot!.querySelector<HTMLInputElement>('#name')!, 'Casey Client');
    let ready = false;
    el.addEventListener('review-ready', () => (ready = true));
    await tap(el.shadowRoot!.querySelector('button[type="submit"]')!);
    await until(() => el.shadowRoot!.querySelector('review-session'), 'review open');
    const session = el.shadowRoot!.querySelector('review-session')!;
    const player = session.querySelector('review-player')!;
    const p = player as unknown as { paused: boolean; currentFrame: number };
    await until(() => ready, 'first frame on screen');
    const control = (label: string) =>
      [...player.shadowRoot!.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === label)!;

    // Watch: Mute (only muted media plays without a real person's gesture), Play, Pause, Next frame.
    await tap(control('Mute'));
    await tap(control('Play'));
    await until(() => !p.paused, 'playing');
    await until(() => control('Pause'), 'pause shown');
    await tap(control('Pause'));
    await until(() => p.paused, 'paused');
    const at = p.currentFrame;
    await tap(control('Next frame'));
    await until(() => p.currentFrame === at + 1, 'stepped a frame');
    const frame = at + 1;

    // A note, a spot tapped on the picture, an arrow dragged on it.
    const thread = session.querySelector('comment-thread')!;
    const composer = () => thread.shadowRoot!.querySelector('review-comment-composer[mode="new"]')!;
    typeInto(composer().shadowRoot!.querySelector('textarea')!, 'Warmer here');
    await tap(composer().shadowRoot!.querySelector('[part="spot-toggle"]')!);
    const layer = player.querySelector('review-annotation-layer')!;
    const surface = layer.shadowRoot!.querySelector('[part~="surface"]')!;
    await until(() => surface.classList.contains('spot'), 'the picture waits for the spot');
    await tap(surface, [0.25, 0.75]);
    await until(() => /Spot at 2\d %, 7\d %/.test(composer().shadowRoot!.textContent!), 'spot attached');
    const annotate = [...layer.shadowRoot!.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Annotate')!;
    await tap(annotate);
    await until(() => layer.shadowRoot!.querySelector('[data-tool="arrow"]'), 'tools shown');
    await tap(layer.shadowRoot!.querySelector('[data-tool="arrow"]')!);
    await drag(surface, [0.3, 0.3], [0.6, 0.5]);
    await until(() => composer().shadowRoot!.textContent!.includes('Drawing attached (1 shape)'), 'drawing attached');

    await tap(composer().shadowRoot!.querySelector('[part="submit"]')!);
    let stored: Awaited<ReturnType<typeof studio.searchComments>>['items'][number] | undefined;
    await until(async () => {
      stored = (await studio.searchComments({ mediaObjectId: 101, limit: 1000 })).items.find((c) => c.description === 'Warmer here');
      return stored;
    }, 'note stored');

    // Approve: tap the status, tap "Approved".
    const picker = session.querySelector('review-clip-header')!.shadowRoot!.querySelector('review-status-picker')!;
    await tap(picker.shadowRoot!.querySelector('[part="button"]')!);
    await until(() => !picker.shadowRoot!.querySelector<HTMLElement>('[part="listbox"]')!.hidden, 'list open');
    const approved = [...picker.shadowRoot!.querySelectorAll('[role="option"]')].find(
      (o) => o.textContent!.includes('Approved') && !o.textContent!.includes('Not'),
    )!;
    await tap(approved);
    await until(async () => (await studio.getMediaObjectAnnotation(101)).reviewStatus === 'APPROVED', 'status stored');

    expect(stored!.start).to.equal(frame);
    expect(stored!.spatial).to.match(/^xywh=percent:2\d(\.\d+)?,7\d(\.\d+)?,0,0$/);
    const drawing = stored!.customFields!.drawing as { shapes: Array<{ type: string }> };
    expect(drawing.shapes.map((s) => s.type)).to.deep.equal(['arrow']);
  });
});
