/**
 * `RestReviewApi`: the `ReviewApi` over HTTP (`fetch`, through `send` of ./http.ts), following
 * docs/http-api.md route by route, with the seed's exact shapes (JSON Patch as
 * `application/json-patch+json`, the bulk DELETE body, the search query, `X-Pagination-Total-Results`).
 * Every failure — HTTP error, network, timeout, HTML instead of JSON, bad configuration — becomes one
 * `ReviewApiError` whose message says what to fix.
 *
 * ```ts
 * const api = new RestReviewApi({ baseUrl: 'https://studio.example/api', productionId: 'demo', token });
 * ```
 */
import type { Operation } from './types.js';
import { ReviewApiError, codeForStatus } from './errors.js';
import { HttpStatusError, RequestTimeoutError, send, type SendOptions } from './http.js';
import type { ReviewApi, Unsubscribe } from './review-api.js';
import type {
  ClientUser,
  Clip,
  ClipAnnotation,
  ClipChanges,
  CommentQuery,
  ExportFormat,
  Id,
  Invitation,
  InvitationResult,
  Me,
  MediaObjectAnnotation,
  NewClipAnnotation,
  NewShare,
  OrgSettings,
  Page,
  Playlist,
  ProductionSettings,
  PublicShare,
  ReviewEvent,
  Share,
  ShareChanges,
  ShareSession,
  User,
} from './types.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD';

export interface RestRetryOptions {
  /** Extra attempts after the first (default 2). 0 disables retrying. */
  limit?: number;
  /**
   * Milliseconds to wait after failed attempt `n` (1-based); default 300 ms doubling. A `Retry-After`
   * header on the failed answer wins (up to 10 s).
   */
  delay?: (attempt: number) => number;
  /** Statuses worth another attempt (default 408, 429, 500, 502, 503, 504). */
  statusCodes?: number[];
}

export interface RestReviewApiOptions {
  /**
   * Base URL of the API: absolute (`https://studio.example/api`) or a path on this page's origin
   * (`/api`). The paths of docs/http-api.md are appended to it.
   */
  baseUrl: string;
  /** The production (`:pid`). May be empty for a client page that only opens a share session first. */
  productionId: string;
  /** Bearer token sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Called before every request for a fresh token (wins over `token`), e.g. from an OAuth library. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** `fetch` credentials mode; `include` to send cookies cross-origin (then also `withCredentials` for events). */
  credentials?: RequestCredentials;
  /** Milliseconds before a request fails with TIMEOUT (default 15000). */
  timeout?: number;
  /**
   * Retrying of idempotent calls only (GET, HEAD, PUT, DELETE — the bulk DELETE of comments is idempotent
   * too). POST and PATCH are never retried: a repeat could create a second comment. A number is `limit`.
   */
  retry?: number | RestRetryOptions;
  /**
   * Rewrites a route for a backend whose paths differ: gets the path of docs/http-api.md (with its query
   * string, e.g. `/production/demo/an/search?fq=…`) and the method; returns another path (appended to
   * `baseUrl`) or an absolute URL (used as is).
   */
  mapPath?: (path: string, method: HttpMethod) => string;
  /** A custom fetch (tests, instrumentation, a fetch with mTLS …). */
  fetch?: typeof fetch;
  /**
   * The EventSource class for `subscribe()` (default the browser's); `null` turns live events off
   * (`subscribe` then returns null).
   */
  eventSource?: typeof EventSource | null;
}

const IDEMPOTENT: ReadonlyArray<HttpMethod> = ['GET', 'HEAD', 'PUT', 'DELETE'];
const REVIEW_EVENT_TYPES: ReadonlyArray<ReviewEvent['type']> = [
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'status.changed',
  'clip.updated',
  'playlist.updated',
];

const configError = (message: string) => new ReviewApiError(0, 'CONFIG', message);

