import { expect, fixture, html, oneEvent, waitUntil, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/review-status-picker/define.js';
import type { ReviewStatusPicker } from '../../../src/elements/review-status-picker/review-status-picker.js';
import type { ReviewStatusOption } from '../../../src/contract/types.js';
import { ReviewApiError, codeForStatus } from '../../../src/contract/errors.js';
import { RestReviewApi } from '../../../src/client/rest-review-api.js';
import '../../../src/elements/review-session/define.js';
import { makeBackend, makeFakeFetch, withSession, type BackendOptions, type TestBackend } from './session-fixture.js';

async function mount(options: BackendOptions & { clipId?: number | null; backend?: TestBackend } = {}) {
  const api = options.backend ?? (await makeBackend(options));
  const session = api.session;
  const clipId = options.clipId === undefined ? 101 : options.clipId;
  const host = await withSession(
    session,
    clipId === null
      ? html`<review-status-picker></review-status-picker>`
      : html`<review-status-picker clip-id=${clipId}></review-status-picker>`,
  );
  const el = host.querySelector('review-status-picker')!;
  await waitUntil(() => el.shadowRoot?.querySelector('[part~="button"], [part~="chip"]:not([aria-busy])'), 'status loaded');
  await el.updateComplete;
  return { api, session, host, el };
}

const $ = <T extends Element = HTMLElement>(el: ReviewStatusPicker, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const button = (el: ReviewStatusPicker) => $<HTMLButtonElement>(el, '[part~="button"]');
const listbox = (el: ReviewStatusPicker) => $(el, '[role="listbox"]')!;
const label = (el: ReviewStatusPicker) => $(el, '[part~="label"]')!.textContent!.trim();
const options = (el: ReviewStatusPicker) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const activeOption = (el: ReviewStatusPicker) =>
  el
    .shadowRoot!.getElementById(listbox(el).getAttribute('aria-activedescendant') ?? '')
    ?.textContent?.replace('✓', '')
    .trim();

async function choose(el: ReviewStatusPicker, text: string) {
  button(el)!.click();
  await el.updateComplete;
  options(el)
    .find((o) => o.textContent!.replace('✓', '').trim() === text)!
    .click();
  await el.updateComplete;
}

describe('<review-status-picker>', () => {
  it('shows the clip’s status with its label and colour', async () => {
    const { el } = await mount();
    expect(label(el)).to.equal('Needs Work');
    expect(getComputedStyle($(el, '[part~="dot"]')!).backgroundColor).to.equal('rgb(232, 163, 61)'); // #e8a33d
    expect(el.status).to.equal('NEEDS_WORK');
    expect(button(el)!.getAttribute('aria-haspopup')).to.equal('listbox');
    expect(button(el)!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('offers the production’s custom status list, with its colours', async () => {
    const custom: ReviewStatusOption[] = [
      { id: 'NEEDS_WORK', label: 'Needs Work', color: 'rgb(1, 2, 3)' },
      { id: 'CBB', label: 'Could Be Better' },
      { id: 'FINAL', label: 'Final', color: 'rgb(0, 128, 0)' },
    ];
    const { el, api } = await mount({ settings: { reviewStatusConfig: { possibleValues: custom } } });
    expect(label(el)).to.equal('Needs Work');
    button(el)!.click();
    await el.updateComplete;
    expect(options(el).map((o) => o.textContent!.replace('✓', '').trim())).to.deep.equal(['Needs Work', 'Could Be Better', 'Final']);
    expect(options(el)[0].getAttribute('aria-selected')).to.equal('true');
    expect(getComputedStyle(options(el)[2].querySelector('.dot')!).backgroundColor).to.equal('rgb(0, 128, 0)');
    options(el)[1].click();
    await waitUntil(() => api.callsOf('setReviewStatus').length === 1);
    expect(api.callsOf('setReviewStatus')[0].args).to.deep.equal([201, 'CBB']);
    await waitUntil(() => label(el) === 'Could Be Better');
  });

  it('ignores a configured colour that is not a CSS colour (it never reaches the style)', async () => {
    const sneaky: ReviewStatusOption[] = [
      { id: 'NEEDS_WORK', label: 'Needs Work', color: 'red; background-image: url(https://evil.test/x)' },
      { id: 'APPROVED', label: 'Approved' },
    ];
    const { el } = await mount({ settings: { reviewStatusConfig: { possibleValues: sneaky } } });
    const dot = $(el, '[part~="dot"]')!;
    expect(getComputedStyle(dot).backgroundImage).to.equal('none');
    expect(getComputedStyle(dot).backgroundColor).to.equal('rgb(160, 65, 0)'); // --review-warning fallback
  });

  it('falls back to APPROVED / NOT_APPROVED when the production configures no values', async () => {
    const { el } = await mount({ clipId: 102, settings: { reviewStatusConfig: { possibleValues: [] } } });
    expect(label(el)).to.equal('Approved');
    button(el)!.click();
    await el.updateComplete;
    expect(options(el).map((o) => o.getAttribute('data-value'))).to.deep.equal(['NOT_APPROVED', 'APPROVED']);
  });

  it('changes the status: request event, optimistic label, one call, then review-status-changed', async () => {
    const { el, api } = await mount();
    const requests: Array<{ from: string; to: string }> = [];
    el.addEventListener('review-status-change-request', (e) => requests.push(e.detail));
    const hold = api.api.holdNext('setReviewStatus');
    const changed = oneEvent(el, 'review-status-changed');
    await choose(el, 'Approved');
    expect(requests).to.deep.equal([{ from: 'NEEDS_WORK', to: 'APPROVED' }]);
    // Optimistic: shown before the server answered, with a busy button that cannot open.
    expect(label(el)).to.equal('Approved');
    expect(button(el)!.getAttribute('aria-disabled')).to.equal('true');
    button(el)!.click();
    await el.updateComplete;
    expect(button(el)!.getAttribute('aria-expanded')).to.equal('false');
    hold.release();
    const { detail } = await changed;
    expect(detail.status).to.deep.include({ id: 201, mediaObjectId: 101, reviewStatus: 'APPROVED' });
    expect(api.callsOf('setReviewStatus').map((c) => c.args)).to.deep.equal([[201, 'APPROVED']]);
    await el.updateComplete;
    expect(button(el)!.getAttribute('aria-disabled')).to.equal('false');
    expect($(el, '[role="status"]')!.textContent).to.contain('Approved');
  });

  it('sends nothing when the same status is picked again', async () => {
    const { el, api } = await mount();
    let requested = false;
    el.addEventListener('review-status-change-request', () => (requested = true));
    await choose(el, 'Needs Work');
    await aTimeout(20);
    expect(requested).to.equal(false);
    expect(api.callsOf('setReviewStatus')).to.have.length(0);
  });

  it('lets a host veto the change, then apply it with setStatus() after asking', async () => {
    const { el, api } = await mount();
    let asked = 0;
    el.addEventListener('review-status-change-request', (e) => {
      asked++;
      e.preventDefault(); // e.g. to ask "Approve this version?"
    });
    await choose(el, 'Approved');
    await aTimeout(20);
    expect(api.callsOf('setReviewStatus')).to.have.length(0);
    expect(label(el)).to.equal('Needs Work');
    // The user confirmed in the host's dialog.
    expect(await el.setStatus('APPROVED')).to.equal(true);
    expect(asked).to.equal(1);
    expect(api.callsOf('setReviewStatus').map((c) => c.args)).to.deep.equal([[201, 'APPROVED']]);
    expect(label(el)).to.equal('Approved');
  });

  it('refuses setStatus() with a value the production does not offer', async () => {
    const { el, api } = await mount();
    expect(await el.setStatus('BOGUS')).to.equal(false);
    expect(api.callsOf('setReviewStatus')).to.have.length(0);
  });

  describe('without REVIEW_STATUS_EDIT', () => {
    it('is read only: a plain label, no button, no listbox, no request possible', async () => {
      const { el, api } = await mount({ userId: 3 }); // Alex Artist: REVIEW_EDIT only
      expect(label(el)).to.equal('Needs Work');
      expect(button(el)).to.equal(null);
      expect(el.shadowRoot!.querySelector('button, [role="listbox"], [tabindex]')).to.equal(null);
      expect(el.editable).to.equal(false);
      expect(await el.setStatus('APPROVED')).to.equal(false);
      expect(api.callsOf('setReviewStatus')).to.have.length(0);
      expect(getComputedStyle($(el, '[part~="chip"]')!).cursor).to.equal('default');
      await expect(el).to.be.accessible();
    });

    it('is read only for a share client whose share does not allow status changes', async () => {
      const { el, api } = await mount({ share: { allowStatusChange: false } });
      expect(label(el)).to.equal('Needs Work');
      expect(button(el)).to.equal(null);
      expect(await el.setStatus('APPROVED')).to.equal(false);
      expect(api.callsOf('setReviewStatus')).to.have.length(0);
    });
  });

  it('lets a share client change the status when the share allows it', async () => {
    const { el, api } = await mount({ share: { allowStatusChange: true } });
    expect(el.editable).to.equal(true);
    await choose(el, 'Approved');
    await waitUntil(() => api.callsOf('setReviewStatus').length === 1);
    expect(api.callsOf('setReviewStatus')[0].args).to.deep.equal([201, 'APPROVED']);
    expect((await api.studio.getMediaObjectAnnotation(101)).reviewStatus).to.equal('APPROVED');
  });

  for (const status of [403, 409, 500]) {
    it(`rolls back and says why when the server answers ${status}`, async () => {
      const { el, api } = await mount();
      api.fail('setReviewStatus', new ReviewApiError(status, codeForStatus(status), `server says ${status}`));
      let changed = false;
      el.addEventListener('review-status-changed', () => (changed = true));
      await choose(el, 'Approved');
      await waitUntil(() => $(el, '[role="alert"]'), 'error shown');
      const alert = $(el, '[role="alert"]');
      expect(label(el)).to.equal('Needs Work');
      expect(alert!.textContent).to.contain('Approved');
      expect(alert!.textContent).to.contain('Needs Work');
      const why = { 403: 'not allowed', 409: 'someone else changed it', 500: 'server says 500' }[status]!;
      expect(alert!.textContent).to.contain(why);
      expect(changed).to.equal(false);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part~="dismiss"]')!.click();
      await el.updateComplete;
      expect($(el, '[role="alert"]')).to.equal(null);
    });
  }

  it('works with the keyboard: arrows, Home/End, Enter, Escape', async () => {
    const { el, api } = await mount();
    button(el)!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(button(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(listbox(el));
    expect(activeOption(el)).to.contain('Needs Work'); // starts on the current status
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(activeOption(el)).to.contain('Not Approved');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(activeOption(el)).to.contain('Approved');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(activeOption(el)).to.contain('Needs Work');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(activeOption(el)).to.contain('Approved');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(button(el)!.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
    expect(api.callsOf('setReviewStatus')).to.have.length(0);

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(button(el)!.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => api.callsOf('setReviewStatus').length === 1);
    expect(api.callsOf('setReviewStatus')[0].args).to.deep.equal([201, 'NOT_APPROVED']);
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
  });

  it('finds an option by typing its first letters', async () => {
    const { el, api } = await mount();
    button(el)!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ type: 'a' });
    await el.updateComplete;
    expect(activeOption(el)).to.equal('Approved');
    await aTimeout(800); // a pause starts a new search
    await sendKeys({ type: 'n' });
    await el.updateComplete;
    expect(activeOption(el)).to.equal('Needs Work');
    await sendKeys({ type: 'n' }); // the same letter again goes to the next match
    await el.updateComplete;
    expect(activeOption(el)).to.equal('Not Approved');
    await aTimeout(800);
    await sendKeys({ type: 'ne' }); // letters typed together spell a prefix
    await el.updateComplete;
    expect(activeOption(el)).to.equal('Needs Work');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: ' ' });
    await waitUntil(() => api.callsOf('setReviewStatus').length === 1);
    expect(api.callsOf('setReviewStatus')[0].args).to.deep.equal([201, 'NOT_APPROVED']);
  });

  it('has tap targets of at least 40 px for touch', async () => {
    const { el } = await mount();
    expect(button(el)!.getBoundingClientRect().height).to.be.at.least(40);
    button(el)!.click();
    await el.updateComplete;
    for (const option of options(el)) expect(option.getBoundingClientRect().height).to.be.at.least(40);
  });

  it('closes when focus leaves the open list with Tab', async () => {
    const { el, api } = await mount();
    button(el)!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(listbox(el).hidden).to.equal(false);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(listbox(el).hidden).to.equal(true);
    expect(button(el)!.getAttribute('aria-expanded')).to.equal('false');
    expect(api.callsOf('setReviewStatus')).to.have.length(0);
  });

  it('closes when the user clicks elsewhere, without a change', async () => {
    const { el, api } = await mount();
    button(el)!.click();
    await el.updateComplete;
    expect(listbox(el).hidden).to.equal(false);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(listbox(el).hidden).to.equal(true);
    expect(api.callsOf('setReviewStatus')).to.have.length(0);
  });

  it('shows a status change made elsewhere (events stream)', async () => {
    const { el, api } = await mount();
    await api.studio.forUser(2).setReviewStatus(201, 'APPROVED'); // Sam, in another browser
    await waitUntil(() => label(el) === 'Approved', 'live update shown');
    expect(api.callsOf('setReviewStatus')).to.have.length(0);
  });

  it('follows the session’s current clip when it has no clip-id', async () => {
    const { el, host, session } = await mount({ clipId: null, currentClipId: 102 });
    expect(label(el)).to.equal('Approved');
    host.session = { ...session, currentClipId: 103 };
    await waitUntil(() => label(el) === 'Not Approved', 'switched clip');
  });

  it('shows a load failure with a retry', async () => {
    const api = await makeBackend();
    api.fail('getMediaObjectAnnotation', 500);
    const host = await withSession(api.session, html`<review-status-picker clip-id="101"></review-status-picker>`);
    const el = host.querySelector('review-status-picker')!;
    await waitUntil(() => $(el, '[part~="retry"]'), 'retry shown');
    expect($(el, '[role="alert"]')!.textContent).to.contain('could not be loaded');
    $<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await waitUntil(() => button(el), 'loaded after retry');
    expect(label(el)).to.equal('Needs Work');
  });

  it('is accessible closed and open', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    button(el)!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  describe('over HTTP (RestReviewApi inside <review-session>)', () => {
    async function mountRest() {
      const server = makeFakeFetch();
      const api = new RestReviewApi({
        baseUrl: 'https://studio.test/api',
        productionId: 'demo',
        token: 'tok-1',
        fetch: server.fetch,
        eventSource: null,
        retry: 0,
      });
      const session = await fixture(
        html`<review-session .api=${api}><review-status-picker clip-id="101"></review-status-picker></review-session>`,
      );
      const el = session.querySelector('review-status-picker')!;
      await waitUntil(() => button(el), 'editable picker');
      return { server, el };
    }

    it('sends exactly PATCH /production/:pid/an/:moaId with the seed’s JSON Patch body', async () => {
      const { server, el } = await mountRest();
      await choose(el, 'Approved');
      await waitUntil(() => server.patches().length === 1, 'PATCH sent');
      const [patch] = server.patches();
      expect(patch.url).to.equal('https://studio.test/api/production/demo/an/201');
      expect(patch.contentType).to.equal('application/json-patch+json');
      expect(patch.authorization).to.equal('Bearer tok-1');
      expect(JSON.parse(patch.body)).to.deep.equal([{ op: 'add', path: '/reviewStatus', value: 'APPROVED' }]);
      await waitUntil(() => label(el) === 'Approved' && button(el)!.getAttribute('aria-disabled') === 'false');
    });

    it('shows the server’s own error message and rolls back when the PATCH fails', async () => {
      const { server, el } = await mountRest();
      server.refuseNext(500, 'database on fire');
      await choose(el, 'Approved');
      await waitUntil(() => $(el, '[role="alert"]'), 'error shown');
      expect(server.patches()).to.have.length(1); // PATCH is never retried
      expect($(el, '[role="alert"]')!.textContent).to.contain('database on fire');
      expect(label(el)).to.equal('Needs Work');
    });
  });
});
