import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-project-settings/define.js';
import '../../../src/elements/review-session/define.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import '../../../src/elements/review-status-picker/define.js';
import type { ReviewProjectSettings } from '../../../src/elements/review-project-settings/review-project-settings.js';
import type { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { memoryApi, mountWithSession } from '../review-playlist/harness.js';

async function mount(api: MemoryReviewApi) {
  const host = await mountWithSession(api, html`<review-project-settings></review-project-settings>`);
  const el = host.querySelector('review-project-settings')!;
  await waitUntil(() => el.shadowRoot!.querySelector('form'), 'form rendered');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: ReviewProjectSettings, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const $$ = <T extends Element = HTMLElement>(el: ReviewProjectSettings, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
const button = (el: ReviewProjectSettings, text: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === text)!;
const statusIds = (el: ReviewProjectSettings) => $$<HTMLInputElement>(el, 'input[id^="id-"]').map((i) => i.value);

describe('<review-project-settings>', () => {
  it('shows the share defaults, statuses and client version name', async () => {
    const el = await mount(memoryApi());
    expect($<HTMLInputElement>(el, 'input[name="requirePassword"]').checked).to.equal(true);
    expect($<HTMLInputElement>(el, 'input[name="allowDownload"]').checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#expires').value).to.equal('30');
    expect(statusIds(el)).to.deep.equal(['NOT_APPROVED', 'APPROVED', 'NEEDS_WORK']);
    expect($<HTMLInputElement>(el, 'input[value="clientName"]').checked).to.equal(true);
  });

  it('saves only what changed, as JSON Patch replace ops', async () => {
    const api = memoryApi();
    const el = await mount(api);
    const seen: unknown[] = [];
    const original = api.patchSettings.bind(api);
    api.patchSettings = (ops) => (seen.push(ops), original(ops));
    $<HTMLInputElement>(el, 'input[name="requirePassword"]').click();
    type($<HTMLInputElement>(el, '#expires'), '');
    $<HTMLInputElement>(el, 'input[value="name"]').click();
    await el.updateComplete;
    button(el, 'Save project settings').click();
    await waitUntil(() => $(el, '[part="message"]').textContent!.includes('saved'));
    expect(seen).to.have.length(1);
    const ops = seen[0] as Array<{ op: string; path: string }>;
    expect(ops.map((o) => `${o.op} ${o.path}`)).to.deep.equal(['replace /shareDefaults', 'replace /clientVersionName']);
    const saved = await api.getSettings();
    expect(saved.shareDefaults.requirePassword).to.equal(false);
    expect(saved.shareDefaults.expiresInDays).to.equal(null);
    expect(saved.clientVersionName).to.equal('name');
    expect(saved.reviewStatusConfig.possibleValues).to.have.length(3);
  });

  it('lets clients compare versions when asked (off by default): new shares take it', async () => {
    const api = memoryApi();
    const el = await mount(api);
    const box = $<HTMLInputElement>(el, 'input[name="allowCompare"]');
    expect(box.checked).to.equal(false);
    box.click();
    await el.updateComplete;
    button(el, 'Save project settings').click();
    await waitUntil(() => $(el, '[part="message"]').textContent!.includes('saved'));
    expect((await api.getSettings()).shareDefaults.allowCompare).to.equal(true);
    const share = await api.createShare(301, { settings: { requirePassword: false } });
    expect(share.settings.allowCompare).to.equal(true);
  });

  it('edits the review status list: add, reorder, remove', async () => {
    const api = memoryApi();
    const el = await mount(api);
    button(el, 'Add status').click();
    await el.updateComplete;
    const newId = $$<HTMLInputElement>(el, 'input[id^="id-"]')[3];
    expect(el.shadowRoot!.activeElement).to.equal(newId);
    type(newId, 'on_hold');
    type($$<HTMLInputElement>(el, 'input[id^="label-"]')[3], 'On Hold');
    await el.updateComplete;
    expect(newId.value).to.equal('ON_HOLD');
    $<HTMLButtonElement>(el, 'button[aria-label="Move On Hold up"]').click();
    await el.updateComplete;
    // Focus follows the moved row's button so it can be pressed again.
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'button[aria-label="Move On Hold up"]'));
    $<HTMLButtonElement>(el, 'button[aria-label="Remove Not Approved"]').click();
    await el.updateComplete;
    expect(statusIds(el)).to.deep.equal(['APPROVED', 'ON_HOLD', 'NEEDS_WORK']);
    button(el, 'Save project settings').click();
    await waitUntil(() => $(el, '[part="message"]').textContent!.includes('saved'));
    const values = (await api.getSettings()).reviewStatusConfig.possibleValues;
    expect(values.map((v) => v.id)).to.deep.equal(['APPROVED', 'ON_HOLD', 'NEEDS_WORK']);
    expect(values[1]).to.deep.equal({ id: 'ON_HOLD', label: 'On Hold', color: '#808080' });
  });

  it('on a phone-wide form the status ids and labels are shown whole', async () => {
    const el = await mount(memoryApi());
    el.style.cssText = 'display:block;width:340px';
    await el.updateComplete;
    for (const input of $$<HTMLInputElement>(el, 'input[id^="id-"], input[id^="label-"]')) {
      expect(input.scrollWidth, `${input.value} fits its field`).to.be.at.most(input.clientWidth);
    }
  });

  it('validates with clear messages and saves nothing', async () => {
    const api = memoryApi();
    const el = await mount(api);
    type($<HTMLInputElement>(el, '#expires'), '0');
    type($$<HTMLInputElement>(el, 'input[id^="id-"]')[1], 'NOT_APPROVED');
    type($$<HTMLInputElement>(el, 'input[id^="label-"]')[2], ' ');
    await el.updateComplete;
    button(el, 'Save project settings').click();
    await el.updateComplete;
    expect($(el, '#expires-error').textContent).to.contain('between 1 and 3650');
    expect(el.shadowRoot!.textContent).to.contain('The id NOT_APPROVED is used twice.');
    expect(el.shadowRoot!.textContent).to.contain('Enter a label.');
    expect($(el, '[part="message"]').getAttribute('role')).to.equal('alert');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#expires'));
    expect((await api.getSettings()).shareDefaults.expiresInDays).to.equal(30);
  });

  it('shows the server’s refusal', async () => {
    const api = memoryApi();
    const el = await mount(api);
    api.failNext('patchSettings', 403);
    $<HTMLInputElement>(el, 'input[name="allowDownload"]').click();
    button(el, 'Save project settings').click();
    await waitUntil(() => $(el, '[part="message"]').textContent!.includes('Could not save'));
  });

  it('is view-only without SETTINGS_EDIT', async () => {
    const el = await mount(memoryApi(3));
    expect($$<HTMLInputElement>(el, 'input').every((i) => i.disabled)).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="save"]')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('You can view these settings but not change them');
  });

  it('is accessible', async () => {
    await expect(await mount(memoryApi())).to.be.accessible();
    await expect(await mount(memoryApi(3))).to.be.accessible();
  });

  it('inside <review-session>: a renamed status shows in the status picker without a reload', async () => {
    const api = memoryApi();
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${api}><review-status-picker clip-id="101"></review-status-picker><review-project-settings></review-project-settings></review-session>`,
    );
    const picker = session.querySelector('review-status-picker')!;
    const el = session.querySelector('review-project-settings')!;
    const pickerLabel = () => picker.shadowRoot!.querySelector('[part~="label"]')?.textContent?.trim();
    await waitUntil(() => pickerLabel() === 'Needs Work' && el.shadowRoot!.querySelector('form'), 'both loaded');
    type($$<HTMLInputElement>(el, 'input[id^="label-"]')[2], 'Fix it');
    await el.updateComplete;
    button(el, 'Save project settings').click();
    await waitUntil(() => pickerLabel() === 'Fix it', 'picker shows the saved label');
    expect(session.settings!.reviewStatusConfig.possibleValues[2].label).to.equal('Fix it');
    expect(session.status).to.equal('ready');
  });

  it('inside <review-session>: shows the settings the session loaded (no second load) and saves through it', async () => {
    const api = memoryApi();
    let loads = 0;
    const getSettings = api.getSettings.bind(api);
    api.getSettings = () => (loads++, getSettings());
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${api}><review-project-settings></review-project-settings></review-session>`,
    );
    const el = session.querySelector('review-project-settings')!;
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'form shown');
    expect(statusIds(el)).to.deep.equal(['NOT_APPROVED', 'APPROVED', 'NEEDS_WORK']);
    expect(loads).to.equal(1);
    const requests: string[] = [];
    session.addEventListener('review-settings-save-request', (e) => requests.push(e.detail.ops.map((o) => `${o.op} ${o.path}`).join(', ')));
    $<HTMLInputElement>(el, 'input[value="name"]').click();
    await el.updateComplete;
    button(el, 'Save project settings').click();
    await waitUntil(() => $(el, '[part="message"]').textContent!.includes('saved'), 'saved');
    expect(requests).to.deep.equal(['replace /clientVersionName']);
    expect(session.settings!.clientVersionName).to.equal('name');
    expect(loads).to.equal(1);
  });
});