/** `:` and `,` stay readable (allowed in a query); spaces become `%20`. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

function query(params: Array<[string, string | number]>): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeQueryValue(String(v))}`).join('&');
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function normaliseBase(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') {
    throw configError('api-base is missing: set it to the base URL of the review API, e.g. https://studio.example/api');
  }
  const raw = baseUrl.trim();
  let url: URL;
  if (/^https?:\/\//i.test(raw)) {
    try {
      url = new URL(raw);
    } catch {
      throw configError(`api-base "${raw}" is not a valid URL`);
    }
  } else if (raw.startsWith('/') && !raw.startsWith('//')) {
    const origin = globalThis.location?.origin;
    if (!origin || origin === 'null') throw configError(`api-base "${raw}" is a path but this page has no origin: use an absolute URL`);
    url = new URL(raw, origin);
  } else {
    throw configError(`api-base "${raw}" is not a URL: use an absolute http(s) URL or a path starting with /`);
  }
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

/** A response and its body's text, read once. */
interface Answer {
  readonly response: Response;
  readonly text: string;
}

/** One `subscribe()` call: its event listener and its connection listener. */
interface StreamSubscriber {
  readonly onEvent: (event: ReviewEvent) => void;
  readonly onConnection?: (connected: boolean) => void;
}

export class RestReviewApi implements ReviewApi {
  readonly productionId: string;
  /** The normalised base URL (no trailing slash). */
  readonly baseUrl: string;
  readonly #options: RestReviewApiOptions;
  readonly #send: (url: string, init: RequestInit, method: HttpMethod) => Promise<Response>;
  /** GETs in flight, by URL and headers (see `#answer`). */
  readonly #inFlight = new Map<string, Promise<Answer>>();
  /** The subscribers of the one shared events stream, and how to close that stream. */
  readonly #listeners = new Set<StreamSubscriber>();
  #closeStream: (() => void) | null = null;
  /** Whether that stream is connected; null while unknown (not opened yet, or closed). */
  #connected: boolean | null = null;

  constructor(options: RestReviewApiOptions) {
    if (!options || typeof options !== 'object') throw configError('RestReviewApi needs options {baseUrl, productionId}');
    this.baseUrl = normaliseBase(options.baseUrl);
    this.productionId = options.productionId == null ? '' : String(options.productionId).trim();
    const timeout = options.timeout ?? 15_000;
    if (!(timeout > 0)) throw configError(`timeout must be a number of milliseconds > 0 (got ${options.timeout})`);
    this.#options = options;
    const retry = typeof options.retry === 'number' ? { limit: options.retry } : options.retry ?? {};
    const policy: Omit<SendOptions, 'idempotent'> = {
      timeout,
      retry: {
        limit: retry.limit ?? 2,
        statusCodes: retry.statusCodes ?? [408, 429, 500, 502, 503, 504],
        delay: retry.delay ?? ((attempt) => 300 * 2 ** (attempt - 1)),
      },
    };
    // Called as a plain function: the browser's fetch throws "Illegal invocation" on another receiver.
    const fetchFn: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#send = (url, init, method) =>
      send(fetchFn, url, { ...init, credentials: options.credentials }, { ...policy, idempotent: IDEMPOTENT.includes(method) });
  }

