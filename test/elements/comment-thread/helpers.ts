/**
 * A `<review-session>` on a MemoryReviewApi seeded with the demo fixture, holding a `<comment-thread>`;
 * every call of the acting user's API is recorded.
 */
import { html, render } from 'lit';
import { fixture, waitUntil } from '@open-wc/testing';
import { MemoryReviewApi, type ReviewApiMethod } from '../../../src/backend/memory-review-api.js';
import type { ClipAnnotation, Id } from '../../../src/contract/types.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import type { CommentThread } from '../../../src/elements/comment-thread/comment-thread.js';
import type { ReviewCommentComposer } from '../../../src/elements/comment-thread/comment-composer.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/comment-thread/define.js';

export interface Call {
  method: ReviewApiMethod;
  args: unknown[];
}

export interface Mounted {
  api: MemoryReviewApi;
  calls: Call[];
  callsOf(method: ReviewApiMethod): Call[];
  session: ReviewSession;
  el: CommentThread;
}

export interface MountOptions {
  userId?: Id;
  /** Share the data of an earlier mount (a reload of the page on the same backend). */
  api?: MemoryReviewApi;
  clipId?: Id;
  /** Extra comments on clip 101 before mounting. */
  comments?: ClipAnnotation[];
  /** Set `clip-id` on the thread instead of following the session's clip. */
  ownClipId?: boolean;
  undoDelay?: number;
  /** With `api`: act with this bearer token (a share client) on its backend. */
  token?: string;
  /** Called with the new API before the session uses it (e.g. to inject a fault). */
  prepare?: (api: MemoryReviewApi) => void;
}

/** A recording MemoryReviewApi for `userId` (a fresh demo backend, or `base`'s). */
export function recordingApi(userId: Id, base?: MemoryReviewApi, comments: ClipAnnotation[] = [], token?: string) {
  const calls: Call[] = [];
  const faults = (method: ReviewApiMethod, args: unknown[]) => {
    calls.push({ method, args: structuredClone(args) });
    return undefined;
  };
  let api: MemoryReviewApi;
  if (base) {
    api = new MemoryReviewApi(token ? { backend: base.backend, token, faults } : { backend: base.backend, userId, faults });
  } else {
    const fx = createDemoFixture();
    fx.comments.push(...comments);
    api = new MemoryReviewApi({ fixture: fx, userId, faults });
  }
  return { api, calls, callsOf: (m: ReviewApiMethod) => calls.filter((c) => c.method === m) };
}

export async function mount(o: MountOptions = {}): Promise<Mounted> {
  const { api, calls, callsOf } = recordingApi(o.userId ?? 1, o.api, o.comments, o.token);
  o.prepare?.(api);
  // A second mount stands for a reload: the earlier page goes away.
  for (const old of document.querySelectorAll('review-session')) old.remove();
  const clipId = o.clipId ?? 101;
  const session = await fixture<ReviewSession>(html`
    <review-session .api=${api} clip-id=${clipId} style="display:block">
      ${
        o.ownClipId
          ? html`<comment-thread clip-id=${clipId} undo-delay=${o.undoDelay ?? 5000} style="height:600px"></comment-thread>`
          : html`<comment-thread undo-delay=${o.undoDelay ?? 5000} style="height:600px"></comment-thread>`
      }
    </review-session>
  `);
  const el = session.querySelector('comment-thread')!;
  await waitUntil(() => el.shadowRoot?.querySelector('[role="listitem"], [part="empty"], [part="error"]'), 'comments shown', {
    timeout: 15000,
  }).catch((e: Error) => {
    throw new Error(
      `${e.message}: ${el.shadowRoot?.textContent?.replace(/\s+/g, ' ')} / session: ${session.shadowRoot?.textContent?.replace(/\s+/g, ' ')}`,
    );
  });
  await el.updateComplete;
  return { api, calls, callsOf, session, el };
}

/** Replaces the session's thread with a new element (what navigating away and back does). */
export async function remountThread(m: Mounted): Promise<CommentThread> {
  m.el.remove();
  const holder = document.createElement('div');
  render(html`<comment-thread style="height:600px"></comment-thread>`, holder);
  const el = holder.firstElementChild as CommentThread;
  m.session.append(el);
  m.el = el;
  await waitUntil(() => el.shadowRoot?.querySelector('[role="listitem"], [part="empty"]'), 'comments shown again');
  await el.updateComplete;
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];

/** The rendered comment articles, by id. */
export const commentEl = (el: CommentThread, id: Id) => $(el, `[data-comment-id="${id}"]`);
export const commentIds = (el: CommentThread) => $$(el, 'article[data-comment-id]').map((a) => Number(a.dataset.commentId));
export const commentText = (el: CommentThread, id: Id) => commentEl(el, id)?.querySelector('[part~="text"]')?.textContent?.trim();

export function mainComposer(el: CommentThread): ReviewCommentComposer | null {
  return $(el, 'review-comment-composer[mode="new"]');
}

export function textarea(composer: ReviewCommentComposer): HTMLTextAreaElement {
  return composer.shadowRoot!.querySelector('textarea')!;
}

/** The mention and tag chips a composer draws behind its text, as they read. */
export function chipTexts(composer: ReviewCommentComposer): string[] {
  return [...composer.shadowRoot!.querySelectorAll('[part="chips"] .chip')].map((c) => c.textContent!);
}

/** Types into a composer's field as a user would (value + input event), caret at the end. */
export async function typeInto(composer: ReviewCommentComposer, text: string): Promise<void> {
  const ta = textarea(composer);
  ta.focus();
  ta.value = text;
  ta.setSelectionRange(text.length, text.length);
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await composer.updateComplete;
}

export function buttonByText(root: Element | ShadowRoot, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text);
}

/**
 * Records the files `el` starts downloading (their names and contents) without letting the test page
 * download them; `stop()` puts `URL.createObjectURL` back.
 */
export function captureDownloads(el: HTMLElement): { blobs: Blob[]; downloads: string[]; stop(): void } {
  const blobs: Blob[] = [];
  const downloads: string[] = [];
  el.shadowRoot!.addEventListener(
    'click',
    (e) => {
      const a = e.target as HTMLAnchorElement;
      if (a.localName === 'a' && a.download) {
        downloads.push(a.download);
        e.preventDefault();
      }
    },
    true,
  );
  const original = URL.createObjectURL;
  URL.createObjectURL = (b: Blob | MediaSource) => {
    blobs.push(b as Blob);
    return original.call(URL, b);
  };
  return { blobs, downloads, stop: () => (URL.createObjectURL = original) };
}
