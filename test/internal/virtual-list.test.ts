import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, css, html } from 'lit';
import { VirtualList } from '../../src/internal/virtual-list.js';

interface Row {
  id: number;
  height: number;
}

/** A 300 px scroller with a header above the list, as in <comment-thread>. */
class VirtualListProbe extends LitElement {
  static override styles = css`
    .scroll {
      height: 300px;
      overflow: auto;
      overflow-anchor: none;
    }
    .row {
      box-sizing: border-box;
      border-bottom: 1px solid;
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
      <p>Header</p>
      <div class="list">${this.rows.render(this.items, (r) => html`<div class="row" data-id=${r.id} style="height:${r.height}px"><button>${r.id}</button></div>`)}</div>
    </div>`;
  }
}
customElements.define('virtual-list-probe', VirtualListProbe);

// A ResizeObserver callback that makes more work for the same frame ends in a "ResizeObserver loop" error.
const windowErrors: string[] = [];
window.addEventListener('error', (e) => windowErrors.push(e.message));
beforeEach(() => (windowErrors.length = 0));
afterEach(() => expect(windowErrors).to.deep.equal([]));

/** Rows of different heights (20 to 140 px), so estimates are wrong for every row not yet seen. */
const rowsOf = (n: number): Row[] => Array.from({ length: n }, (_, id) => ({ id, height: 20 + ((id * 37) % 121) }));

const frame = () => new Promise((r) => requestAnimationFrame(r));
const scrollerOf = (el: VirtualListProbe) => el.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
const rendered = (el: VirtualListProbe) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')].map((r) => Number(r.dataset.id));
const rowEl = (el: VirtualListProbe, id: number) => el.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);

/** The rows whose box is (partly) inside the scroller's viewport, with their top relative to it. */
function onScreen(el: VirtualListProbe): Array<{ id: number; top: number }> {
  const view = scrollerOf(el).getBoundingClientRect();
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')]
    .map((r) => ({ id: Number(r.dataset.id), rect: r.getBoundingClientRect() }))
    .filter(({ rect }) => rect.bottom > view.top && rect.top < view.bottom)
    .map(({ id, rect }) => ({ id, top: rect.top - view.top }));
}

/** The viewport is filled with consecutive rows: no gap where a row should be. */
function expectViewportFilled(el: VirtualListProbe) {
  const shown = onScreen(el);
  expect(shown.length, 'rows on screen').to.be.above(0);
  shown.forEach((r, i) => i && expect(r.id).to.equal(shown[i - 1].id + 1));
  const view = scrollerOf(el).getBoundingClientRect();
  const last = rowEl(el, shown.at(-1)!.id)!.getBoundingClientRect();
  const lastRow = el.items.at(-1)!.id;
  if (shown.at(-1)!.id !== lastRow) expect(last.bottom).to.be.at.least(view.bottom - 0.5);
}

