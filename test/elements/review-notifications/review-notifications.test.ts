/**
 * Issue 25: `<review-notifications>` in a session — the bell's unread count, the list (who, what, which clip
 * and frame, unread marked), choosing one opens its clip at its frame and marks it read, "Mark all as read",
 * the e-mail digest preference, live updates, the empty and error states, the keyboard.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/review-notifications/define.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import type { ReviewNotifications } from '../../../src/elements/review-notifications/review-notifications.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import type { ReviewNotification } from '../../../src/contract/types.js';

/** Sam Supervisor (2) reads; Alex Artist (3) and Pat Producer (1) act on the same data. */
function backend(capabilities?: { notifications: boolean }, faults?: ConstructorParameters<typeof MemoryReviewApi>[0]['faults']) {
  const sam = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 2, faults, ...(capabilities ? { capabilities } : {}) });
  const alex = new MemoryReviewApi({ backend: sam.backend, userId: 3 });
  const pat = new MemoryReviewApi({ backend: sam.backend, userId: 1 });
  return { sam, alex, pat };
}

const mention = (api: MemoryReviewApi, text: string, start = 10) =>
  api.createComment({
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId: 101,
    spatial: null,
    uiLocation: null,
    relatedToId: null,
    customFields: {},
    description: `${text} @{2,Sam Supervisor}`,
    mentionIds: [2],
    tags: [],
    start,
    end: start + 1,
  });

async function mount(api: MemoryReviewApi) {
  const session = await fixture<ReviewSession>(
    html`<review-session .api=${api}><review-notifications></review-notifications></review-session>`,
  );
  const el = session.querySelector('review-notifications') as ReviewNotifications;
  return { session, el };
}

const part = (el: ReviewNotifications, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const items = (el: ReviewNotifications) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="item"]')];
const bell = (el: ReviewNotifications) => part(el, 'button') as HTMLButtonElement;

