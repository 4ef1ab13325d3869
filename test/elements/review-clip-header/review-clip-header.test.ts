import { expect, fixture, html, waitUntil, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/review-clip-header/define.js';
import {
  canDownloadSource,
  clientVisibleName,
  type ReviewClipHeader,
} from '../../../src/elements/review-clip-header/review-clip-header.js';
import { ReviewApiError, codeForStatus } from '../../../src/contract/errors.js';
import type { Me } from '../../../src/contract/types.js';
import { RestReviewApi } from '../../../src/client/rest-review-api.js';
import '../../../src/elements/review-session/define.js';
import { makeBackend, makeFakeFetch, withSession, type BackendOptions } from '../review-status-picker/session-fixture.js';

async function mount(options: BackendOptions & { clipId?: number | null } = {}) {
  const b = await makeBackend(options);
  const clipId = options.clipId === undefined ? 101 : options.clipId;
  const host = await withSession(
    b.session,
    clipId === null ? html`<review-clip-header></review-clip-header>` : html`<review-clip-header clip-id=${clipId}></review-clip-header>`,
  );
  const el = host.querySelector('review-clip-header')!;
  await waitUntil(() => el.shadowRoot?.querySelector('[part~="name"], [part~="edit-field"]'), 'clip loaded');
  await el.updateComplete;
  return { ...b, host, el };
}

const $ = <T extends Element = HTMLElement>(el: ReviewClipHeader, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const heading = (el: ReviewClipHeader) => $(el, '[role="heading"]');
const editName = (el: ReviewClipHeader) => $<HTMLButtonElement>(el, '[part~="edit-name"]');
const editReason = (el: ReviewClipHeader) => $<HTMLButtonElement>(el, '[part~="edit-reason"]');
const field = (el: ReviewClipHeader) => $<HTMLInputElement | HTMLTextAreaElement>(el, '.field');
const download = (el: ReviewClipHeader) => $<HTMLAnchorElement>(el, '[part~="download"]');

describe('<review-clip-header>', () => {
  describe('version name', () => {
    it('shows studio users the client name, with the internal name as secondary text', async () => {
      const { el } = await mount();
      expect(text(heading(el))).to.contain('Hyperspace jump — v12');
      expect(text(heading(el))).to.contain('shown to clients');
      expect(text($(el, '[part~="internal-name"]'))).to.contain('hm_010_0040_comp_v012');
      expect(text($(el, '[part~="reason-text"]'))).to.equal('Ship edge fix and new star field.');
      await expect(el).to.be.accessible();
    });

    it('marks the internal name as the one clients see when the production says so', async () => {
      const { el } = await mount({ settings: { clientVersionName: 'name' } });
      expect(text(heading(el))).to.contain('Hyperspace jump — v12');
      expect(text(heading(el))).not.to.contain('shown to clients');
      expect(text($(el, '[part~="internal-name"]'))).to.contain('shown to clients');
    });

    it('shows a client only the client version name when the production says so', async () => {
      const { el } = await mount({ share: { allowDownload: false } });
      expect(text(heading(el))).to.equal('Hyperspace jump — v12');
      expect(el.shadowRoot!.textContent).not.to.contain('hm_010_0040_comp_v012');
      expect($(el, '[part~="internal-name"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows a client the internal name when the production shows that', async () => {
      const { el } = await mount({ share: {}, settings: { clientVersionName: 'name' } });
      expect(text(heading(el))).to.equal('hm_010_0040_comp_v012');
    });

    it('picks the name by the setting even when a server sends both names', () => {
      const clip = { name: 'internal_v1', clientName: 'Client v1' };
      expect(clientVisibleName(clip, { clientVersionName: 'clientName' } as never)).to.equal('Client v1');
      expect(clientVisibleName(clip, { clientVersionName: 'name' } as never)).to.equal('internal_v1');
      expect(clientVisibleName({ ...clip, clientName: null }, { clientVersionName: 'clientName' } as never)).to.equal('internal_v1');
    });

    it('never interprets the text as HTML', async () => {
      const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
      const { el } = await mount({
        edit: (fx) => {
          fx.clips[0].clientName = evil;
          fx.clips[0].reasonForReview = evil;
        },
      });
      expect(text(editName(el))).to.contain(evil);
      expect(text($(el, '[part~="reason-text"]'))).to.equal(evil);
      expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('follows the session’s current clip without clip-id', async () => {
      const { el, host, session } = await mount({ clipId: null, currentClipId: 102 });
      expect(text(heading(el))).to.contain('Hangar lighting — v4');
      host.session = { ...session, currentClipId: 103 };
      await waitUntil(() => text(heading(el))?.includes('Pilot reaction — v7'), 'switched clip');
    });

    it('uses the heading level the page asks for', async () => {
      const { el } = await mount();
      expect(heading(el)!.getAttribute('aria-level')).to.equal('2');
      el.headingLevel = 3;
      await el.updateComplete;
      expect(heading(el)!.getAttribute('aria-level')).to.equal('3');
    });

    it('contains the status picker of the same clip', async () => {
      const { el } = await mount({ clipId: 102 });
      const picker = $(el, 'review-status-picker')!;
      expect(picker.getAttribute('clip-id')).to.equal('102');
      await waitUntil(() => text(picker.shadowRoot!.querySelector('[part~="label"]')) === 'Approved', 'status shown');
    });
  });

  describe('download source', () => {
    it('is always there for studio users', async () => {
      const { el } = await mount({ userId: 4 }); // Vic Viewer: no rights at all
      expect(download(el)!.getAttribute('href')).to.equal('/demo/media/hm_010_0040_24fps.mp4');
      expect(download(el)!.hasAttribute('download')).to.equal(true);
      expect(text(download(el))).to.contain('Download source');
    });

    it('is there for a client only when the share allows downloads', async () => {
      const allowed = await mount({ share: { allowDownload: true } });
      expect(download(allowed.el)!.getAttribute('href')).to.equal('/demo/media/hm_010_0040_24fps.mp4');
      const refused = await mount({ share: { allowDownload: false } });
      expect(download(refused.el)).to.equal(null);
    });

    it('is never there when the clip has no source file', async () => {
      const { el } = await mount({ edit: (fx) => (fx.clips[0].sourceUrl = null) });
      expect(download(el)).to.equal(null);
    });

    it('follows the share’s permission even when a server sends the source URL', () => {
      const me = (allowDownload: boolean, kind: 'client' | 'studio' = 'client'): Me => ({
        user: { id: 9, name: 'C', kind },
        rights: [],
        share:
          kind === 'client'
            ? { shareId: 1, playlistId: 1, commentsVisible: true, commentsCreate: true, allowDownload, allowStatusChange: false }
            : null,
      });
      expect(canDownloadSource({ sourceUrl: '/a.mov' }, me(false))).to.equal(false);
      expect(canDownloadSource({ sourceUrl: '/a.mov' }, me(true))).to.equal(true);
      expect(canDownloadSource({ sourceUrl: '/a.mov' }, me(false, 'studio'))).to.equal(true);
      expect(canDownloadSource({ sourceUrl: null }, me(false, 'studio'))).to.equal(false);
    });
  });

  describe('in-place editing', () => {
    it('is offered only to studio users with SHARE_MANAGE', async () => {
      const pat = await mount();
      expect(editName(pat.el)).to.exist;
      expect(editReason(pat.el)).to.exist;
      const sam = await mount({ userId: 2 }); // REVIEW_EDIT_ALL + REVIEW_STATUS_EDIT, no SHARE_MANAGE
      expect(editName(sam.el)).to.equal(null);
      expect(editReason(sam.el)).to.equal(null);
      expect(text($(sam.el, '[part~="internal-name"]'))).to.contain('hm_010_0040_comp_v012');
      const client = await mount({ share: { allowStatusChange: true } });
      expect(client.el.shadowRoot!.querySelector('[part~="edit"]')).to.equal(null);
    });

    it('edits the client version name: click, type, Enter saves optimistically', async () => {
      const { el, api, callsOf } = await mount();
      editName(el)!.click();
      await el.updateComplete;
      expect(field(el)!.value).to.equal('Hyperspace jump — v12');
      expect(el.shadowRoot!.activeElement).to.equal(field(el));
      const hold = api.holdNext('updateClip');
      await sendKeys({ type: 'Jump to lightspeed' }); // replaces the selected text
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(field(el)).to.equal(null);
      expect(text(editName(el))).to.contain('Jump to lightspeed'); // before the server answered
      expect(text(editName(el))).to.contain('Saving…');
      expect(editName(el)!.getAttribute('aria-busy')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal(editName(el));
      hold.release();
      await waitUntil(() => callsOf('updateClip').length === 1);
      expect(callsOf('updateClip')[0].args).to.deep.equal([101, { clientName: 'Jump to lightspeed' }]);
      await waitUntil(() => !text(editName(el))!.includes('Saving…'), 'saved');
      expect(text(editName(el))).to.contain('Jump to lightspeed');
      expect(editName(el)!.getAttribute('aria-busy')).to.equal('false');
      expect((await api.getClip(101)).clientName).to.equal('Jump to lightspeed');
    });

    it('cancels with Escape: nothing sent, the text unchanged', async () => {
      const { el, callsOf } = await mount();
      editName(el)!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(field(el)).to.exist;
      await sendKeys({ type: 'Something else' });
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(field(el)).to.equal(null);
      expect(text(editName(el))).to.contain('Hyperspace jump — v12');
      expect(el.shadowRoot!.activeElement).to.equal(editName(el));
      await aTimeout(20);
      expect(callsOf('updateClip')).to.have.length(0);
    });

    it('saves the reason for review when the field loses focus; Shift+Enter adds a line', async () => {
      const { el, callsOf } = await mount();
      editReason(el)!.click();
      await el.updateComplete;
      await sendKeys({ type: 'Line one' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ type: 'Line two' });
      expect(field(el)).to.exist; // Shift+Enter did not save
      field(el)!.blur();
      await waitUntil(() => callsOf('updateClip').length === 1);
      expect(callsOf('updateClip')[0].args).to.deep.equal([101, { reasonForReview: 'Line one\nLine two' }]);
      expect($(el, '[part~="reason-text"]')!.textContent).to.equal('Line one\nLine two');
    });

    it('clears the client name to null, so clients see the internal name', async () => {
      const { el, callsOf } = await mount();
      editName(el)!.click();
      await el.updateComplete;
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => callsOf('updateClip').length === 1);
      expect(callsOf('updateClip')[0].args).to.deep.equal([101, { clientName: null }]);
      expect(text(editName(el))).to.contain('Add a client version name');
    });

    it('sends nothing when the text did not change', async () => {
      const { el, callsOf } = await mount();
      editReason(el)!.click();
      await el.updateComplete;
      await sendKeys({ press: 'Enter' });
      await aTimeout(20);
      expect(callsOf('updateClip')).to.have.length(0);
    });

    for (const status of [403, 409, 500]) {
      it(`rolls back and says why when the server answers ${status}`, async () => {
        const { el, fail, callsOf } = await mount();
        fail('updateClip', new ReviewApiError(status, codeForStatus(status), `server says ${status}`));
        editName(el)!.click();
        await el.updateComplete;
        await sendKeys({ type: 'Rejected name' });
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => $(el, '[role="alert"]'), 'error shown');
        expect(callsOf('updateClip')).to.have.length(1);
        expect(text(editName(el))).to.contain('Hyperspace jump — v12');
        const alert = text($(el, '[role="alert"]'))!;
        expect(alert).to.contain('client version name');
        expect(alert).to.contain('Hyperspace jump — v12');
        expect(alert).to.contain({ 403: 'not allowed', 409: 'someone else changed it', 500: 'server says 500' }[status]!);
        await expect(el).to.be.accessible();
      });
    }

    it('editing the reason does not move what follows; after saving, the focus ring is inside the header', async () => {
      const { el, host, callsOf } = await mount();
      // A page column that scrolls, as the demo's: anything drawn outside it is cut off.
      host.style.cssText = 'display: block; overflow: auto; width: 600px; padding: 0';
      const after = document.createElement('div');
      after.textContent = 'the player';
      host.append(after);
      const before = after.getBoundingClientRect().top;
      editReason(el)!.click();
      await el.updateComplete;
      expect(text($(el, '[part~="reason-label"]')), 'the label stays').to.equal('Reason for review');
      expect(after.getBoundingClientRect().top - before, 'what follows moved by (px)').to.be.at.most(4);
      await sendKeys({ type: ' Again' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => callsOf('updateClip').length === 1);
      await waitUntil(() => el.shadowRoot!.activeElement === editReason(el), 'focus back on the text');
      const button = editReason(el)!;
      const style = getComputedStyle(button);
      const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
      const box = button.getBoundingClientRect();
      const column = host.getBoundingClientRect();
      expect(box.left - ring, 'ring left edge').to.be.at.least(column.left - 0.5);
      expect(box.right + ring, 'ring right edge').to.be.at.most(column.right + 0.5);
      after.remove();
    });

    it('is accessible while editing', async () => {
      const { el } = await mount();
      editReason(el)!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });

  it('shows a change made elsewhere (events stream)', async () => {
    const { el, studio } = await mount({ userId: 2 });
    await studio.updateClip(101, { reasonForReview: 'Now with more stars.' });
    await waitUntil(() => text($(el, '[part~="reason-text"]')) === 'Now with more stars.', 'live update');
  });

  it('saves the client version name over HTTP as a JSON Patch on /production/:pid/mo/:moId', async () => {
    const server = makeFakeFetch();
    const api = new RestReviewApi({
      baseUrl: 'https://studio.test/api',
      productionId: 'demo',
      token: 't',
      fetch: server.fetch,
      eventSource: null,
    });
    const session = await fixture(
      html`<review-session .api=${api}><review-clip-header clip-id="101"></review-clip-header></review-session>`,
    );
    const el = session.querySelector('review-clip-header')!;
    await waitUntil(() => editName(el), 'editable header');
    editName(el)!.click();
    await el.updateComplete;
    await sendKeys({ type: 'Over the wire' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => server.patches().length === 1, 'PATCH sent');
    const [patch] = server.patches();
    expect(patch.url).to.equal('https://studio.test/api/production/demo/mo/101');
    expect(JSON.parse(patch.body)).to.deep.equal([{ op: 'replace', path: '/clientName', value: 'Over the wire' }]);
    expect(text(editName(el))).to.contain('Over the wire');
  });
});
