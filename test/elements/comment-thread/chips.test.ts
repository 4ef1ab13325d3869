/**
 * Issue 22, items 1, 2 and 4 in the composer: mentions and tags are chips reading "@Alex Artist" and
 * "#grade" while typing and editing (the markup is only what is sent), the tag picker takes an existing
 * tag on Enter, and a client's "@" finds the studio people on its share — the hint offers mentions only
 * when somebody can be mentioned.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MAX_DESCRIPTION_LENGTH, type ClipAnnotation, type NewClipAnnotation } from '../../../src/contract/types.js';
import type { Operation } from '../../../src/contract/review-api.js';
import type { ReviewCommentComposer } from '../../../src/elements/comment-thread/comment-composer.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import { $, buttonByText, chipTexts, commentEl, mainComposer, mount, textarea } from './helpers.js';

beforeEach(() => localStorage.clear());

const options = (composer: ReviewCommentComposer) =>
  [...composer.shadowRoot!.querySelectorAll('[role="option"] .option-label')].map((o) => o.textContent!.trim());
const hint = (composer: ReviewCommentComposer) => composer.shadowRoot!.querySelector('#hint')!.textContent!;
/** What a person sees of the composer's text: the field and its chips, nothing of the markup. */
const onScreen = (composer: ReviewCommentComposer) => `${textarea(composer).value} ${chipTexts(composer).join(' ')}`;

async function press(composer: ReviewCommentComposer, key: string, times = 1) {
  for (let i = 0; i < times; i++) await sendKeys({ press: key });
  await composer.updateComplete;
}

describe('<review-comment-composer>: mention and tag chips', () => {
  it('a mention picked after "@Al" is a chip reading "@Alex Artist"; the description sent is the markup', async () => {
    const m = await mount();
    const composer = mainComposer(m.el)!;
    textarea(composer).focus();
    await sendKeys({ type: 'Please look @Al' });
    await waitUntil(() => options(composer)[0]?.includes('Alex Artist'), 'people listed');
    await press(composer, 'Enter');
    expect(textarea(composer).value).to.equal('Please look @Alex Artist ');
    expect(chipTexts(composer)).to.deep.equal(['@Alex Artist']);
    expect(onScreen(composer)).to.not.match(/[{}]/);
    expect(composer.shadowRoot!.querySelector('[part="chips"]')!.getAttribute('aria-hidden')).to.equal('true');
    // The chip is drawn behind the field, inside it.
    const chip = composer.shadowRoot!.querySelector('[part="chips"] .chip')!.getBoundingClientRect();
    const field = textarea(composer).getBoundingClientRect();
    expect(chip.width).to.be.greaterThan(40);
    expect(chip.left >= field.left && chip.right <= field.right && chip.top >= field.top && chip.bottom <= field.bottom).to.equal(true);
    await expect(composer).to.be.accessible();
    await sendKeys({ type: 'now' });
    const created = oneEvent(m.el, 'review-comment-created');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await created;
    const sent = m.callsOf('createComment')[0].args[0] as NewClipAnnotation;
    expect(sent.description).to.equal('Please look @{3,Alex Artist} now');
    expect(sent.mentionIds).to.deep.equal([3]);
  });

  it('Left and Right step over a chip as one character; Backspace after a chip removes it whole', async () => {
    const m = await mount();
    const composer = mainComposer(m.el)!;
    const ta = textarea(composer);
    ta.focus();
    await sendKeys({ type: 'see @Al' });
    await waitUntil(() => options(composer)[0]?.includes('Alex Artist'), 'people listed');
    await press(composer, 'Enter');
    await sendKeys({ type: 'ok' });
    await composer.updateComplete;
    expect(ta.value).to.equal('see @Alex Artist ok');
    await press(composer, 'ArrowLeft', 3);
    expect(ta.selectionStart, 'at the end of the chip').to.equal(16);
    await press(composer, 'ArrowLeft');
    expect(ta.selectionStart, 'over the chip at once').to.equal(4);
    await press(composer, 'ArrowRight');
    expect(ta.selectionStart).to.equal(16);
    await press(composer, 'Backspace');
    expect(ta.value).to.equal('see  ok');
    expect(chipTexts(composer)).to.deep.equal([]);
    expect(composer.value).to.equal('see  ok');
    expect(ta.selectionStart).to.equal(4);
  });

  it('Delete before a chip removes it whole; a click inside a chip puts the caret at its edge', async () => {
    const m = await mount();
    const composer = mainComposer(m.el)!;
    const ta = textarea(composer);
    composer.value = 'check the #{comp} matte';
    await composer.updateComplete;
    expect(ta.value).to.equal('check the #comp matte');
    // The limit is the stored description's, markup included.
    expect(ta.maxLength).to.equal(MAX_DESCRIPTION_LENGTH - 2);
    ta.focus();
    ta.setSelectionRange(12, 12);
    ta.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(ta.selectionStart, 'moved to the nearer edge').to.equal(10);
    await press(composer, 'Delete');
    expect(ta.value).to.equal('check the  matte');
    expect(composer.value).to.equal('check the  matte');
  });

  it('"#gr" + Enter inserts the existing tag "#grade"; a new tag is the explicit, last choice', async () => {
    const m = await mount();
    const composer = mainComposer(m.el)!;
    textarea(composer).focus();
    await sendKeys({ type: '#gr' });
    await composer.updateComplete;
    expect(options(composer)).to.deep.equal(['#grade', '#gr']);
    expect(composer.shadowRoot!.querySelector('[role="option"][aria-selected="true"]')!.textContent).to.not.contain('new tag');
    await press(composer, 'Enter');
    expect(textarea(composer).value).to.equal('#grade ');
    expect(chipTexts(composer)).to.deep.equal(['#grade']);
    expect(composer.value).to.equal('#{grade} ');
  });

  it('editing a note shows its chips and saves the markup unchanged except for the edit', async () => {
    const m = await mount();
    (commentEl(m.el, 5001)!.querySelector('.edit') as HTMLButtonElement).click();
    await m.el.updateComplete;
    const editor = $<ReviewCommentComposer>(m.el, 'review-comment-composer[mode="edit"]')!;
    await editor.updateComplete;
    const ta = textarea(editor);
    expect(ta.value).to.equal('Edge of the ship flickers here, @Alex Artist can you check the #comp matte?');
    expect(chipTexts(editor)).to.deep.equal(['@Alex Artist', '#comp']);
    ta.focus();
    ta.setSelectionRange(ta.value.length, ta.value.length);
    await sendKeys({ type: ' Thanks' });
    const updated = oneEvent(m.el, 'review-comment-updated');
    buttonByText(editor.shadowRoot!, 'Save')!.click();
    const { comment } = (await updated).detail as { comment: ClipAnnotation };
    expect(comment.description).to.equal('Edge of the ship flickers here, @{3,Alex Artist} can you check the #{comp} matte? Thanks');
    const ops = m.callsOf('patchComment')[0].args[1] as Operation[];
    expect(ops.some((o) => o.op === 'replace' && o.path === '/description')).to.equal(true);
    expect(comment.mentionIds).to.deep.equal([3]);
  });
});