describe('<review-notifications>', () => {
  it('shows the unread count on the bell and the list: who, what, which clip and frame, unread marked', async () => {
    const { sam, alex, pat } = backend();
    await mention(alex, 'Check the matte', 10);
    // Sam wrote a note on clip 102 (the demo fixture): its status change reaches him.
    const moa = await pat.getMediaObjectAnnotation(102);
    await pat.setReviewStatus(moa.id, 'NEEDS_WORK');
    await sam.markNotificationsRead([(await sam.listNotifications()).items[1].id]);
    const { el } = await mount(sam);
    await waitUntil(() => part(el, 'badge')?.textContent?.trim() === '1', 'the badge shows 1');
    expect(bell(el).getAttribute('aria-label')).to.equal('Notifications, 1 unread');
    expect(bell(el).getAttribute('aria-expanded')).to.equal('false');
    expect(part(el, 'panel')!.hidden).to.equal(true);

    bell(el).click();
    await waitUntil(() => !part(el, 'panel')!.hidden);
    expect(bell(el).getAttribute('aria-expanded')).to.equal('true');
    const [status, mentioned] = items(el);
    expect(status.textContent).to.contain('Pat Producer set the status to Needs Work');
    expect(status.textContent).to.contain('hm_020_0110');
    expect(status.getAttribute('part')).to.equal('item item-unread');
    expect(status.textContent).to.contain('Unread:');
    expect(mentioned.textContent).to.contain('Alex Artist mentioned you');
    expect(mentioned.textContent).to.contain('hm_010_0040');
    expect(mentioned.textContent).to.contain('Frame 10');
    expect(mentioned.textContent).to.contain('Check the matte @Sam Supervisor');
    expect(mentioned.getAttribute('part')).to.equal('item');
    expect(mentioned.textContent).not.to.contain('Unread:');
  });

  it('choosing a notification opens its clip at its frame, marks it read and closes the list', async () => {
    const { sam, alex } = backend();
    const note = await mention(alex, 'Look here', 42);
    const { session, el } = await mount(sam);
    await waitUntil(() => part(el, 'badge')?.textContent?.trim() === '1');
    el.show();
    await waitUntil(() => items(el).length === 1);
    let opened: ReviewNotification | null = null;
    el.addEventListener('review-notification-open', (e) => (opened = e.detail.notification));
    items(el)[0].click();
    expect(opened!.commentId).to.equal(note.id);
    const nav = session.store.navigation.state;
    expect(nav.clipId).to.equal(101);
    expect(nav.commentId).to.equal(note.id);
    expect(nav.wantedFrame?.frame).to.equal(42);
    await waitUntil(() => !part(el, 'badge'), 'the badge goes');
    expect(part(el, 'panel')!.hidden).to.equal(true);
    expect((await sam.listNotifications()).unread).to.equal(0);
  });

  it('"Mark all as read" marks them on the server; a new mention arrives live', async () => {
    const { sam, alex } = backend();
    await mention(alex, 'one');
    await mention(alex, 'two');
    const { el } = await mount(sam);
    await waitUntil(() => part(el, 'badge')?.textContent?.trim() === '2');
    el.show();
    await waitUntil(() => items(el).length === 2);
    (part(el, 'mark-all') as HTMLButtonElement).click();
    await waitUntil(() => !part(el, 'badge'));
    expect(items(el).every((b) => b.getAttribute('part') === 'item')).to.equal(true);
    expect((await sam.listNotifications()).unread).to.equal(0);
    expect((part(el, 'mark-all') as HTMLButtonElement).disabled).to.equal(true);

    await mention(alex, 'three');
    await waitUntil(() => part(el, 'badge')?.textContent?.trim() === '1', 'the new mention shows');
    await waitUntil(() => items(el).length === 3);
    expect(items(el)[0].textContent).to.contain('three');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('1 unread notifications');
  });

  it('sets how often e-mail brings them', async () => {
    const { sam } = backend();
    const { el } = await mount(sam);
    el.show();
    await waitUntil(() => part(el, 'digest'));
    const select = part(el, 'digest') as HTMLSelectElement;
    expect(select.value).to.equal('immediately');
    select.value = 'daily';
    select.dispatchEvent(new Event('change'));
    await waitUntil(async () => (await sam.getNotificationPreferences()).digest === 'daily');
  });

  it('says when there is nothing yet, and when loading failed (Retry loads again)', async () => {
    let down = true;
    const { sam } = backend(undefined, (method) => (down && method === 'listNotifications' ? 'network' : undefined));
    const { el } = await mount(sam);
    // Opening the list loads again: that load is the one to see fail.
    el.show();
    await el.updateComplete;
    await waitUntil(() => part(el, 'error'));
    const error = part(el, 'error')!;
    expect(error.textContent).to.contain('The notifications could not be loaded');
    expect(error.textContent).to.contain('The server could not be reached.');
    down = false;
    error.querySelector('button')!.click();
    await waitUntil(() => part(el, 'empty'));
    expect(part(el, 'empty')!.textContent).to.contain('Nothing yet');
    expect(part(el, 'badge')).to.equal(null);
  });

  it('works by keyboard: the list takes the focus, arrows move in it, Escape closes it back on the bell', async () => {
    const { sam, alex } = backend();
    await mention(alex, 'first');
    await mention(alex, 'second');
    const { el } = await mount(sam);
    await waitUntil(() => part(el, 'badge'));
    bell(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => items(el).length === 2 && el.shadowRoot!.activeElement === items(el)[0], 'the first item has the focus');
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(items(el)[1]);
    await sendKeys({ press: 'Home' });
    expect(el.shadowRoot!.activeElement).to.equal(items(el)[0]);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => part(el, 'panel')!.hidden);
    expect(el.shadowRoot!.activeElement).to.equal(bell(el));
  });

  it('shows nothing when the backend has no notifications', async () => {
    const { sam } = backend({ notifications: false });
    const { session, el } = await mount(sam);
    await session.loaded;
    await el.updateComplete;
    expect(bell(el)).to.equal(null);
  });
});
