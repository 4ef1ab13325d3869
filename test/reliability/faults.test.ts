/**
 * Fault injection over every mutation the elements make (issue 10): each mutation × 500, 503, timeout,
 * dropped connection, slow answer and 409, driven through the elements' own UI on MemoryReviewApi. For
 * every failing scenario: a clear visible error (role=alert), the UI back to the truth (what the API then
 * returns), nothing the user typed or drew is lost, and a retry through the UI succeeds and is stored.
 * A slow answer shows its pending state and then lands.
 */
import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/review-status-picker/define.js';
import '../../src/elements/review-clip-header/define.js';
import '../../src/elements/share-dialog/define.js';
import '../../src/elements/review-playlist/define.js';
import '../../src/elements/review-project-settings/define.js';
import '../../src/elements/review-org-settings/define.js';
import { memoryApi, mountWithSession } from '../elements/review-playlist/harness.js';
import { faultSuite, type Ctx, type Target } from './fault-harness.js';
import { alertText, buttonByText, deepText, typeInto, until } from './util.js';

const sr = (el: Element) => el.shadowRoot!;

// ——— review-status-picker ———

const pickerLabel = (el: HTMLElement) => sr(el).querySelector('[part~="label"]')!.textContent!.trim();

async function choose(el: HTMLElement, text: string) {
  sr(el).querySelector<HTMLButtonElement>('[part~="button"]')!.click();
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  [...sr(el).querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent!.replace('✓', '').trim() === text)!.click();
}

const statusChange: Target = {
  name: 'status change (review-status-picker)',
  method: 'setReviewStatus',
  async mount() {
    const api = memoryApi();
    const host = await mountWithSession(api, html`<review-status-picker clip-id="101"></review-status-picker>`);
    const el = host.querySelector('review-status-picker')!;
    await until(() => el.shadowRoot?.querySelector('[part~="button"]'), 'picker ready');
    return { api, el };
  },
  act: ({ el }) => choose(el, 'Approved'),
  pending: ({ el }) => sr(el).querySelector('[part~="button"]')!.getAttribute('aria-disabled') === 'true' && pickerLabel(el) === 'Approved',
  async truth({ api, el }) {
    const moa = await api.getMediaObjectAnnotation(101);
    expect(moa.reviewStatus).to.equal('NEEDS_WORK');
    expect(pickerLabel(el)).to.equal('Needs Work');
  },
  async kept() {
    // Nothing typed: the choice is named in the alert (checked by the scenario's message check).
  },
  retry: ({ el }) => choose(el, 'Approved'),
  async stored({ api, el }) {
    await until(async () => (await api.getMediaObjectAnnotation(101)).reviewStatus === 'APPROVED', 'status stored');
    await until(
      () => pickerLabel(el) === 'Approved' && sr(el).querySelector('[part~="button"]')!.getAttribute('aria-disabled') === 'false',
      'status shown',
    );
  },
};

// ——— review-clip-header ———

const CLIP_NAME = 'Hyperspace jump — v12 final';
const REASON = 'Star field density, second pass.';