  /** The same API acting with another bearer token (e.g. from `openShareSession`). */
  withToken(token: string, productionId = this.productionId): RestReviewApi {
    return new RestReviewApi({ ...this.#options, token, getToken: undefined, productionId });
  }

  // ——— plumbing ———

  #production(): string {
    if (!this.productionId) throw configError('production-id is missing: set the production whose clips to review');
    return `/production/${encodeURIComponent(this.productionId)}`;
  }

  #url(path: string, method: HttpMethod): string {
    const mapped = this.#options.mapPath ? this.#options.mapPath(path, method) : path;
    if (/^https?:\/\//i.test(mapped)) return mapped;
    return this.baseUrl + (mapped.startsWith('/') ? mapped : `/${mapped}`);
  }

  async #token(): Promise<string | null> {
    if (this.#options.getToken) {
      try {
        return (await this.#options.getToken()) || null;
      } catch (e) {
        throw new ReviewApiError(0, 'UNAUTHORIZED', `getToken() failed: ${(e as Error)?.message ?? e}`);
      }
    }
    return this.#options.token || null;
  }

  async #request(
    method: HttpMethod,
    path: string,
    init: { body?: unknown; contentType?: string; auth?: boolean; expect?: 'json' | 'text' | 'none' } = {},
  ): Promise<{ data: unknown; response: Response }> {
    let url = '';
    try {
      url = this.#url(path, method);
      const headers: Record<string, string> = {
        Accept: init.expect === 'text' ? '*/*' : 'application/json',
        ...this.#options.headers,
      };
      if (init.auth !== false) {
        const token = await this.#token();
        if (token) headers.Authorization = `Bearer ${token}`;
      }
      let body: string | undefined;
      if (init.body !== undefined) {
        headers['Content-Type'] = init.contentType ?? 'application/json';
        body = JSON.stringify(init.body);
      }
      const { response, text } = await this.#answer(url, method, headers, body);
      if (init.expect === 'none' || response.status === 204) return { data: undefined, response };
      if (init.expect === 'text') return { data: text, response };
      const type = response.headers.get('Content-Type') ?? '';
      if (!/\bjson\b/i.test(type)) {
        throw new ReviewApiError(
          response.status,
          'BAD_RESPONSE',
          `expected JSON from ${url} but got ${type.split(';')[0] || 'no content type'} — is api-base pointing at the API?`,
        );
      }
      try {
        return { data: JSON.parse(text), response };
      } catch {
        throw new ReviewApiError(response.status, 'BAD_RESPONSE', `the answer of ${url} is not valid JSON`);
      }
    } catch (e) {
      throw await this.#toError(e, method, url);
    }
  }

