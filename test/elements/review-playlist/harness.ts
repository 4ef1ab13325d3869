/**
 * Test harness of the sharing elements: a `<sharing-test-session>` that provides `sessionContext` built
 * from a MemoryReviewApi seeded with the demo fixture (as `<review-session>` would), so each element test
 * runs against the real in-browser backend with its rights and validation.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { ContextProvider } from '@lit/context';
import { fixture } from '@open-wc/testing';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import type { ReviewApi } from '../../../src/contract/review-api.js';
import type { Id } from '../../../src/contract/types.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import { sessionContext, type SessionState } from '../../../src/store/context.js';
import { StoreRegistry } from '../../../src/store/store-registry.js';

export class SharingTestSession extends LitElement {
  readonly provider = new ContextProvider(this, { context: sessionContext });

  set session(value: SessionState) {
    this.provider.setValue(value);
  }

  get session(): SessionState {
    return this.provider.value;
  }

  constructor() {
    super();
    // What <review-session> does with review-clip-select: make it the current clip.
    this.addEventListener('review-clip-select', (e) => {
      this.session = { ...this.session, currentClipId: e.detail.clipId };
    });
    // What <review-session> does with a settings form's save request: save, then publish what was saved.
    this.addEventListener('review-settings-save-request', ({ detail }) => {
      const api = this.session.api;
      if (!api) return;
      detail.reply(
        detail.target === 'org'
          ? api.patchOrgSettings(detail.ops).then((org) => ((this.session = { ...this.session, org }), org))
          : api.patchSettings(detail.ops).then((settings) => ((this.session = { ...this.session, settings }), settings)),
      );
    });
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
customElements.get('sharing-test-session') || customElements.define('sharing-test-session', SharingTestSession);

/** A fresh backend with the demo data, acting as the given fixture user (1 = producer with every right). */
export function memoryApi(userId: Id = 1): MemoryReviewApi {
  return new MemoryReviewApi({ fixture: createDemoFixture(), userId });
}

export async function sessionFor(api: ReviewApi): Promise<SessionState> {
  const [me, settings, org, capabilities] = await Promise.all([
    api.getMe(),
    api.getSettings(),
    api.getOrgSettings(),
    api.getCapabilities?.() ?? null,
  ]);
  return {
    capabilities,
    api,
    status: 'ready',
    error: null,
    me,
    rights: me.rights,
    settings,
    org,
    currentClipId: null,
    locale: 'en-US',
    stores: new StoreRegistry(),
  };
}

/** Renders `content` inside a session on `api`; returns the session host. */
export async function mountWithSession(api: ReviewApi, content: TemplateResult): Promise<SharingTestSession> {
  const session = await sessionFor(api);
  return fixture<SharingTestSession>(html`<sharing-test-session .session=${session}>${content}</sharing-test-session>`);
}