function clipEdit(field: 'clientName' | 'reasonForReview'): Target {
  const part = field === 'clientName' ? 'edit-name' : 'edit-reason';
  const typed = field === 'clientName' ? CLIP_NAME : REASON;
  const before = field === 'clientName' ? 'Hyperspace jump — v12' : 'Ship edge fix and new star field.';
  const shown = (el: HTMLElement) => sr(el).querySelector(`[part~="${part}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const enter = async (el: HTMLElement) => {
    const input = sr(el).querySelector<HTMLInputElement | HTMLTextAreaElement>('.field')!;
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  };
  return {
    name: `${field === 'clientName' ? 'clip name' : 'reason for review'} edit (review-clip-header)`,
    method: 'updateClip',
    async mount() {
      const api = memoryApi();
      const host = await mountWithSession(api, html`<review-clip-header clip-id="101"></review-clip-header>`);
      const el = host.querySelector('review-clip-header')!;
      await until(() => el.shadowRoot?.querySelector(`[part~="${part}"]`), 'header ready');
      return { api, el };
    },
    async act({ el }) {
      sr(el).querySelector<HTMLButtonElement>(`[part~="${part}"]`)!.click();
      await until(() => sr(el).querySelector('.field'), 'field open');
      typeInto(sr(el).querySelector<HTMLInputElement>('.field')!, typed);
      await enter(el);
    },
    pending: ({ el }) => shown(el).includes(typed) && shown(el).includes('Saving…'),
    async truth({ api, el }) {
      const clip = await api.getClip(101);
      expect(clip[field]).to.equal(before);
      await until(() => !shown(el).includes('Saving…'), 'settled');
      expect(shown(el)).to.contain(before);
      expect(shown(el)).not.to.contain(typed);
    },
    async kept({ el }) {
      // The typed text is named in the alert, and "Edit" reopens the field holding it.
      expect(alertText(el)).to.contain(typed);
      buttonByText(sr(el).querySelector('[role="alert"]')!, 'Edit')!.click();
      await until(() => sr(el).querySelector<HTMLInputElement>('.field')?.value === typed, 'field reopened with the text');
    },
    retry: ({ el }) => enter(el),
    async stored({ api, el }) {
      await until(async () => (await api.getClip(101))[field] === typed, 'stored');
      await until(() => shown(el).includes(typed) && !shown(el).includes('Saving…'), 'shown');
      expect(alertText(el)).to.equal('');
    },
  };
}

// ——— share-dialog ———

const PASSWORD = 'sesame-42';
const MESSAGE = 'Here is v12 for your review.';

const shareRoot = (el: HTMLElement) => sr(el);
const submitShare = (el: HTMLElement) => shareRoot(el).querySelector<HTMLButtonElement>('[part="submit"]')!.click();

async function shareCtx(): Promise<Ctx> {
  const api = memoryApi();
  const host = await mountWithSession(api, html`<share-dialog playlist-id="301"></share-dialog>`);
  const el = host.querySelector('share-dialog')!;
  el.show();
  await until(() => el.shadowRoot!.querySelector('ul[aria-label="Client users"] input'), 'dialog ready');
  return { api, el };
}

async function fillShare(el: HTMLElement) {
  typeInto(shareRoot(el).querySelector<HTMLInputElement>('#password')!, PASSWORD);
  shareRoot(el).querySelector<HTMLInputElement>('ul[aria-label="Client users"] input')!.click();
  typeInto(shareRoot(el).querySelector<HTMLTextAreaElement>('#message')!, MESSAGE);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}

const shareCreate: Target = {
  name: 'share create (share-dialog)',
  method: 'createShare',
  mount: shareCtx,
  async act({ el }) {
    await fillShare(el);
    submitShare(el);
  },
  pending: ({ el }) => shareRoot(el).querySelector<HTMLButtonElement>('[part="submit"]')?.disabled === true,
  async truth({ api, el }) {
    expect(await api.listShares(301)).to.have.length(0);
    expect(shareRoot(el).querySelector('[part="link"]')).to.equal(null);
    expect(api.backend.invitations).to.have.length(0);
  },
  async kept({ el }) {
    expect(shareRoot(el).querySelector<HTMLInputElement>('#password')!.value).to.equal(PASSWORD);
    expect(shareRoot(el).querySelector<HTMLTextAreaElement>('#message')!.value).to.equal(MESSAGE);
    expect(shareRoot(el).querySelector<HTMLInputElement>('ul[aria-label="Client users"] input')!.checked).to.equal(true);
  },
  retry: async ({ el }) => submitShare(el),
  async stored({ api, el }) {
    await until(() => api.backend.invitations.length === 1, 'invited');
    const shares = await api.listShares(301);
    expect(shares).to.have.length(1);
    expect(api.backend.invitations[0].invitation.message).to.equal(MESSAGE);
    expect(api.backend.invitations[0].sent.map((p) => p.email)).to.deep.equal(['casey@client.test']);
    await until(() => shareRoot(el).querySelector<HTMLInputElement>('[part="link"]')?.value === shares[0].url, 'link shown');
  },
};

const shareInvite: Target = {
  name: 'invite (share-dialog)',
  method: 'invite',
  mount: shareCtx,
  async act({ el }) {
    await fillShare(el);
    submitShare(el);
  },
  pending: ({ el }) => deepText(el).includes('Sending invitations…'),
  async truth({ api, el }) {
    // The share itself was made: the link is shown, and it is the stored share's.
    const shares = await api.listShares(301);
    expect(shares).to.have.length(1);
    expect(api.backend.invitations).to.have.length(0);
    await until(() => shareRoot(el).querySelector<HTMLInputElement>('[part="link"]')?.value === shares[0].url, 'link shown');
  },
  async kept({ el }) {
    expect(shareRoot(el).querySelector<HTMLTextAreaElement>('#message')!.value).to.equal(MESSAGE);
    expect(shareRoot(el).querySelector<HTMLInputElement>('ul[aria-label="Client users"] input')!.checked).to.equal(true);
  },
  retry: async ({ el }) => submitShare(el),
  async stored({ api, el }) {
    await until(() => api.backend.invitations.length === 1, 'invited');
    expect(await api.listShares(301), 'no second share').to.have.length(1);
    expect(api.backend.invitations[0].invitation.message).to.equal(MESSAGE);
    await until(() => deepText(el).includes('Invitation sent to 1 person'), 'sent shown');
  },
};

// ——— review-playlist ———

const items = (el: HTMLElement) => [...sr(el).querySelectorAll<HTMLLIElement>('li[part="item"]')];
const order = (el: HTMLElement) => items(el).map((li) => Number(li.dataset.clipId));

async function playlistCtx(): Promise<Ctx> {
  const api = memoryApi();
  const host = await mountWithSession(api, html`<review-playlist playlist-id="301"></review-playlist>`);
  const el = host.querySelector('review-playlist')!;
  await until(() => items(el).length === 4, 'clips listed');
  return { api, el };
}

async function moveLastToTop(el: HTMLElement) {
  sr(el).querySelector<HTMLButtonElement>('li[data-clip-id="104"] .handle')!.focus();
  await sendKeys({ press: 'Space' });
  for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowUp' });
  await sendKeys({ press: 'Space' });
}

const reorder: Target = {
  name: 'reorder (review-playlist)',
  method: 'patchPlaylist',
  mount: playlistCtx,
  act: ({ el }) => moveLastToTop(el),
  // No spinner: the new order shows at once while it is saved.
  pending: ({ el }) => order(el)[0] === 104,
  async truth({ api, el }) {
    expect(order(el)).to.deep.equal((await api.getPlaylist(301)).clipIds);
    expect(order(el)).to.deep.equal([101, 102, 103, 104]);
  },
  async kept() {},
  retry: ({ el }) => moveLastToTop(el),
  async stored({ api, el }) {
    await until(async () => (await api.getPlaylist(301)).clipIds[0] === 104, 'order stored');
    expect((await api.getPlaylist(301)).clipIds).to.deep.equal([104, 101, 102, 103]);
    expect(order(el)).to.deep.equal([104, 101, 102, 103]);
  },
};

const BULK = 'Final check before delivery';
const reasons = (el: HTMLElement) => items(el).map((li) => li.querySelector('.reason')?.textContent ?? '');
const bulkReason: Target = {
  name: 'bulk reason (review-playlist)',
  method: 'bulkUpdateReasonForReview',
  mount: playlistCtx,
  async act({ el }) {
    const boxes = items(el).map((li) => li.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    boxes[0].click();
    boxes[3].click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    typeInto(sr(el).querySelector<HTMLTextAreaElement>('.bulk textarea')!, BULK);
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    sr(el).querySelector<HTMLButtonElement>('.bulk button')!.click();
  },
  pending: ({ el }) => sr(el).querySelector<HTMLButtonElement>('.bulk button')!.disabled,
  async truth({ api, el }) {
    const clips = await api.listClips();
    const byId = new Map(clips.map((c) => [c.id, c.reasonForReview]));
    expect(reasons(el)).to.deep.equal(order(el).map((id) => byId.get(id)));
  },
  async kept({ el }) {
    expect(sr(el).querySelector<HTMLTextAreaElement>('.bulk textarea')!.value).to.equal(BULK);
    expect(items(el).map((li) => li.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked)).to.deep.equal([
      true,
      false,
      false,
      true,
    ]);
  },
  retry: async ({ el }) => sr(el).querySelector<HTMLButtonElement>('.bulk button')!.click(),
  async stored({ api, el }) {
    await until(async () => (await api.getClip(104)).reasonForReview === BULK, 'stored');
    expect((await api.getClip(101)).reasonForReview).to.equal(BULK);
    await until(() => reasons(el)[0] === BULK && reasons(el)[3] === BULK, 'shown');
  },
};

// ——— settings ———

async function settingsCtx(tag: 'project' | 'org'): Promise<Ctx> {
  const api = memoryApi();
  const host = await mountWithSession(
    api,
    tag === 'project' ? html`<review-project-settings></review-project-settings>` : html`<review-org-settings></review-org-settings>`,
  );
  const el = host.querySelector<HTMLElement>(tag === 'project' ? 'review-project-settings' : 'review-org-settings')!;
  await until(() => el.shadowRoot!.querySelector('form'), 'form rendered');
  return { api, el };
}

const saveButton = (el: HTMLElement) => sr(el).querySelector<HTMLButtonElement>('[part="save"]')!;
const message = (el: HTMLElement) => sr(el).querySelector('[part="message"]')?.textContent?.trim() ?? '';

const projectSettings: Target = {
  name: 'project settings save (review-project-settings)',
  method: 'patchSettings',
  mount: () => settingsCtx('project'),
  async act({ el }) {
    sr(el).querySelector<HTMLInputElement>('input[value="name"]')!.click();
    typeInto(sr(el).querySelector<HTMLInputElement>('#expires')!, '14');
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    saveButton(el).click();
  },
  pending: ({ el }) => saveButton(el).disabled,
  async truth({ api, el }) {
    const s = await api.getSettings();
    expect(s.clientVersionName).to.equal('clientName');
    expect(s.shareDefaults.expiresInDays).to.equal(30);
    expect(message(el)).not.to.match(/saved\./i);
  },
  async kept({ el }) {
    expect(sr(el).querySelector<HTMLInputElement>('input[value="name"]')!.checked).to.equal(true);
    expect(sr(el).querySelector<HTMLInputElement>('#expires')!.value).to.equal('14');
  },
  retry: async ({ el }) => saveButton(el).click(),
  async stored({ api, el }) {
    await until(() => /saved/i.test(message(el)), 'saved shown');
    const s = await api.getSettings();
    expect(s.clientVersionName).to.equal('name');
    expect(s.shareDefaults.expiresInDays).to.equal(14);
  },
};

const orgSettings: Target = {
  name: 'org settings save (review-org-settings)',
  method: 'patchOrgSettings',
  mount: () => settingsCtx('org'),
  async act({ el }) {
    typeInto(sr(el).querySelector<HTMLInputElement>('#studioName')!, 'Northlight Studios');
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    saveButton(el).click();
  },
  pending: ({ el }) => saveButton(el).disabled,
  async truth({ api, el }) {
    expect((await api.getOrgSettings()).studioName).to.equal('Northlight Pictures');
    expect(message(el)).not.to.match(/saved/i);
  },
  async kept({ el }) {
    expect(sr(el).querySelector<HTMLInputElement>('#studioName')!.value).to.equal('Northlight Studios');
  },
  retry: async ({ el }) => saveButton(el).click(),
  async stored({ api, el }) {
    await until(() => /saved/i.test(message(el)), 'saved shown');
    expect((await api.getOrgSettings()).studioName).to.equal('Northlight Studios');
  },
};

faultSuite('faults', [
  statusChange,
  clipEdit('clientName'),
  clipEdit('reasonForReview'),
  shareCreate,
  shareInvite,
  reorder,
  bulkReason,
  projectSettings,
  orgSettings,
]);
