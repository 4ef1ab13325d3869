/**
 * Test sessions for the status picker, the clip header and the status store: a MemoryReviewApi seeded
 * with the demo fixture (as a studio user or as a share client), every call recorded, and a context
 * provider that hands the SessionState to the elements under test.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { ContextProvider } from '@lit/context';
import { fixture } from '@open-wc/testing';
import { MemoryReviewApi, type InjectedFault, type ReviewApiMethod } from '../../../src/backend/memory-review-api.js';
import type { Id, Me, ProductionSettings, ShareSettings } from '../../../src/contract/types.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import { sessionContext, type SessionState } from '../../../src/store/context.js';
import { StoreRegistry } from '../../../src/store/store-registry.js';

export interface Call {
  method: ReviewApiMethod;
  args: unknown[];
}

export interface TestBackend {
  /** The API the elements use (the acting user's). */
  api: MemoryReviewApi;
  /** Pat Producer on the same data, to make changes "elsewhere". */
  studio: MemoryReviewApi;
  /** Every call the elements' API made, in order. */
  calls: Call[];
  callsOf(method: ReviewApiMethod): Call[];
  /** Makes the next call of `method` fail (it is still recorded, as a request that was sent). */
  fail(method: ReviewApiMethod, fault: InjectedFault): void;
  session: SessionState;
}

export interface BackendOptions {
  /** Demo user acting: 1 Pat Producer (all rights), 2 Sam Supervisor (status, no shares), 3 Alex Artist, 4 Vic Viewer. */
  userId?: Id;
  /** Act as a share client of playlist 301 with these share settings instead of a studio user. */
  share?: Partial<ShareSettings>;
  settings?: Partial<ProductionSettings>;
  currentClipId?: Id | null;
  /** Changes the fixture before the backend is seeded (e.g. a clip without source). */
  edit?: (fx: ReturnType<typeof createDemoFixture>) => void;
}

export async function makeBackend(o: BackendOptions = {}): Promise<TestBackend> {
  const fx = createDemoFixture();
  fx.settings = { ...fx.settings, ...o.settings };
  o.edit?.(fx);
  const calls: Call[] = [];
  const faults = new Map<ReviewApiMethod, InjectedFault>();
  // MemoryReviewApi's fault hook sees every call: record it, and inject the fault asked for.
  const record = (method: ReviewApiMethod, args: unknown[]): InjectedFault | undefined => {
    calls.push({ method, args: structuredClone(args) });
    const fault = faults.get(method);
    faults.delete(method);
    return fault;
  };
  const studio = new MemoryReviewApi({ fixture: fx, userId: 1 });
  let api: MemoryReviewApi;
  if (o.share) {
    const share = await studio.createShare(301, { settings: { ...o.share, requirePassword: false }, password: null });
    const { token } = await studio.anonymous().openShareSession(share.token, { name: 'Casey Client' });
    api = new MemoryReviewApi({ backend: studio.backend, token, faults: record });
  } else {
    api = new MemoryReviewApi({ backend: studio.backend, userId: o.userId ?? 1, faults: record });
  }
  const me = await api.getMe();
  const settings = await api.getSettings();
  calls.length = 0;
  const session: SessionState = {
    api,
    status: 'ready',
    error: null,
    me,
    rights: me.rights,
    settings,
    org: fx.org,
    currentClipId: o.currentClipId ?? null,
    locale: 'en',
    stores: new StoreRegistry(),
  };
  return {
    api,
    studio,
    calls,
    callsOf: (m) => calls.filter((c) => c.method === m),
    fail: (m, fault) => faults.set(m, fault),
    session,
  };
}

/** Provides `sessionContext` to its children; assigning `session` publishes a new snapshot. */
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

/** Renders `content` inside a `<test-session>` that provides `session`. */
export function withSession(session: SessionState, content: TemplateResult): Promise<TestSession> {
  return fixture<TestSession>(html`<test-session .session=${session}>${content}</test-session>`);
}

export interface RecordedRequest {
  method: string;
  url: string;
  contentType: string | null;
  authorization: string | null;
  body: string;
}

/**
 * A `fetch` that answers the routes of docs/http-api.md the header and the picker use, from the demo
 * fixture, and records every request exactly as RestReviewApi sent it. `refuse` makes the next PATCH
 * answer with that status and the API's error body.
 */
export function makeFakeFetch() {
  const fx = createDemoFixture();
  const me: Me = { user: { id: 1, name: 'Pat Producer', kind: 'studio' }, rights: fx.users[0].rights, share: null };
  const requests: RecordedRequest[] = [];
  let refuse: { status: number; message: string } | null = null;
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const body = await req.clone().text();
    const path = new URL(req.url).pathname.replace(/^\/api/, '');
    requests.push({
      method: req.method,
      url: req.url,
      contentType: req.headers.get('content-type'),
      authorization: req.headers.get('authorization'),
      body,
    });
    if (req.method === 'PATCH' && refuse) {
      const { status, message } = refuse;
      refuse = null;
      return json({ error: { code: 'REFUSED', message } }, status);
    }
    let m: RegExpMatchArray | null;
    if (req.method === 'GET' && path === '/production/demo/me') return json(me);
    if (req.method === 'GET' && path === '/production/demo/settings') return json(fx.settings);
    if (req.method === 'GET' && path === '/org/settings') return json(fx.org);
    if (req.method === 'GET' && (m = path.match(/^\/production\/demo\/mo\/(\d+)\/moa$/))) {
      return json(fx.moas.find((x) => x.mediaObjectId === Number(m![1])));
    }
    if (req.method === 'PATCH' && (m = path.match(/^\/production\/demo\/an\/(\d+)$/))) {
      const moa = fx.moas.find((x) => x.id === Number(m![1]))!;
      for (const op of JSON.parse(body) as Array<{ path: string; value: string }>) {
        if (op.path === '/reviewStatus') moa.reviewStatus = op.value;
      }
      return json(moa);
    }
    if ((m = path.match(/^\/production\/demo\/mo\/(\d+)$/))) {
      const clip = fx.clips.find((x) => x.id === Number(m![1]))!;
      if (req.method === 'PATCH') {
        for (const op of JSON.parse(body) as Array<{ path: string; value: string | null }>) {
          Object.assign(clip, { [op.path.slice(1)]: op.value });
        }
      }
      return json(clip);
    }
    return json({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${path}` } }, 404);
  };
  return {
    fetch: fetchFn as typeof fetch,
    requests,
    patches: () => requests.filter((r) => r.method === 'PATCH'),
    refuseNext: (status: number, message: string) => (refuse = { status, message }),
  };
}