describe('<review-comment-composer>: whom a client may mention', () => {
  async function clientMount(edit?: (fx: ReturnType<typeof createDemoFixture>) => void, unattributed = false) {
    const fx = createDemoFixture();
    edit?.(fx);
    const base = new MemoryReviewApi({ fixture: fx, userId: 1 });
    const share = await base.createShare(301, { settings: { requirePassword: false }, password: null });
    // A share nobody on the studio side is attached to (its author has left, say).
    if (unattributed) delete (base.backend.shares.find((s) => s.id === share.id) as { createdBy?: number }).createdBy;
    const { token } = await base.anonymous().openShareSession(share.token, { name: 'Casey Client' });
    return mount({ api: base, token });
  }

  it("a client's @ finds the studio people on the share (no e-mails), and the hint offers mentions", async () => {
    const m = await clientMount();
    const composer = mainComposer(m.el)!;
    await waitUntil(() => hint(composer).includes('Type @ to mention someone'), 'the hint offers mentions');
    textarea(composer).focus();
    await sendKeys({ type: '@' });
    await waitUntil(() => options(composer).length > 0, 'people listed');
    expect(options(composer)).to.deep.equal(['Alex Artist', 'Pat Producer', 'Sam Supervisor']);
    expect(composer.shadowRoot!.querySelector('[part="picker"]')!.textContent).to.not.contain('@demo.test');
    await press(composer, 'ArrowDown');
    await press(composer, 'Enter');
    expect(textarea(composer).value).to.equal('@Pat Producer ');
    expect(composer.value).to.equal('@{1,Pat Producer} ');
  });

  it('when nobody can be mentioned, the hint does not offer it and @ opens no list', async () => {
    const m = await clientMount((fx) => fx.comments.splice(0), true);
    const composer = mainComposer(m.el)!;
    await waitUntil(() => hint(composer).includes('Type # to add a tag'), 'the hint is the tag one');
    expect(hint(composer)).to.not.contain('@');
    textarea(composer).focus();
    await sendKeys({ type: '@' });
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[part="picker"]')!.hasAttribute('hidden')).to.equal(true);
  });
});
