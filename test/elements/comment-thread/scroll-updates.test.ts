/**
 * Scrolling the windowed list of <comment-thread> costs one update per scroll: no update scheduled from
 * inside the one that renders the new window (what Lit's dev mode warns about as "change-in-update").
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { createBulkComments } from '../../../demo/fixture.js';
import { VirtualList } from '../../../src/internal/virtual-list.js';
import { $, $$, mount, type Mounted } from './helpers.js';

beforeEach(() => localStorage.clear());

const frame = () => new Promise((r) => requestAnimationFrame(r));
const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await frame();
};

const scrollerOf = (m: Mounted) => $(m.el, '.scroll')!;

/**
 * Counts updates and the updates that ended with another one already scheduled. The latter is the
 * condition of Lit's dev-mode "change-in-update" warning, checked at the same point (right after
 * `updated()`); checked here directly because wtr runs Lit's production build, which never warns.
 */
function watchUpdates(el: LitElement) {
  const counts = { updates: 0, scheduledDuringUpdate: 0 };
  const host = el as unknown as { updated(changed: PropertyValues): void };
  const updated = host.updated;
  host.updated = function (this: LitElement, changed: PropertyValues) {
    updated.call(this, changed);
    counts.updates++;
    if (this.isUpdatePending) counts.scheduledDuringUpdate++;
  };
  return counts;
}

/** The threads (aria-posinset) whose box is (partly) inside the list's viewport, in order. */
function threadsOnScreen(m: Mounted): number[] {
  const view = scrollerOf(m).getBoundingClientRect();
  return $$(m.el, '[role="listitem"]')
    .filter((t) => {
      const r = t.getBoundingClientRect();
      return r.height > 0 && r.bottom > view.top && r.top < view.bottom;
    })
    .map((t) => Number(t.getAttribute('aria-posinset')));
}

/** The viewport shows consecutive threads from its top to its bottom (or to the last thread). */
function expectViewportFilled(m: Mounted, where: string) {
  const shown = threadsOnScreen(m);
  expect(shown.length, `threads on screen ${where}`).to.be.above(0);
  shown.forEach((p, i) => i && expect(p, `consecutive threads ${where}`).to.equal(shown[i - 1] + 1));
  const view = scrollerOf(m).getBoundingClientRect();
  const first = $(m.el, `[role="listitem"][aria-posinset="${shown[0]}"]`)!.getBoundingClientRect();
  const last = $(m.el, `[role="listitem"][aria-posinset="${shown.at(-1)}"]`)!.getBoundingClientRect();
  expect(first.top, `no blank above the first thread on screen ${where}`).to.be.at.most(view.top + 0.5);
  if (shown.at(-1) !== m.el.threads.length)
    expect(last.bottom, `no blank below the last thread on screen ${where}`).to.be.at.least(view.bottom - 0.5);
}

