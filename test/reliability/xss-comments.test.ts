/**
 * XSS (issue 10) in <comment-thread>: every payload as comment text, inside a mention `@{2,…}`, inside a
 * tag `#{…}` and as the author's name. No script runs, nothing is injected, the text shows literally.
 */
import { expect, html } from '@open-wc/testing';
import '../../src/elements/comment-thread/define.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { formatMention, formatTag, markupToPlainText } from '../../src/contract/markup.js';
import { createDemoFixture } from '../../demo/fixture.js';
import { mountWithSession } from '../elements/review-playlist/harness.js';
import { XSS_PAYLOADS } from './xss-payloads.js';
import { expectNothingInjected, installTrap, scriptErrors, tagCounts, takeTrapped } from './xss-harness.js';
import { until } from './util.js';

installTrap();

const PLACES = ['comment text', 'mention chip', 'tag chip', 'author name'];

async function render(payload: string) {
  const fx = createDemoFixture();
  const c = fx.comments.find((x) => x.id === 5003)!;
  c.description = `${payload} ${formatMention({ id: 2, name: payload })} ${formatTag(payload)}`;
  c.mentionIds = [2];
  c.tags = [payload.trim()];
  c.creatorName = payload;
  const api = new MemoryReviewApi({ fixture: fx, userId: 4 }); // a viewer: no composer, plain list
  const host = await mountWithSession(api, html`<comment-thread clip-id="101" style="display:block;height:1500px"></comment-thread>`);
  const el = host.querySelector('comment-thread')!;
  await until(() => el.shadowRoot!.querySelector('article[data-comment-id="5003"]'), 'comment shown');
  return host;
}

let checked = 0;

describe('reliability: XSS payloads in comments', () => {
  let baseline: Map<string, number>;
  before(async () => {
    baseline = tagCounts(await render('Plain text'));
  });
  after(() => {
    console.log(`xss (comments): ${XSS_PAYLOADS.length} payloads × ${PLACES.length} places = ${checked} checks`);
  });

  XSS_PAYLOADS.forEach((payload, i) => {
    it(`payload ${i + 1}: ${payload.slice(0, 60)}`, async () => {
      const host = await render(payload);
      await new Promise((r) => setTimeout(r, 30));
      // Mention/tag markup inside a payload becomes more chips (<span>s holding text): that is the markup working.
      expectNothingInjected(host, baseline, 'comment thread', /[@#]\{/.test(payload) ? ['SPAN'] : []);
      const a = host.querySelector('comment-thread')!.shadowRoot!.querySelector('article[data-comment-id="5003"]')!;
      const text = a.querySelector('[part~="text"]')!.textContent!;
      expect(text.startsWith(markupToPlainText(payload)), 'comment text').to.equal(true);
      checked++;
      // The payload's own markup (if any) makes chips first; the last mention and tag chips are the wrapping ones.
      const last = (sel: string) => [...a.querySelectorAll(sel)].pop()!.textContent;
      expect(last('[part~="mention"]'), 'mention chip').to.equal(`@${payload}`);
      checked++;
      expect(last('[part~="tag"]'), 'tag chip').to.equal(`#${payload.trim()}`);
      checked++;
      expect(a.querySelector('[part~="author"]')!.textContent, 'author name').to.contain(payload);
      checked++;
      expect(takeTrapped(), 'no payload ran').to.deep.equal([]);
      expect(scriptErrors, 'no script error').to.deep.equal([]);
    });
  });
});
