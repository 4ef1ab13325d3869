import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/share-dialog/define.js';
import '../../../src/elements/review-session/define.js';
import { previewUrl, type ShareDialog } from '../../../src/elements/share-dialog/share-dialog.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import { ReviewApiError } from '../../../src/contract/errors.js';
import { memoryApi, mountWithSession } from '../review-playlist/harness.js';

async function mount(api: MemoryReviewApi, attrs: { shareId?: number } = {}) {
  const host = await mountWithSession(
    api,
    attrs.shareId != null
      ? html`<share-dialog share-id=${attrs.shareId}></share-dialog>`
      : html`<share-dialog playlist-id="301"></share-dialog>`,
  );
  const el = host.querySelector('share-dialog')!;
  el.show();
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: ShareDialog, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const check = (el: ShareDialog, name: string) => $<HTMLInputElement>(el, `input[name="${name}"]`);
function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
const submit = (el: ShareDialog) => $<HTMLButtonElement>(el, '[part="submit"]');

describe('<share-dialog>', () => {
  it('opens as a modal dialog with the settings from the project’s share defaults', async () => {
    const el = await mount(memoryApi());
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    // Demo defaults: password on, downloads on, status change on.
    expect(check(el, 'requirePassword').checked).to.equal(true);
    expect(check(el, 'allowDownload').checked).to.equal(true);
    expect(check(el, 'allowStatusChange').checked).to.equal(true);
    expect(check(el, 'commentsVisible').checked).to.equal(true);
    const expires = $<HTMLInputElement>(el, '#expires').value;
    const days = Math.round((Date.parse(expires) - Date.now()) / 86_400_000);
    expect(days).to.be.within(29, 31);
    await waitUntil(() => el.shadowRoot!.querySelector('ul[aria-label="Client users"]'), 'client users listed');
    expect($(el, 'ul[aria-label="Client users"]').textContent).to.contain('Casey Client');
    expect($(el, 'h2').textContent).to.contain('Hyperspace Madness — client review 1');
  });

  it('lets clients compare versions only when asked, and only on a backend with versions', async () => {
    const api = memoryApi();
    // v011 of the first clip's shot joins the playlist, so there is something to compare.
    await api.patchPlaylist(301, [{ op: 'add', path: '/clipIds/-', value: 106 }]);
    const el = await mount(api);
    const compare = check(el, 'allowCompare');
    expect(compare.closest('label')!.textContent).to.contain('Clients can compare the versions in the playlist');
    expect(compare.checked, 'off by default').to.equal(false);
    type($<HTMLInputElement>(el, '#password'), 'sesame-42');
    compare.click();
    await el.updateComplete;
    setTimeout(() => submit(el).click());
    const { detail } = await oneEvent(el, 'review-share-created');
    expect(detail.share.settings.allowCompare).to.equal(true);
    // The share's client now sees the versions of a clip in the playlist.
    const session = await api.anonymous().openShareSession(detail.share.token, { password: 'sesame-42', name: 'Casey Client' });
    const client = api.anonymous().withToken(session.token);
    expect((await client.getVersions(101)).map((c) => c.id)).to.deep.equal([101, 106]);

    const noVersions = memoryApi();
    noVersions.getCapabilities = async () => ({ ...(await memoryApi().getCapabilities()), versions: false });
    const other = await mount(noVersions);
    expect(other.shadowRoot!.querySelector('input[name="allowCompare"]')).to.equal(null);
    expect(check(other, 'allowDownload')).to.exist;
  });

  it('refuses a missing password with a clear message and creates nothing', async () => {
    const api = memoryApi();
    const el = await mount(api);
    submit(el).click();
    await el.updateComplete;
    const password = $<HTMLInputElement>(el, '#password');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#password-error').textContent).to.contain('at least 6 characters');
    expect(el.shadowRoot!.activeElement).to.equal(password);
    expect(await api.listShares(301)).to.have.length(0);
  });

  it('validates a new person’s e-mail and name before adding them', async () => {
    const el = await mount(memoryApi());
    type($<HTMLInputElement>(el, '#new-name'), 'Dana Director');
    type($<HTMLInputElement>(el, '#new-email'), 'dana@');
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Add')!.click();
    await el.updateComplete;
    expect($(el, '#newEmail-error').textContent).to.contain('valid e-mail');
    type($<HTMLInputElement>(el, '#new-name'), '');
    type($<HTMLInputElement>(el, '#new-email'), 'dana@agency.test');
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Add')!.click();
    await el.updateComplete;
    expect($(el, '#newName-error').textContent).to.contain('name');
    expect(el.shadowRoot!.querySelector('ul[aria-label="New client users"]')).to.equal(null);
  });

  it('shares with overridden settings, invites an existing and a new client, then shows the link and Preview', async () => {
    const api = memoryApi();
    const el = await mount(api);
    await waitUntil(() => el.shadowRoot!.querySelector('ul[aria-label="Client users"] input'));
    type($<HTMLInputElement>(el, '#password'), 'sesame-42');
    check(el, 'allowDownload').click();
    $<HTMLInputElement>(el, 'ul[aria-label="Client users"] input').click();
    type($<HTMLInputElement>(el, '#new-name'), 'Dana Director');
    type($<HTMLInputElement>(el, '#new-email'), 'Dana@Agency.test');
    await el.updateComplete;
    $<HTMLInputElement>(el, '#new-email').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await el.updateComplete;
    expect($(el, 'ul[aria-label="New client users"]').textContent).to.contain('dana@agency.test');
    type($<HTMLTextAreaElement>(el, '#message'), 'Here is v12 <b>for you</b>.');
    await el.updateComplete;
    expect(submit(el).textContent!.trim()).to.equal('Share and invite 2');
    setTimeout(() => submit(el).click());
    const { detail } = await oneEvent(el, 'review-share-created');
    expect(detail.share.playlistId).to.equal(301);
    expect(detail.share.settings.allowDownload).to.equal(false);
    expect(detail.share.settings.allowStatusChange).to.equal(true);
    expect(detail.share.hasPassword).to.equal(true);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="link"]'), 'link shown');
    expect($<HTMLInputElement>(el, '[part="link"]').value).to.equal(detail.share.url);
    expect($<HTMLAnchorElement>(el, '[part="preview"]').getAttribute('href')).to.equal(`${detail.share.url}?preview=1`);
    await waitUntil(() => api.backend.invitations.length === 1, 'invitation sent');
    const sent = api.backend.invitations[0];
    expect(sent.shareId).to.equal(detail.share.id);
    expect(sent.invitation.message).to.equal('Here is v12 <b>for you</b>.');
    expect(sent.sent.map((p) => p.email)).to.deep.equal(['casey@client.test', 'dana@agency.test']);
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Invitation sent to'));
    // The password works on the client side; a wrong one does not.
    const anon = api.anonymous();
    const wrong = await anon.openShareSession(detail.share.token, { password: 'nope' }).catch((e: ReviewApiError) => e);
    expect((wrong as ReviewApiError).status).to.equal(401);
    expect((await anon.openShareSession(detail.share.token, { password: 'sesame-42', name: 'Casey' })).playlistId).to.equal(301);
  });

  it('shares without a password and with no expiry when the producer says so', async () => {
    const api = memoryApi();
    const el = await mount(api);
    check(el, 'requirePassword').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#password')).to.equal(null);
    type($<HTMLInputElement>(el, '#expires'), '');
    check(el, 'commentsVisible').click();
    await el.updateComplete;
    // Hiding comments also stops clients creating them.
    expect(check(el, 'commentsCreate').checked).to.equal(false);
    expect(check(el, 'commentsCreate').disabled).to.equal(true);
    submit(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="link"]'));
    const [share] = await api.listShares(301);
    expect(share.hasPassword).to.equal(false);
    expect(share.expiresAt).to.equal(null);
    expect(share.settings.commentsVisible).to.equal(false);
    expect(share.settings.commentsCreate).to.equal(false);
  });

  it('copies the link with the clipboard API', async () => {
    const api = memoryApi();
    const el = await mount(api);
    check(el, 'requirePassword').click();
    await el.updateComplete;
    submit(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="copy"]'));
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void copied.push(t) },
    });
    try {
      $<HTMLButtonElement>(el, '[part="copy"]').click();
      await waitUntil(() => copied.length === 1);
      expect(copied[0]).to.equal($<HTMLInputElement>(el, '[part="link"]').value);
      await waitUntil(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('copied'));
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('lists the playlist’s shares and revokes one (its link then answers 410)', async () => {
    const api = memoryApi();
    const share = await api.createShare(301, { password: null, settings: { requirePassword: false } });
    const el = await mount(api);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="shares"] .danger'), 'share listed');
    expect($(el, '[part="shares"]').textContent).to.contain(share.url);
    // Revoking cannot be undone: the row asks first; "Keep link" keeps it.
    $<HTMLButtonElement>(el, '[part="shares"] .danger').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.confirm-revoke'), 'asks to confirm');
    expect(el.shadowRoot!.activeElement?.textContent?.trim(), 'focus on the confirming button').to.equal('Revoke link');
    expect((await api.anonymous().getPublicShare(share.token)).expired, 'not revoked yet').to.equal(false);
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.confirm-revoke button')].find((b) => b.textContent!.includes('Keep'))!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('.confirm-revoke'), 'kept');
    expect($(el, '[part="shares"]').textContent).not.to.contain('Revoked');
    $<HTMLButtonElement>(el, '[part="shares"] .danger').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.confirm-revoke'), 'asks again');
    $<HTMLButtonElement>(el, '.confirm-revoke .danger').click();
    await waitUntil(() => $(el, '[part="shares"]').textContent!.includes('Revoked'));
    const gone = await api
      .anonymous()
      .getPublicShare(share.token)
      .catch((e: ReviewApiError) => e);
    expect((gone as ReviewApiError).status).to.equal(410);
  });

  it('drops a field’s error as soon as its value is right', async () => {
    const el = await mount(memoryApi());
    const password = $<HTMLInputElement>(el, '#password');
    type(password, 'abc');
    submit(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('#password-error'), 'password error shown');
    type(password, 'abcd');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#password-error'), 'still too short').to.exist;
    type(password, 'abcdef');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#password-error'), 'error gone once long enough').to.equal(null);
    expect(password.getAttribute('aria-invalid')).to.equal('false');
  });

  it('with share-id opens on the invite part of that share', async () => {
    const api = memoryApi();
    const share = await api.createShare(301, { password: 'secret-1' });
    const el = await mount(api, { shareId: share.id });
    expect($(el, 'h2').textContent).to.equal('Invite people');
    expect(el.shadowRoot!.querySelector('[part="settings"]')).to.equal(null);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="link"]'));
    submit(el).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.recipients-error')!.textContent).to.contain('at least one person');
    type($<HTMLInputElement>(el, '#new-name'), 'Eve Editor');
    type($<HTMLInputElement>(el, '#new-email'), 'eve@post.test');
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Add')!.click();
    await el.updateComplete;
    submit(el).click();
    await waitUntil(() => api.backend.invitations.length === 1);
    expect(api.backend.invitations[0].sent).to.deep.equal([{ email: 'eve@post.test', name: 'Eve Editor' }]);
  });

  it('closes with Escape and with hide()', async () => {
    const el = await mount(memoryApi());
    $<HTMLInputElement>(el, '#password').focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.open, 'closed by Escape');
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
    el.show();
    await el.updateComplete;
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(true);
    el.hide();
    await el.updateComplete;
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
  });

  it('keeps an unsent invitation when closed by mistake, and starts afresh after sharing or for another playlist', async () => {
    const el = await mount(memoryApi());
    await waitUntil(() => el.shadowRoot!.querySelector('ul[aria-label="Client users"]'), 'client users listed');
    type($<HTMLInputElement>(el, '#password'), 'sesame-42');
    type($<HTMLInputElement>(el, '#new-name'), 'Zed Client');
    type($<HTMLInputElement>(el, '#new-email'), 'zed@client.test');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Add')!.click();
    await el.updateComplete;
    type($<HTMLTextAreaElement>(el, '#message'), 'Hi Zed, the new cut is up.');
    await el.updateComplete;
    $<HTMLTextAreaElement>(el, '#message').focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.open, 'closed by Escape');

    el.show();
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#message').value).to.equal('Hi Zed, the new cut is up.');
    expect($(el, 'ul[aria-label="New client users"]').textContent).to.contain('Zed Client');
    expect(submit(el).textContent!.trim()).to.equal('Share and invite 1');

    submit(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="link"]'), 'shared');
    el.hide();
    await el.updateComplete;
    el.show();
    await waitUntil(() => el.shadowRoot!.querySelector('#message'), 'the form again');
    expect($<HTMLTextAreaElement>(el, '#message').value, 'a new share starts blank').to.equal('');
    expect(el.shadowRoot!.querySelector('ul[aria-label="New client users"]')).to.equal(null);

    type($<HTMLTextAreaElement>(el, '#message'), 'For the other playlist?');
    el.hide();
    el.playlistId = 302;
    el.show();
    await el.updateComplete;
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#message').value, 'another playlist starts blank').to.equal('');
  });

  it('opened by its attribute before <review-session> is ready, it still starts from the project defaults', async () => {
    const api = memoryApi();
    const session = await fixture(html`<review-session .api=${api}><share-dialog playlist-id="301" open></share-dialog></review-session>`);
    const el = session.querySelector('share-dialog')!;
    await waitUntil(() => el.shadowRoot!.querySelector('h2')?.textContent?.includes('Hyperspace Madness'), 'filled from the session');
    expect(check(el, 'allowDownload').checked).to.equal(true);
    expect(check(el, 'allowStatusChange').checked).to.equal(true);
  });

  it('without SHARE_MANAGE says so instead of offering the form', async () => {
    const el = await mount(memoryApi(3));
    expect($(el, '[role="alert"]').textContent).to.contain('You can’t share playlists');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it('is accessible', async () => {
    const el = await mount(memoryApi());
    await waitUntil(() => el.shadowRoot!.querySelector('ul[aria-label="Client users"]'));
    await expect(el).to.be.accessible();
  });
});

describe('previewUrl', () => {
  it('adds preview=1 to the share link', () => {
    expect(previewUrl('https://s.test/review/abc')).to.equal('https://s.test/review/abc?preview=1');
    expect(previewUrl('/review.html?t=abc')).to.equal('/review.html?t=abc&preview=1');
    expect(previewUrl('/r?t=1#x')).to.equal('/r?t=1&preview=1#x');
  });
});

describe('<share-dialog> on a backend without sharing', () => {
  it('says the server offers no sharing, and asks it for nothing', async () => {
    const asked: string[] = [];
    const api = new MemoryReviewApi({
      fixture: createDemoFixture(),
      userId: 1,
      capabilities: { sharing: false },
      faults: (method) => {
        asked.push(method);
        return undefined;
      },
    });
    const el = await mount(api);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'a message');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('does not offer sharing');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    expect(asked.filter((m) => /share|clientUsers/i.test(m))).to.deep.equal([]);
  });
});