describe('<comment-thread>: scrolling 3000 comments', function () {
  this.timeout(60_000);
  // Scrolling renders from scroll events, which a hidden page never gets.
  beforeEach(function () {
    if (document.visibilityState !== 'visible') this.skip();
  });

  /** Scrolls down in steps of 3 viewports, to the end, then up in steps of 2 and to the top, checking what is shown after each. */
  async function scrollThrough(m: Mounted, check: (where: string) => void = () => undefined) {
    const scroller = scrollerOf(m);
    // Each step goes past what the window rendered ahead, into threads never measured.
    for (let step = 1; step <= 12; step++) {
      scroller.scrollTop += scroller.clientHeight * 3;
      await frames(2);
      expectViewportFilled(m, `after step ${step} down`);
      check(`after step ${step} down`);
    }
    expect(threadsOnScreen(m)[0], 'threads far down shown after scrolling far down').to.be.above(40);
    scroller.scrollTop = scroller.scrollHeight;
    await frames(2);
    expectViewportFilled(m, 'at the end');
    expect(threadsOnScreen(m).at(-1), 'the last thread at the end').to.equal(m.el.threads.length);
    for (let step = 1; step <= 12; step++) {
      scroller.scrollTop -= scroller.clientHeight * 2;
      await frames(2);
      expectViewportFilled(m, `after step ${step} up`);
      check(`after step ${step} up`);
    }
    scroller.scrollTop = 0;
    await frames(2);
    expectViewportFilled(m, 'back at the top');
    expect(threadsOnScreen(m)[0], 'the first thread at the top').to.equal(1);
  }

  async function mountMany(): Promise<Mounted> {
    const m = await mount({ comments: createBulkComments(3000) });
    await waitUntil(() => $(m.el, '[part="title"]')!.textContent!.includes('3004'), 'all pages loaded', { timeout: 15000 });
    await frames(2);
    return m;
  }

  it('renders each new window in one update and shows the threads at the scroll position', async () => {
    const m = await mountMany();
    const counts = watchUpdates(m.el);
    await scrollThrough(m);
    expect(counts.updates, 'the scrolls rendered new windows').to.be.above(10);
    expect(counts.scheduledDuringUpdate, 'updates that scheduled another update').to.equal(0);
  });

  it('renders each new window in one update while a thread far away holds focus (kept rendered)', async () => {
    const m = await mountMany();
    const reply = $(m.el, '[role="listitem"][aria-posinset="3"] button.reply')!;
    reply.focus();
    await frames(2);
    const counts = watchUpdates(m.el);
    // Elements compared as booleans: a failing chai message holding an element hangs the runner.
    await scrollThrough(m, (where) => expect(m.el.shadowRoot!.activeElement === reply, `focus on the Reply button ${where}`).to.be.true);
    expect(counts.updates, 'the scrolls rendered new windows').to.be.above(10);
    expect(counts.scheduledDuringUpdate, 'updates that scheduled another update').to.equal(0);
  });
});

interface Row {
  id: number;
  height: number;
}

/** A 300 px scroller holding a VirtualList of rows of given heights. */
class ScrollUpdatesProbe extends LitElement {
  static override styles = css`
    .scroll {
      height: 300px;
      overflow: auto;
      overflow-anchor: none;
    }
  `;
  static override properties = { items: { attribute: false } };
  items: Row[] = [];
  readonly rows = new VirtualList<Row>(this, {
    scroller: () => this.renderRoot.querySelector('.scroll'),
    list: () => this.renderRoot.querySelector('.list'),
    key: (r) => r.id,
    renderAllUpTo: 20,
    estimate: 50,
  });

  override render() {
    return html`<div class="scroll">
      <div class="list">${this.rows.render(this.items, (r) => html`<div class="row" data-id=${r.id} style="height:${r.height}px"></div>`)}</div>
    </div>`;
  }
}
customElements.define('scroll-updates-probe', ScrollUpdatesProbe);

describe('VirtualList: rows shorter than the measured ones', () => {
  it('fills the viewport in the update the scroll asked for, without scheduling another', async () => {
    // The first 200 rows are 120 px tall, the rest 30 px: far down, the average of what was measured
    // overestimates the rows there fourfold, so the first window rendered there does not cover the viewport.
    const items = Array.from({ length: 2000 }, (_, id) => ({ id, height: id < 200 ? 120 : 30 }));
    const el = await fixture<ScrollUpdatesProbe>(html`<scroll-updates-probe .items=${items}></scroll-updates-probe>`);
    const scroller = el.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
    for (let y = 0; y < 200 * 120; y += 250) {
      scroller.scrollTop = y; // measures the tall rows
      await frame();
    }
    const counts = watchUpdates(el);
    scroller.scrollTop = scroller.scrollTop + 20 * 300;
    await frame();
    await el.updateComplete;
    const view = scroller.getBoundingClientRect();
    const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.bottom > view.top && b.top < view.bottom;
    });
    expect(shown.length, 'rows on screen').to.be.above(0);
    expect(Number(shown[0].dataset.id), 'short rows shown').to.be.at.least(200);
    expect(shown[0].getBoundingClientRect().top, 'no blank at the top').to.be.at.most(view.top + 0.5);
    expect(shown.at(-1)!.getBoundingClientRect().bottom, 'no blank at the bottom').to.be.at.least(view.bottom - 0.5);
    expect(counts.updates, 'the scroll rendered a new window').to.be.above(0);
    expect(counts.scheduledDuringUpdate, 'updates that scheduled another update').to.equal(0);
  });
});
