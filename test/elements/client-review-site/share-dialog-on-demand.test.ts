/**
 * A client's page does not download the studio's share dialog: it loads only in Preview mode with a
 * studio API, and "Invite People" then opens it. Its own file: a page loads a module once, so another
 * test that used Preview mode first would hide whether the client's page fetched it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/client-review-site/define.js';
import type { ClientReviewSite } from '../../../src/elements/client-review-site/client-review-site.js';
import type { ShareDialog } from '../../../src/elements/share-dialog/share-dialog.js';
import { memoryApi } from '../review-playlist/harness.js';

const shareDialogFetched = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/share-dialog/'));

describe('<client-review-site> and the share dialog', () => {
  it('a client page never fetches it; Preview mode with a studio API does, and Invite People opens it', async () => {
    const studio = memoryApi();
    const share = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
    const el = await fixture<ClientReviewSite>(html`<client-review-site
      share-token=${share.token}
      .api=${studio.anonymous()}
    ></client-review-site>`);
    const $ = <T extends Element = HTMLElement>(sel: string) => el.shadowRoot!.querySelector<T>(sel);
    await waitUntil(() => $('#name'), 'gate shown');
    $<HTMLInputElement>('#name')!.value = 'Casey Client';
    $<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => $('review-session')?.querySelector('comment-thread'), 'review open');
    await new Promise((r) => setTimeout(r, 300));
    expect(shareDialogFetched(), 'share dialog fetched by a client page').to.equal(false);
    expect(customElements.get('share-dialog')).to.equal(undefined);

    el.studioApi = studio;
    el.preview = true;
    // A dynamic import through the test server: on a busy machine it takes about a second, the default wait.
    await waitUntil(() => customElements.get('share-dialog'), 'share dialog loaded for Preview mode', { timeout: 15000 });
    expect(shareDialogFetched()).to.equal(true);
    $<HTMLButtonElement>('[part="preview-bar"] button')!.click();
    const dialog = $<ShareDialog>('share-dialog')!;
    await waitUntil(() => dialog.open, 'share dialog opened', { timeout: 15000 });
    expect(dialog.getAttribute('share-id')).to.equal(String(share.id));
    expect(dialog.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
  });
});