/** The row's top in the scroller's content (where it is in the list, wherever the list is scrolled). */
function contentTop(el: VirtualListProbe, row: Element): number {
  const scroller = scrollerOf(el);
  return row.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

const focusedButton = (el: VirtualListProbe) => el.shadowRoot!.activeElement;

/**
 * Presses Tab (Shift+Tab with `back`) while focus is on a row of `el`; never from elsewhere, as Tab
 * out of the page detaches the test runner's frame.
 */
async function tab(el: VirtualListProbe, back = false) {
  expect(!!focusedButton(el)?.closest('.row'), 'focus on a row before pressing Tab').to.be.true;
  if (back) await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  if (back) await sendKeys({ up: 'Shift' });
}

/** The row is in the list's flow right between the rows before and after it. */
function expectBetweenNeighbours(el: VirtualListProbe, id: number) {
  const rect = (i: number) => rowEl(el, i)!.getBoundingClientRect();
  expect(rect(id).top, `row ${id} right below the row before it`).to.be.closeTo(rect(id - 1).bottom, 0.5);
  expect(rect(id).bottom, `row ${id} right above the row after it`).to.be.closeTo(rect(id + 1).top, 0.5);
}

async function mountProbe(items: Row[]) {
  const el = await fixture<VirtualListProbe>(html`<virtual-list-probe .items=${items}></virtual-list-probe>`);
  await frame();
  return el;
}

describe('VirtualList (the windowed list of <comment-thread>)', () => {
  it('renders a short list whole', async () => {
    const el = await mountProbe(rowsOf(20));
    expect(rendered(el)).to.deep.equal(rowsOf(20).map((r) => r.id));
  });

  it('renders only the rows around the viewport of a long list, with a scroll height of all rows', async () => {
    const items = rowsOf(5000);
    const el = await mountProbe(items);
    expect(rendered(el)[0]).to.equal(0);
    expect(rendered(el).length).to.be.within(3, 40);
    expectViewportFilled(el);
    const total = items.reduce((s, r) => s + r.height, 0);
    // Unmeasured rows are estimated: the scroll height is about right, not exact.
    expect(scrollerOf(el).scrollHeight).to.be.within(total * 0.7, total * 1.3);
  });

  it('scrolled to the end shows the last row at the bottom; back at the top, the first', async () => {
    const el = await mountProbe(rowsOf(5000));
    const scroller = scrollerOf(el);
    scroller.scrollTop = scroller.scrollHeight;
    await waitUntil(() => rowEl(el, 4999), 'last row rendered');
    await frame();
    const view = scroller.getBoundingClientRect();
    expect(rowEl(el, 4999)!.getBoundingClientRect().bottom).to.be.closeTo(view.bottom, 1);
    expectViewportFilled(el);
    scroller.scrollTop = 0;
    await waitUntil(() => rowEl(el, 0), 'first row rendered');
    await frame();
    expect(onScreen(el)[0].id).to.equal(0);
    expectViewportFilled(el);
  });

  it('keeps the viewport filled while scrolling through, a viewport per frame, both ways', async () => {
    const el = await mountProbe(rowsOf(3000));
    const scroller = scrollerOf(el);
    for (let step = 0; step < 40; step++) {
      scroller.scrollTop += 280;
      await frame();
      expectViewportFilled(el);
    }
    for (let step = 0; step < 20; step++) {
      scroller.scrollTop -= 280;
      await frame();
      expectViewportFilled(el);
    }
    expect(rendered(el).length).to.be.below(40);
  });

  it('keeps the rows in view in place when rows above them are rendered and measured', async () => {
    const el = await mountProbe(rowsOf(3000));
    const scroller = scrollerOf(el);
    // Far down, then up by half a viewport at a time: each step renders rows never measured above.
    scroller.scrollTop = 60_000;
    await frame();
    await frame();
    for (let step = 0; step < 10; step++) {
      const before = onScreen(el)[1];
      scroller.scrollTop -= 150;
      await frame();
      await frame();
      // The user scrolled 150 px up: what was on screen moved 150 px down, however tall the new rows are.
      expect(onScreen(el).find((r) => r.id === before.id)?.top, `row ${before.id}`).to.be.closeTo(before.top + 150, 1);
    }
  });

  it('keeps the rows in view in place when a row above them grows (a reply added to a thread)', async () => {
    const el = await mountProbe(rowsOf(3000));
    const scroller = scrollerOf(el);
    scroller.scrollTop = 30_000;
    await frame();
    await frame();
    const before = onScreen(el)[1];
    const above = rendered(el).find((id) => rowEl(el, id)!.getBoundingClientRect().bottom < scroller.getBoundingClientRect().top)!;
    expect(above, 'a rendered row above the viewport').to.not.equal(undefined);
    el.items = el.items.map((r) => (r.id === above ? { ...r, height: r.height + 200 } : r));
    await el.updateComplete;
    await frame();
    await frame();
    expect(onScreen(el).find((r) => r.id === before.id)?.top).to.be.closeTo(before.top, 1);
    // Also when the row grows by itself, without a render (a composer opening inside it): seen by the ResizeObserver.
    rowEl(el, above)!.style.height = '400px';
    await frame();
    await frame();
    expect(onScreen(el).find((r) => r.id === before.id)?.top).to.be.closeTo(before.top, 1);
  });

  it('keeps the first row in view when items are added above it, unless the list is at the top', async () => {
    const el = await mountProbe(rowsOf(1000));
    const scroller = scrollerOf(el);
    scroller.scrollTop = 5000;
    await frame();
    await frame();
    const before = onScreen(el)[1];
    el.items = [...Array.from({ length: 30 }, (_, i) => ({ id: 10_000 + i, height: 40 })), ...el.items];
    await el.updateComplete;
    await frame();
    expect(onScreen(el).find((r) => r.id === before.id)?.top).to.be.closeTo(before.top, 1);

    scroller.scrollTop = 0;
    await frame();
    await frame();
    el.items = [{ id: 20_000, height: 40 }, ...el.items];
    await el.updateComplete;
    await frame();
    expect(onScreen(el)[0].id).to.equal(20_000);
  });

  it('reveal(index) renders a far row and scrolls it into view', async () => {
    const el = await mountProbe(rowsOf(5000));
    el.rows.reveal(3210);
    await el.updateComplete;
    const view = scrollerOf(el).getBoundingClientRect();
    const row = rowEl(el, 3210)!.getBoundingClientRect();
    expect(row.top).to.be.at.least(view.top - 0.5);
    expect(row.bottom).to.be.at.most(view.bottom + 0.5);
    await frame();
    expectViewportFilled(el);
  });

  describe('the row holding focus', () => {
    it('stays rendered, focused and at its place while the list scrolls far away, either way, and back', async () => {
      const el = await mountProbe(rowsOf(3000));
      const scroller = scrollerOf(el);
      scroller.scrollTop = 20_000;
      await frame();
      await frame();
      const { id, top } = onScreen(el)[2];
      const button = rowEl(el, id)!.querySelector('button')!;
      button.focus();
      const expectKept = (where: string) => {
        // Elements compared as booleans: a failing chai message holding an element hangs the runner.
        expect(focusedButton(el) === button, `focus on the row's button ${where}`).to.be.true;
        expect(button.isConnected, `row connected ${where}`).to.be.true;
        expect(rowEl(el, id) === button.parentElement, `the same row element ${where}`).to.be.true;
        // Rendered in list order (Tab follows the DOM), and one row beyond the window at most.
        expect(rendered(el), `rendered rows ${where}`).to.deep.equal([...rendered(el)].sort((a, b) => a - b));
        expect(rendered(el).length, `rendered rows ${where}`).to.be.below(41);
      };
      // Down many viewports, a frame apart, then a jump to the end.
      for (let step = 0; step < 20; step++) {
        scroller.scrollTop += 900;
        await frame();
        expectKept(`after scrolling down ${step + 1} times`);
      }
      scroller.scrollTop = scroller.scrollHeight;
      await frame();
      await frame();
      expectKept('at the end');
      // From below the window to above it and back in single jumps (its side of the window flips).
      scroller.scrollTop = 0;
      await frame();
      await frame();
      expectKept('at the top');
      scroller.scrollTop = scroller.scrollHeight;
      await frame();
      await frame();
      expectKept('at the end again');
      // Back to where it is in the list (rows never measured are estimated, so not the same scrollTop):
      // once rendered around, it shows exactly there, between its neighbours, and nothing jumps.
      scroller.scrollTop = contentTop(el, button.parentElement!) - top;
      await frame();
      expect(onScreen(el).find((r) => r.id === id)?.top, 'on screen where it was').to.be.closeTo(top, 1);
      expectViewportFilled(el);
      expectBetweenNeighbours(el, id);
      await frame();
      await frame();
      expect(onScreen(el).find((r) => r.id === id)?.top, 'and stays there').to.be.closeTo(top, 1);
      expectKept('back in view');
    });

    it('is placed between its neighbours when scrolled back to from below', async () => {
      const el = await mountProbe(rowsOf(3000));
      const scroller = scrollerOf(el);
      scroller.scrollTop = 30_000;
      await frame();
      await frame();
      const { id } = onScreen(el)[1];
      rowEl(el, id)!.querySelector('button')!.focus();
      scroller.scrollTop = 0;
      await frame();
      await frame();
      expect(!!rowEl(el, id), 'kept while far below the window').to.be.true;
      // Back in steps of a viewport from the top: the rows above it are measured on the way, it moves with them.
      for (let step = 0; step < 400 && !onScreen(el).some((r) => r.id === id); step++) {
        scroller.scrollTop += 280;
        await frame();
        if (!onScreen(el).some((r) => r.id === id)) expect(focusedButton(el)?.textContent, 'still focused').to.equal(String(id));
      }
      expect(
        onScreen(el).map((r) => r.id),
        'scrolled back to it',
      ).to.include(id);
      expectBetweenNeighbours(el, id);
      expect(focusedButton(el)?.textContent).to.equal(String(id));
    });

    it('stays focused while kept when items arrive above it (a live comment)', async () => {
      const el = await mountProbe(rowsOf(3000));
      const scroller = scrollerOf(el);
      const button = rowEl(el, 2)!.querySelector('button')!;
      button.focus();
      scroller.scrollTop = 50_000;
      await frame();
      await frame();
      el.items = [{ id: 10_000, height: 40 }, ...el.items];
      await el.updateComplete;
      await frame();
      expect(focusedButton(el) === button && button.isConnected, 'focus on the kept row').to.be.true;
      expect(rendered(el)[0], 'kept above the window').to.equal(2);
    });

    it('is dropped once focus leaves it', async () => {
      const el = await mountProbe(rowsOf(3000));
      const scroller = scrollerOf(el);
      rowEl(el, 1)!.querySelector('button')!.focus();
      scroller.scrollTop = 50_000;
      await frame();
      await frame();
      expect(!!rowEl(el, 1), 'kept while focused').to.be.true;
      const count = rendered(el).length;
      rowEl(el, onScreen(el)[1].id)!.querySelector('button')!.focus();
      await frame();
      await frame();
      expect(!!rowEl(el, 1), 'dropped once focus moved to a row in view').to.be.false;
      expect(rendered(el).length).to.equal(count - 1);
    });

    it('Tab and Shift+Tab from it go on to the next and previous rows, which are brought into view', async () => {
      const el = await mountProbe(rowsOf(3000));
      const scroller = scrollerOf(el);
      scroller.scrollTop = 20_000;
      await frame();
      await frame();
      const { id } = onScreen(el)[1];
      rowEl(el, id)!.querySelector('button')!.focus();
      scroller.scrollTop = 80_000; // the row is far above the window
      await frame();
      await frame();
      await tab(el);
      expect(focusedButton(el)?.textContent, 'Tab').to.equal(String(id + 1));
      await frame();
      expect(
        onScreen(el).map((r) => r.id),
        'on screen after Tab',
      ).to.include(id + 1);
      await tab(el, true);
      await tab(el, true);
      expect(focusedButton(el)?.textContent, 'Shift+Tab twice').to.equal(String(id - 1));

      scroller.scrollTop = 0; // now far below the window
      await frame();
      await frame();
      await tab(el, true);
      expect(focusedButton(el)?.textContent, 'Shift+Tab from below the window').to.equal(String(id - 2));
      scroller.scrollTop = 0;
      await frame();
      await frame();
      await tab(el);
      expect(focusedButton(el)?.textContent, 'Tab from below the window').to.equal(String(id - 1));
    });

    it('Tab held down walks on through rows the window has not reached yet', async () => {
      const el = await mountProbe(rowsOf(3000));
      rowEl(el, 0)!.querySelector('button')!.focus();
      // No frame between the presses: the scroll events of the focus moves have not re-rendered anything yet.
      for (let i = 0; i < 80; i++) await tab(el);
      expect(focusedButton(el)?.textContent).to.equal('80');
    });
  });
});
