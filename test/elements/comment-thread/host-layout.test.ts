/**
 * A page gives `<comment-thread>` a height (or a max-height) and expects the list to scroll inside it,
 * with the header and the composer in view — whatever `display` the page sets on the tag, since
 * `display: block` on custom elements is a common habit.
 */
import { expect } from '@open-wc/testing';
import { createBulkComments } from '../../../demo/fixture.js';
import { $, mainComposer, mount } from './helpers.js';

const layouts = ['height: 480px', 'display: block; height: 480px', 'display: grid; height: 480px', 'display: block; max-height: 480px'];

describe('comment-thread in a page-given height', () => {
  for (const style of layouts) {
    it(`"${style}": the list scrolls inside, the header and composer stay within the tag`, async () => {
      const m = await mount({ comments: createBulkComments(40) });
      m.el.setAttribute('style', style);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const host = m.el.getBoundingClientRect();
      const header = $(m.el, '[part="header"]')!.getBoundingClientRect();
      const composer = mainComposer(m.el)!.getBoundingClientRect();
      const list = $(m.el, '.scroll')!;

      expect(Math.round(host.height)).to.equal(480);
      expect(header.top).to.be.at.least(host.top - 0.5);
      expect(composer.height).to.be.greaterThan(0);
      expect(composer.bottom).to.be.at.most(host.bottom + 0.5);
      // The list is what scrolls: shorter than its rows, and nothing spills out of the tag.
      expect(list.scrollHeight).to.be.greaterThan(list.clientHeight + 100);
      expect(list.clientHeight).to.be.greaterThan(120);
      expect(m.el.scrollHeight).to.be.at.most(m.el.clientHeight + 1);
    });
  }
});
