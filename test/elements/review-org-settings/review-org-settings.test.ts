import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-org-settings/define.js';
import '../../../src/elements/review-session/define.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import type { ReviewOrgSettings } from '../../../src/elements/review-org-settings/review-org-settings.js';
import type { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { ReviewApiError } from '../../../src/contract/errors.js';
import { memoryApi, mountWithSession } from '../review-playlist/harness.js';

async function mount(api: MemoryReviewApi) {
  const host = await mountWithSession(api, html`<review-org-settings></review-org-settings>`);
  const el = host.querySelector('review-org-settings')!;
  await waitUntil(() => el.shadowRoot!.querySelector('form'), 'form rendered');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: ReviewOrgSettings, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
function type(el: ReviewOrgSettings, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `#${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
const save = (el: ReviewOrgSettings) => $<HTMLButtonElement>(el, '[part="save"]').click();

describe('<review-org-settings>', () => {
  it('says why when the server refuses the studio settings, without asking again', async () => {
    const api = memoryApi();
    let asked = 0;
    api.getOrgSettings = () => (asked++, Promise.reject(new ReviewApiError(403, 'FORBIDDEN', 'Only studio admins may read these.')));
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${api}><review-org-settings></review-org-settings></review-session>`,
    );
    const el = session.querySelector('review-org-settings')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the refusal is shown');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(
      'Could not load the organization settings: Only studio admins may read these.',
    );
    expect(session.status, 'the review goes on').to.equal('ready');
    expect(asked).to.equal(1);
  });

  it('shows the studio settings', async () => {
    const el = await mount(memoryApi());
    expect($<HTMLInputElement>(el, '#studioName').value).to.equal('Northlight Pictures');
    expect($<HTMLInputElement>(el, '#accentColor').value).to.equal('#e4572e');
    expect($<HTMLInputElement>(el, '#senderEmail').value).to.equal('review@northlight.test');
  });

  it('saves changes as JSON Patch; every share’s page uses them at once', async () => {
    const api = memoryApi();
    const share = await api.createShare(301, { password: null, settings: { requirePassword: false } });
    const el = await mount(api);
    type(el, 'studioName', 'Northlight Studios');
    type(el, 'accentColor', '#1D4ED8');
    type(el, 'logoUrl', '');
    await el.updateComplete;
    save(el);
    await waitUntil(() => $(el, '[part="message"]').textContent!.includes('saved'));
    const org = await api.getOrgSettings();
    expect(org.studioName).to.equal('Northlight Studios');
    expect(org.accentColor).to.equal('#1d4ed8');
    expect(org.logoUrl).to.equal(null);
    const pub = await api.anonymous().getPublicShare(share.token);
    expect(pub.studioName).to.equal('Northlight Studios');
    expect(pub.accentColor).to.equal('#1d4ed8');
  });

  it('the studio chooses the client page theme; the share link carries it', async () => {
    const api = memoryApi();
    const share = await api.createShare(301, { password: null, settings: { requirePassword: false } });
    expect((await api.anonymous().getPublicShare(share.token)).theme, 'light until chosen').to.equal('light');
    const el = await mount(api);
    const select = $<HTMLSelectElement>(el, '#clientTheme');
    expect(select.value).to.equal('light');
    select.value = 'dark';
    select.dispatchEvent(new Event('change'));
    save(el);
    await waitUntil(() => $(el, '[part="message"]').textContent!.includes('saved'));
    expect((await api.getOrgSettings()).clientTheme).to.equal('dark');
    expect((await api.anonymous().getPublicShare(share.token)).theme).to.equal('dark');
  });

  it('validates every field with a clear message and saves nothing', async () => {
    const api = memoryApi();
    const el = await mount(api);
    type(el, 'studioName', '  ');
    type(el, 'logoUrl', 'javascript:alert(1)');
    type(el, 'accentColor', 'red; background: url(x)');
    type(el, 'senderEmail', 'review@');
    await el.updateComplete;
    save(el);
    await el.updateComplete;
    expect($(el, '#studioName-error').textContent).to.contain('Enter the studio name');
    expect($(el, '#logoUrl-error').textContent).to.contain('https://');
    expect($(el, '#accentColor-error').textContent).to.contain('#rrggbb');
    expect($(el, '#senderEmail-error').textContent).to.contain('valid e-mail');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#studioName'));
    expect((await api.getOrgSettings()).studioName).to.equal('Northlight Pictures');
  });

  it('is view-only without SETTINGS_EDIT', async () => {
    const el = await mount(memoryApi(2));
    expect([...el.shadowRoot!.querySelectorAll('input')].every((i) => i.disabled)).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="save"]')).to.equal(null);
  });

  it('is accessible', async () => {
    await expect(await mount(memoryApi())).to.be.accessible();
  });

  it('inside <review-session>: a saved accent colour and studio name reach the session at once', async () => {
    const api = memoryApi();
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${api}><review-org-settings></review-org-settings></review-session>`,
    );
    await session.loaded;
    const el = session.querySelector('review-org-settings')!;
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'form rendered');
    expect(session.style.getPropertyValue('--review-accent')).to.equal('#e4572e');
    type(el, 'accentColor', '#1D4ED8');
    type(el, 'studioName', 'Northlight Studios');
    await el.updateComplete;
    const saved = oneEvent(el, 'review-settings-saved');
    save(el);
    expect((await saved).detail.org!.accentColor).to.equal('#1d4ed8');
    expect(session.style.getPropertyValue('--review-accent')).to.equal('#1d4ed8');
    expect(session.org!.studioName).to.equal('Northlight Studios');
    await session.updateComplete;
    expect(session.sessionState.org!.studioName).to.equal('Northlight Studios');
    expect(session.status).to.equal('ready'); // published, not reloaded
  });
});