  /**
   * Sends the request and reads the answer's text. A GET identical to one still in flight (same URL and
   * headers) shares its answer: the player, the clip header and the thread each ask for the clip as a page
   * opens. Each caller parses the text itself, so none can change what another got.
   */
  #answer(url: string, method: HttpMethod, headers: Record<string, string>, body?: string): Promise<Answer> {
    const read = async (): Promise<Answer> => {
      const response = await this.#send(url, { method, headers, body }, method);
      return { response, text: response.status === 204 ? '' : await response.text() };
    };
    if (method !== 'GET') return read();
    const key = JSON.stringify([url, headers]);
    let shared = this.#inFlight.get(key);
    if (!shared) {
      // Mapped to a ReviewApiError here, once: an error answer's body can be read only once.
      shared = read()
        .catch(async (e: unknown) => {
          throw await this.#toError(e, method, url);
        })
        .finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, shared);
    }
    return shared;
  }

  async #toError(e: unknown, method: HttpMethod, url: string): Promise<ReviewApiError> {
    if (e instanceof ReviewApiError) return e;
    if (e instanceof HttpStatusError) {
      const res = e.response;
      const type = res.headers.get('Content-Type') ?? '';
      let text = '';
      try {
        text = await res.text();
      } catch {
        /* body already used or unreadable: fall back to the status line */
      }
      if (/\bjson\b/i.test(type) && text) {
        try {
          const parsed = JSON.parse(text) as { error?: { code?: string; message?: string; field?: string } };
          if (parsed?.error && typeof parsed.error.message === 'string') {
            return new ReviewApiError(
              res.status,
              typeof parsed.error.code === 'string' && parsed.error.code ? parsed.error.code : codeForStatus(res.status),
              parsed.error.message,
              typeof parsed.error.field === 'string' ? parsed.error.field : undefined,
            );
          }
        } catch {
          /* not the error shape: use the generic message below */
        }
      }
      const hint = /html/i.test(type) ? ` (got ${type.split(';')[0]} — is api-base pointing at the API?)` : '';
      return new ReviewApiError(
        res.status,
        codeForStatus(res.status),
        `${method} ${url} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${hint}`,
      );
    }
    if (e instanceof RequestTimeoutError) {
      const seconds = (this.#options.timeout ?? 15_000) / 1000;
      return new ReviewApiError(0, 'TIMEOUT', `the review API at ${url} did not answer within ${seconds} s`);
    }
    const reason = e instanceof Error ? e.message : String(e);
    const target = url || this.baseUrl;
    // A browser reports a refused CORS preflight exactly like a server that is down: name both causes.
    const page = globalThis.location?.origin;
    const hint =
      page && page !== 'null' && originOf(target) !== page
        ? ` (if the server is up, it may not allow requests from ${page}: see its CORS settings)`
        : '';
    return new ReviewApiError(0, 'NETWORK', `Cannot reach the review API at ${target}: ${reason}${hint}`);
  }

  async #json<T>(method: HttpMethod, path: string, body?: unknown, contentType?: string): Promise<T> {
    return (await this.#request(method, path, { body, contentType })).data as T;
  }

  #patch<T>(path: string, ops: Operation[]): Promise<T> {
    return this.#json<T>('PATCH', path, ops, 'application/json-patch+json');
  }

  // ——— users and rights ———

  async getMe(): Promise<Me> {
    return this.#json('GET', `${this.#production()}/me`);
  }

  async searchUsers(q: string): Promise<User[]> {
    return this.#json('GET', `${this.#production()}/users?${query([['q', q ?? '']])}`);
  }

  // ——— URLs in answers ———

  /**
   * A server may answer media, source, thumbnail and logo URLs relative to itself ("/media/a.mp4"). The
   * page embedding the elements may live on another origin, where the browser would resolve them against
   * the page: resolve them against the API base instead. Absolute URLs are kept as they are.
   */
  #absolute<T extends string | null | undefined>(url: T): T {
    if (!url) return url;
    try {
      return new URL(url, `${this.baseUrl}/`).href as T;
    } catch {
      return url;
    }
  }

  #withMediaUrls(clip: Clip): Clip {
    if (!clip || typeof clip !== 'object' || !clip.media) return clip;
    return {
      ...clip,
      media: { ...clip.media, url: this.#absolute(clip.media.url) },
      sourceUrl: this.#absolute(clip.sourceUrl),
      thumbnailUrl: this.#absolute(clip.thumbnailUrl),
    };
  }

  #withLogo<T extends { logoUrl: string | null }>(value: T): T {
    return value && typeof value === 'object' ? { ...value, logoUrl: this.#absolute(value.logoUrl) } : value;
  }

  // ——— settings ———

  async getSettings(): Promise<ProductionSettings> {
    return this.#json('GET', `${this.#production()}/settings`);
  }

  async patchSettings(ops: Operation[]): Promise<ProductionSettings> {
    return this.#patch(`${this.#production()}/settings`, ops);
  }

  async getOrgSettings(): Promise<OrgSettings> {
    return this.#withLogo(await this.#json<OrgSettings>('GET', '/org/settings'));
  }

  async patchOrgSettings(ops: Operation[]): Promise<OrgSettings> {
    return this.#withLogo(await this.#patch<OrgSettings>('/org/settings', ops));
  }

  // ——— clips ———

  async listClips(): Promise<Clip[]> {
    return (await this.#json<Clip[]>('GET', `${this.#production()}/mo`)).map((c) => this.#withMediaUrls(c));
  }

  async getClip(moId: Id): Promise<Clip> {
    return this.#withMediaUrls(await this.#json<Clip>('GET', `${this.#production()}/mo/${moId}`));
  }

  async updateClip(moId: Id, changes: ClipChanges): Promise<Clip> {
    const ops: Operation[] = Object.entries(changes ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => ({ op: 'replace', path: `/${key}`, value }));
    return this.#withMediaUrls(await this.#patch<Clip>(`${this.#production()}/mo/${moId}`, ops));
  }

  async bulkUpdateReasonForReview(moIds: Id[], reasonForReview: string): Promise<Clip[]> {
    const clips = await this.#json<Clip[]>('PATCH', `${this.#production()}/mo/bulk`, { ids: moIds, reasonForReview });
    return clips.map((c) => this.#withMediaUrls(c));
  }

  // ——— review status ———

  async getMediaObjectAnnotation(moId: Id): Promise<MediaObjectAnnotation> {
    return this.#json('GET', `${this.#production()}/mo/${moId}/moa`);
  }

  async setReviewStatus(moaId: Id, reviewStatus: string): Promise<MediaObjectAnnotation> {
    return this.#patch(`${this.#production()}/an/${moaId}`, [{ op: 'add', path: '/reviewStatus', value: reviewStatus }]);
  }

  // ——— comments ———

  async searchComments(q: CommentQuery): Promise<Page<ClipAnnotation>> {
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 200;
    const path = `${this.#production()}/an/search?${query([
      ['fq', `mediaObjectId:${q.mediaObjectId}`],
      ['fq', 'funnel:ReviewComment'],
      ['sort', q.sort ?? 'start ASC'],
      ['offset', offset],
      ['limit', limit],
    ])}`;
    const { data, response } = await this.#request('GET', path);
    if (!Array.isArray(data)) {
      throw new ReviewApiError(response.status, 'BAD_RESPONSE', `expected a list of comments from ${response.url || path}`);
    }
    const header = response.headers.get('X-Pagination-Total-Results');
    const total = header !== null && header.trim() !== '' && Number.isFinite(Number(header)) ? Number(header) : offset + data.length;
    return { items: data as ClipAnnotation[], total, offset, limit };
  }

  async createComment(input: NewClipAnnotation): Promise<ClipAnnotation> {
    return this.#json('POST', `${this.#production()}/mo/${input.mediaObjectId}/clip`, input);
  }

  async patchComment(id: Id, ops: Operation[]): Promise<ClipAnnotation> {
    return this.#patch(`${this.#production()}/an/${id}`, ops);
  }

  async deleteComments(ids: Id[]): Promise<void> {
    await this.#request('DELETE', `${this.#production()}/an/bulk`, {
      body: { actions: [{ action: 'DELETE', ids }] },
      expect: 'none',
    });
  }

  async exportComments(moId: Id, format: ExportFormat): Promise<string> {
    const path = `${this.#production()}/mo/${moId}/comments/export?${query([['format', format]])}`;
    return (await this.#request('GET', path, { expect: 'text' })).data as string;
  }

  // ——— playlists and sharing ———

  async listPlaylists(): Promise<Playlist[]> {
    return this.#json('GET', `${this.#production()}/playlist`);
  }

  async getPlaylist(plId: Id): Promise<Playlist> {
    return this.#json('GET', `${this.#production()}/playlist/${plId}`);
  }

  async patchPlaylist(plId: Id, ops: Operation[]): Promise<Playlist> {
    return this.#patch(`${this.#production()}/playlist/${plId}`, ops);
  }

  async listShares(plId?: Id): Promise<Share[]> {
    const q = plId === undefined ? '' : `?${query([['playlistId', plId]])}`;
    return this.#json('GET', `${this.#production()}/share${q}`);
  }

  async createShare(plId: Id, input: NewShare): Promise<Share> {
    return this.#json('POST', `${this.#production()}/playlist/${plId}/share`, input ?? {});
  }

  async getShare(shareId: Id): Promise<Share> {
    return this.#json('GET', `${this.#production()}/share/${shareId}`);
  }

  async updateShare(shareId: Id, changes: ShareChanges): Promise<Share> {
    return this.#json('PATCH', `${this.#production()}/share/${shareId}`, changes);
  }

  async deleteShare(shareId: Id): Promise<void> {
    await this.#request('DELETE', `${this.#production()}/share/${shareId}`, { expect: 'none' });
  }

  async invite(shareId: Id, invitation: Invitation): Promise<InvitationResult> {
    return this.#json('POST', `${this.#production()}/share/${shareId}/invite`, invitation);
  }

  async listClientUsers(): Promise<ClientUser[]> {
    return this.#json('GET', `${this.#production()}/clientuser`);
  }

  async createClientUser(input: { name: string; email: string }): Promise<ClientUser> {
    return this.#json('POST', `${this.#production()}/clientuser`, input);
  }

  // ——— client side ———

  async getPublicShare(shareToken: string): Promise<PublicShare> {
    return this.#withLogo((await this.#request('GET', `/share/${encodeURIComponent(shareToken)}`, { auth: false })).data as PublicShare);
  }

  async openShareSession(shareToken: string, input: { password?: string; name?: string; email?: string }): Promise<ShareSession> {
    return (
      await this.#request('POST', `/share/${encodeURIComponent(shareToken)}/session`, { body: input ?? {}, auth: false })
    ).data as ShareSession;
  }

  // ——— live ———

  /**
   * Listens to `GET /production/:pid/events` (Server-Sent Events, token as `?access_token=` because
   * EventSource cannot send headers). Every subscriber of this object shares one stream, opened with the
   * first and closed with the last: each open EventSource holds one of the browser's six HTTP/1.1
   * connections per origin, so a stream per store (comments, status, clip — per clip) would soon leave
   * no connection for the API calls themselves. The browser reconnects after a dropped connection; when
   * the stream is closed for good (e.g. an error answer) it is reopened with backoff (1 s doubling to
   * 30 s), with a fresh token from `getToken`. Malformed events are ignored. `onConnection` hears false
   * on every error of the stream and true on every open, so a subscriber knows when to reload.
   */
  subscribe(listener: (event: ReviewEvent) => void, onConnection?: (connected: boolean) => void): Unsubscribe | null {
    const Source = this.#options.eventSource === undefined ? globalThis.EventSource : this.#options.eventSource;
    if (!Source || !this.productionId) return null;
    // An object per call, so that the same function subscribed twice is two subscriptions.
    const subscription: StreamSubscriber = { onEvent: listener, onConnection };
    this.#listeners.add(subscription);
    this.#closeStream ??= this.#openStream(Source);
    const known = this.#connected;
    if (onConnection && known !== null) {
      queueMicrotask(() => this.#listeners.has(subscription) && this.#connected === known && onConnection(known));
    }
    return () => {
      if (!this.#listeners.delete(subscription) || this.#listeners.size > 0) return;
      this.#closeStream?.();
      this.#closeStream = null;
      this.#connected = null;
    };
  }

  /** Calls `call` on each current subscriber; one that throws does not keep the others from hearing. */
  #fanOut(call: (subscriber: StreamSubscriber) => void): void {
    for (const subscriber of [...this.#listeners]) {
      if (!this.#listeners.has(subscriber)) continue; // unsubscribed by an earlier one
      try {
        call(subscriber);
      } catch (error) {
        // Still report it.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #setConnected(connected: boolean): void {
    if (this.#connected === connected) return;
    this.#connected = connected;
    this.#fanOut((s) => s.onConnection?.(connected));
  }

  /** Opens the events stream, fanning each event out to the current listeners; returns its closer. */
  #openStream(Source: typeof EventSource): () => void {
    let source: EventSource | null = null;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    const onEvent = (message: MessageEvent) => {
      let event: ReviewEvent;
      try {
        event = JSON.parse(String(message.data)) as ReviewEvent;
      } catch {
        return;
      }
      if (!event || typeof event !== 'object' || !REVIEW_EVENT_TYPES.includes(event.type)) return;
      if (event.type === 'clip.updated' && event.clip) event = { ...event, clip: this.#withMediaUrls(event.clip) };
      backoff = 1000;
      this.#fanOut((s) => s.onEvent(event));
    };
    const open = async () => {
      if (stopped) return;
      let token: string | null = null;
      try {
        token = await this.#token();
      } catch {
        /* no token: the server answers 401 and we retry later */
      }
      if (stopped) return;
      const path = `${this.#production()}/events${token ? `?${query([['access_token', token]])}` : ''}`;
      const es = new Source(this.#url(path, 'GET'), { withCredentials: this.#options.credentials === 'include' });
      source = es;
      for (const type of REVIEW_EVENT_TYPES) es.addEventListener(type, onEvent as EventListener);
      es.addEventListener('message', onEvent as EventListener);
      es.addEventListener('open', () => {
        backoff = 1000;
        if (!stopped) this.#setConnected(true);
      });
      es.addEventListener('error', () => {
        if (stopped) return;
        this.#setConnected(false);
        // CONNECTING: the browser retries by itself. CLOSED: it gave up; reopen later ourselves.
        if (es.readyState !== 2) return;
        es.close();
        retryTimer = setTimeout(() => void open(), backoff);
        backoff = Math.min(backoff * 2, 30_000);
      });
    };
    void open();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }
}
