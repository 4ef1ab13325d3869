/**
 * A failed status change in <review-clip-header>: the picker's message appears under the status without
 * moving anything in the header or below it, on a wide and on a phone-sized page.
 */
import { expect, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../../src/elements/review-clip-header/define.js';
import { ReviewApiError } from '../../../src/contract/errors.js';
import type { ReviewStatusPicker } from '../../../src/elements/review-status-picker/review-status-picker.js';
import { makeBackend, withSession } from '../review-status-picker/session-fixture.js';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const box = (el: Element): Box => {
  const { left, top, right, bottom } = el.getBoundingClientRect();
  return { left, top, right, bottom };
};

function expectSameBox(actual: Box, expected: Box, what: string) {
  for (const side of ['left', 'top', 'right', 'bottom'] as const)
    expect(actual[side], `${what}: ${side}`).to.be.closeTo(expected[side], 0.5);
}

/** A studio user's header (all rights: the status is editable, the source downloadable) above other content. */
async function mountPage() {
  const b = await makeBackend();
  const host = await withSession(
    b.session,
    html`<review-clip-header clip-id="101"></review-clip-header>
      <p id="below" style="margin:0">The player</p>`,
  );
  const header = host.querySelector('review-clip-header')!;
  await waitUntil(() => header.shadowRoot?.querySelector('[part~="name"]'), 'clip loaded');
  const picker = header.shadowRoot!.querySelector<ReviewStatusPicker>('review-status-picker')!;
  await waitUntil(() => picker.editable, 'status loaded');
  await picker.updateComplete;
  return { ...b, host, header, picker };
}

describe('<review-clip-header>: a failed status change', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const width of [1280, 375]) {
    it(`shows the message under the status and moves nothing (${width} px wide)`, async () => {
      await setViewport({ width, height: 700 });
      const { header, picker, fail, host } = await mountPage();
      const part = (name: string) => header.shadowRoot!.querySelector(`[part~="${name}"]`)!;
      const button = picker.shadowRoot!.querySelector('[part~="button"]')!;
      const below = host.querySelector('#below')!;
      const before = {
        header: box(header),
        titles: box(part('titles')),
        actions: box(part('actions')),
        button: box(button),
        below: box(below),
      };

      fail('setReviewStatus', new ReviewApiError(500, 'INTERNAL', 'database unavailable'));
      expect(await picker.setStatus('APPROVED')).to.equal(false);
      await picker.updateComplete;
      const error = picker.shadowRoot!.querySelector('[part~="error"]')!;
      expect(error?.textContent, 'the message').to.contain('database unavailable');

      expectSameBox(box(header), before.header, 'the header');
      expectSameBox(box(part('titles')), before.titles, 'the name and reason');
      expectSameBox(box(part('actions')), before.actions, 'the status and download row');
      expectSameBox(box(button), before.button, 'the status button');
      expectSameBox(box(below), before.below, 'the content below the header');

      const message = box(error);
      expect(message.top, 'the message under the status button').to.be.at.least(before.button.bottom);
      expect(message.top - before.button.bottom, 'right under it').to.be.below(12);
      expect(message.left, 'the message inside the header (start)').to.be.at.least(before.header.left - 0.5);
      expect(message.right, 'the message inside the header (end)').to.be.at.most(before.header.right + 0.5);
      // Wide enough to read: not squeezed to the width of the status button.
      expect(message.right - message.left, 'the message width').to.be.above(Math.min(300, before.header.right - before.header.left - 1));
      const dismiss = picker.shadowRoot!.querySelector<HTMLElement>('[part~="dismiss"]')!;
      const center = box(dismiss);
      const hit = picker.shadowRoot!.elementFromPoint((center.left + center.right) / 2, (center.top + center.bottom) / 2);
      expect(hit === dismiss || dismiss.contains(hit), 'the Dismiss button on top, clickable').to.be.true;
    });
  }
});
