/**
 * The share dialog's forms are a chunk of their own: a page whose user may not share never downloads
 * them; for a user who may, they are fetched ahead and the dialog opens on the form. Its own file: a page
 * loads a module once, so a test that opened a dialog first would hide whether the first page fetched it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/elements/share-dialog/define.js';
import type { ShareDialog } from '../../../src/elements/share-dialog/share-dialog.js';
import { memoryApi, mountWithSession } from '../review-playlist/harness.js';
import { html } from 'lit';

const formsFetched = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/share-form.'));

describe('<share-dialog> loads its forms on demand', () => {
  it('a viewer’s page never fetches them; a producer’s dialog does, and opens on the form', async () => {
    const viewerPage = await mountWithSession(memoryApi(4), html`<share-dialog playlist-id="301"></share-dialog>`);
    const closed = viewerPage.querySelector('share-dialog')!;
    await closed.updateComplete; // a load, had one started, would be awaited here
    expect(formsFetched(), 'forms fetched for a viewer').to.equal(false);
    viewerPage.remove();

    const page = await mountWithSession(memoryApi(1), html`<share-dialog playlist-id="301"></share-dialog>`);
    const dialog = page.querySelector('share-dialog') as ShareDialog;
    await waitUntil(formsFetched, 'forms fetched ahead for a user with SHARE_MANAGE');
    dialog.show();
    await dialog.updateComplete;
    expect(dialog.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    expect(dialog.shadowRoot!.querySelector('input[name="requirePassword"]'), 'the share form').to.exist;
  });
});
