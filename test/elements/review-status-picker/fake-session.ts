/**
 * A small in-test ReviewApi (only the calls the status picker and clip header make) and a context
 * provider that hands a SessionState to the elements under test.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { ContextProvider } from '@lit/context';
import { fixture } from '@open-wc/testing';
import { ReviewApiError, codeForStatus } from '../../../src/api/errors.js';
import type { ReviewApi } from '../../../src/api/review-api.js';
import type {
  Clip,
  ClipChanges,
  Id,
  Me,
  MediaObjectAnnotation,
  ProductionSettings,
  ReviewEvent,
  Right,
} from '../../../src/api/types.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import { sessionContext, type SessionState } from '../../../src/state/context.js';
import { StoreRegistry } from '../../../src/state/store-registry.js';

type Method = 'getMediaObjectAnnotation' | 'setReviewStatus' | 'getClip' | 'updateClip';

export interface Call {
  method: Method;
  args: unknown[];
}

/** The subset of ReviewApi used here, backed by the demo fixture. */
export class FakeReviewApi {
  readonly productionId = 'demo';
  readonly calls: Call[] = [];
  readonly moas: MediaObjectAnnotation[];
  readonly clips: Clip[];
  /** When set, the next call of that method fails with this HTTP status. */
  failNext: { method: Method; status: number; message?: string } | null = null;
  /** When set, calls of these methods wait until `release()`. */
  #held = new Set<Method>();
  #waiting: Array<() => void> = [];
  #listeners = new Set<(event: ReviewEvent) => void>();

  constructor() {
    const fx = createDemoFixture();
    this.moas = fx.moas.map((m) => ({ ...m }));
    this.clips = fx.clips.map((c) => ({ ...c }));
  }

  hold(method: Method): void {
    this.#held.add(method);
  }

  release(): void {
    this.#held.clear();
    for (const go of this.#waiting.splice(0)) go();
  }

  /** Pushes an event as the events stream of a server would. */
  push(event: ReviewEvent): void {
    for (const l of this.#listeners) l(event);
  }

  subscribe(listener: (event: ReviewEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  async getMediaObjectAnnotation(moId: Id): Promise<MediaObjectAnnotation> {
    await this.#enter('getMediaObjectAnnotation', [moId]);
    const moa = this.moas.find((m) => m.mediaObjectId === moId);
    if (!moa) throw new ReviewApiError(404, 'NOT_FOUND', `No clip ${moId}`);
    return { ...moa };
  }

  async setReviewStatus(moaId: Id, reviewStatus: string): Promise<MediaObjectAnnotation> {
    await this.#enter('setReviewStatus', [moaId, reviewStatus]);
    const moa = this.moas.find((m) => m.id === moaId);
    if (!moa) throw new ReviewApiError(404, 'NOT_FOUND', `No annotation ${moaId}`);
    moa.reviewStatus = reviewStatus;
    return { ...moa };
  }

  async getClip(moId: Id): Promise<Clip> {
    await this.#enter('getClip', [moId]);
    const clip = this.clips.find((c) => c.id === moId);
    if (!clip) throw new ReviewApiError(404, 'NOT_FOUND', `No clip ${moId}`);
    return { ...clip };
  }

  async updateClip(moId: Id, changes: ClipChanges): Promise<Clip> {
    await this.#enter('updateClip', [moId, changes]);
    const i = this.clips.findIndex((c) => c.id === moId);
    if (i < 0) throw new ReviewApiError(404, 'NOT_FOUND', `No clip ${moId}`);
    this.clips[i] = { ...this.clips[i], ...changes };
    return { ...this.clips[i] };
  }

  async #enter(method: Method, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    if (this.#held.has(method)) await new Promise<void>((go) => this.#waiting.push(go));
    const fail = this.failNext;
    if (fail && fail.method === method) {
      this.failNext = null;
      throw new ReviewApiError(fail.status, codeForStatus(fail.status), fail.message ?? `Failed with ${fail.status}`);
    }
  }

  callsOf(method: Method): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  asApi(): ReviewApi {
    return this as unknown as ReviewApi;
  }
}

export interface SessionOptions {
  rights?: Right[];
  kind?: 'studio' | 'client';
  share?: Me['share'];
  settings?: Partial<ProductionSettings>;
  currentClipId?: Id | null;
}

export function makeSession(api: ReviewApi, o: SessionOptions = {}): SessionState {
  const fx = createDemoFixture();
  const rights = o.rights ?? ['REVIEW_EDIT', 'REVIEW_STATUS_EDIT', 'SHARE_MANAGE'];
  return {
    api,
    status: 'ready',
    error: null,
    me: { user: { id: 1, name: 'Pat Producer', kind: o.kind ?? 'studio' }, rights, share: o.share ?? null },
    rights,
    settings: { ...fx.settings, ...o.settings },
    org: fx.org,
    currentClipId: o.currentClipId ?? null,
    selectedCommentId: null,
    selectionSeq: 0,
    selectedFrame: null,
    locale: 'en',
    stores: new StoreRegistry(),
  };
}

/** Provides `sessionContext` to its children; `session` may be replaced to publish a new snapshot. */
export class TestSession extends LitElement {
  readonly provider = new ContextProvider(this, { context: sessionContext });

  set session(value: SessionState) {
    this.provider.setValue(value);
  }

  get session(): SessionState {
    return this.provider.value;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
customElements.get('test-session') || customElements.define('test-session', TestSession);

/** Renders `content` inside a `<test-session>` that provides `session`; returns the session element. */
export async function withSession(session: SessionState, content: TemplateResult): Promise<TestSession> {
  const host = await fixture<TestSession>(html`<test-session .session=${session}>${content}</test-session>`);
  return host;
}
