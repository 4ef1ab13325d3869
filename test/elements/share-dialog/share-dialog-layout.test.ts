/**
 * The share dialog's actions stay on screen: on a laptop and on a phone the form is taller than the screen,
 * and Cancel / Share must be reachable without scrolling, and still after scrolling to the middle.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { html } from 'lit';
import '../../../src/elements/share-dialog/define.js';
import type { ShareDialog } from '../../../src/elements/share-dialog/share-dialog.js';
import { memoryApi, mountWithSession } from '../review-playlist/harness.js';

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
  { width: 360, height: 740 },
];

const onScreen = (el: Element) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
};

describe('<share-dialog> layout', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const viewport of VIEWPORTS) {
    it(`keeps Cancel and Share on screen at ${viewport.width}×${viewport.height}`, async () => {
      await setViewport(viewport);
      const page = await mountWithSession(memoryApi(1), html`<share-dialog playlist-id="301"></share-dialog>`);
      const el = page.querySelector('share-dialog') as ShareDialog;
      el.show();
      await el.updateComplete;
      const root = el.shadowRoot!;
      await waitUntil(() => root.querySelector('[part="submit"]'), 'form shown');
      const dialog = root.querySelector('dialog')!;
      expect(dialog.scrollHeight, 'the form is taller than the dialog (else nothing to test)').to.be.greaterThan(dialog.clientHeight);
      const submit = root.querySelector('[part="submit"]')!;
      const cancel = [...root.querySelectorAll('.footer button')].find((b) => b !== submit)!;
      expect(onScreen(submit), 'Share on screen').to.equal(true);
      expect(onScreen(cancel), 'Cancel on screen').to.equal(true);
      dialog.scrollTop = dialog.scrollHeight / 3;
      await new Promise(requestAnimationFrame);
      expect(onScreen(submit), 'Share on screen after scrolling').to.equal(true);
      // Nothing is wider than the screen.
      expect(dialog.scrollWidth, 'no sideways overflow').to.be.at.most(dialog.clientWidth);
      page.remove();
    });
  }
});
