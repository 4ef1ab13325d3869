import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/review-compare/define.js';
import type { ReviewCompare } from '../../../src/elements/review-compare/review-compare.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../../demo/fixture.js';

describe('<review-compare> in a session', () => {
  it('asks the API for the versions once, and compares A with its previous version by default', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId: 1 });
    const asked: number[] = [];
    const getVersions = api.getVersions.bind(api);
    api.getVersions = (moId: number) => {
      asked.push(moId);
      return getVersions(moId);
    };
    const session = await fixture(html`<review-session .api=${api}><review-compare clip-id="101"></review-compare></review-session>`);
    const el = session.querySelector('review-compare') as ReviewCompare;
    await waitUntil(() => el.clipB !== null, 'the versions load');
    expect(asked).to.deep.equal([101]);
    expect(el.clipA?.name).to.equal('hm_010_0040_comp_v012');
    expect(el.clipB?.name).to.equal('hm_010_0040_comp_v011');
    await el.updateComplete;
    const picker = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="picker"]')!;
    expect([...picker.options].map((o) => o.textContent)).to.deep.equal(['hm_010_0040_comp_v011', 'hm_010_0040_comp_v010']);
    expect(picker.value).to.equal('106');
    // Picking v010 compares with it, and says so.
    const changes: unknown[] = [];
    el.addEventListener('review-compare-change', (e) => changes.push(e.detail));
    picker.value = '105';
    picker.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.clipB?.name).to.equal('hm_010_0040_comp_v010');
    expect(changes).to.deep.equal([{ mode: 'wipe', clipId: 101, compareId: 105, shown: 'a' }]);
    await el.ready;
    // v010 has 84 frames: past them, B says so.
    await el.seekToFrame(90);
    expect(el.shadowRoot!.querySelector('[part~="side-b"] [part~="no-frame"]')).to.exist;
    expect(asked).to.deep.equal([101]);
  });
});
