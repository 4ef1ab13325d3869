/**
 * `RestReviewApi`: the `ReviewApi` over HTTP, sent through ky (a timeout per attempt, retries of the calls
 * that are safe to repeat, `Retry-After`, the bearer token), following docs/http-api.md route by route,
 * with the seed's exact shapes (JSON Patch as `application/json-patch+json`, the bulk DELETE body, the
 * search query, `X-Pagination-Total-Results`). Every failure — HTTP error, network, timeout, abort, HTML
 * instead of JSON, bad configuration — becomes one `ReviewApiError` whose message says what to fix.
 *
 * ```ts
 * const api = new RestReviewApi({ baseUrl: 'https://studio.example/api', productionId: 'demo', token });
 * ```
 */
import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import type { Operation } from '../contract/types.js';
import { ReviewApiError, codeForStatus } from '../contract/errors.js';
import { readCapabilities, type Capabilities } from '../contract/capabilities.js';
import type { ExportRequestOptions, RequestOptions, ReviewApi, Unsubscribe } from '../contract/review-api.js';
import type { NoteAttachment } from '../contract/attachments.js';
import type {
  ClientUser,
  Clip,
  ClipAnnotation,
  ClipChanges,
  CommentQuery,
  ExportFormat,
  NleExportFormat,
  Id,
  Invitation,
  InvitationResult,
  Me,
  OpenAnswer,
  OpenRequest,
  MediaObjectAnnotation,
  NewClipAnnotation,
  NewShare,
  NotificationList,
  NotificationPreferences,
  OrgSettings,
  Page,
  Playlist,
  ProductionSettings,
  PublicShare,
  ReviewEvent,
  RoomAction,
  RoomEvent,
  RoomJoin,
  RoomMinutesFormat,
  RoomState,
  Share,
  ShareChanges,
  ShareSession,
  User,
} from '../contract/types.js';

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
  /**
   * Called when a call that authenticates is answered 401, with that `UNAUTHORIZED` error: return a new
   * token (e.g. after refreshing it) and the call is sent once more with it; return nothing, or get a 401
   * again, and the call fails with `UNAUTHORIZED`. The new token replaces `token` for later calls;
   * `getToken`, when given, is still asked before every request, so have it return the new token too. It is
   * called for each refused call: when several calls may be refused at once (a page opening with an expired
   * token), let them share one refresh, as most token libraries do.
   */
  onUnauthorized?: (error: ReviewApiError) => Promise<string | null | undefined> | string | null | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** `fetch` credentials mode; `include` to send cookies cross-origin (then also `withCredentials` for events). */
  credentials?: RequestCredentials;
  /** Milliseconds per attempt before a request fails with TIMEOUT (default 15000). */
  timeout?: number;
  /**
   * Retrying of idempotent calls only (GET, HEAD, PUT, DELETE — the bulk DELETE of comments is idempotent
   * too), after a network failure or a status in `statusCodes`, never after a timeout (the server may still
   * be working on it). POST and PATCH are never retried: a repeat could create a second comment. A number
   * is `limit`.
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

/** Servers that are busy or rate-limiting say when to come back; longer waits than this are cut short. */
const MAX_RETRY_AFTER = 10_000;
const REVIEW_EVENT_TYPES: ReadonlyArray<ReviewEvent['type']> = [
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'status.changed',
  'clip.updated',
  'playlist.updated',
  'attachments.changed',
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

/** What `#request` needs besides the method and path. */
interface CallInit {
  body?: unknown;
  /** A multipart body (uploads): sent as it is, the browser sets its Content-Type with the boundary. */
  form?: FormData;
  contentType?: string;
  /** false for the public share calls, which send no token (and whose 401 is a wrong password). */
  auth?: boolean;
  expect?: 'json' | 'text' | 'none';
}

/** One request, ready to send. */
interface Call {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Record<string, string>;
  readonly body?: string | FormData;
  /** Sent as `Authorization: Bearer` by the beforeRequest hook; null sends none. */
  readonly token: string | null;
  /** Whether a 401 may be answered by `onUnauthorized` (see CallInit.auth). */
  readonly auth: boolean;
  readonly signal?: AbortSignal;
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
  readonly #ky: KyInstance;
  /** The token `onUnauthorized` gave last; replaces `options.token`. */
  #refreshedToken: string | null = null;
  /** GETs in flight, by URL, headers and token (see `#answer`). */
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
    const retry = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
    const statusCodes = retry.statusCodes ?? [408, 429, 500, 502, 503, 504];
    const customFetch = options.fetch;
    // No prefixUrl: `#url` builds the whole URL, since `mapPath` may return an absolute one and the events
    // stream needs the same URL.
    this.#ky = ky.create({
      timeout,
      credentials: options.credentials,
      // ky calls `fetch` as a method of its options object; the browser's fetch, passed in, would throw
      // "Illegal invocation" on that receiver.
      fetch: customFetch && ((input, init) => customFetch(input, init)),
      retry: {
        limit: retry.limit ?? 2,
        // Not POST or PATCH: a repeat could create a second comment.
        methods: ['get', 'head', 'put', 'delete'],
        statusCodes,
        // A `Retry-After` is honoured on whichever retried status carries it.
        afterStatusCodes: statusCodes,
        maxRetryAfter: MAX_RETRY_AFTER,
        // Undefined leaves ky's default, 300 ms doubling.
        delay: retry.delay,
      },
      hooks: {
        beforeRequest: [
          (request, { context }) => {
            if (typeof context.token === 'string') request.headers.set('Authorization', `Bearer ${context.token}`);
          },
        ],
      },
    });
  }

  /** The same API acting with another bearer token (e.g. from `openShareSession`). */
  withToken(token: string, productionId = this.productionId): RestReviewApi {
    // Without the refresh too: it renews the token being replaced, not this one.
    return new RestReviewApi({ ...this.#options, token, getToken: undefined, onUnauthorized: undefined, productionId });
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

  async #currentToken(): Promise<string | null> {
    if (this.#options.getToken) {
      try {
        return (await this.#options.getToken()) || null;
      } catch (e) {
        throw new ReviewApiError(0, 'UNAUTHORIZED', `getToken() failed: ${(e as Error)?.message ?? e}`);
      }
    }
    return this.#refreshedToken ?? (this.#options.token || null);
  }

  async #request(
    method: HttpMethod,
    path: string,
    options: RequestOptions | undefined,
    init: CallInit = {},
  ): Promise<{ data: unknown; response: Response }> {
    const signal = options?.signal;
    let url = '';
    try {
      url = this.#url(path, method);
      const headers: Record<string, string> = {
        Accept: init.expect === 'text' ? '*/*' : 'application/json',
        ...this.#options.headers,
      };
      const auth = init.auth !== false;
      // Resolved here rather than in the hook: the token is part of what makes two GETs identical.
      const token = auth ? await this.#currentToken() : null;
      signal?.throwIfAborted();
      let body: string | FormData | undefined = init.form;
      if (init.body !== undefined) {
        headers['Content-Type'] = init.contentType ?? 'application/json';
        body = JSON.stringify(init.body);
      }
      const { response, text } = await this.#answer({ url, method, headers, body, token, auth, signal });
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
      throw await this.#toError(e, method, url, signal);
    }
  }

  /**
   * Sends the call and reads the answer's text. Every call is its own request: each resource has one owner
   * in the review store that loads it once, so nothing here shares or caches answers.
   */
  async #answer(call: Call): Promise<Answer> {
    const response = await this.#send(call);
    return { response, text: response.status === 204 ? '' : await response.text() };
  }

  /** Sends the call through ky; a 401 goes to `onUnauthorized` once, and its new token gets one more try. */
  async #send(call: Call): Promise<Response> {
    const sendWith = (token: string | null) =>
      this.#ky(call.url, { method: call.method, headers: call.headers, body: call.body, signal: call.signal, context: { token } });
    const onUnauthorized = this.#options.onUnauthorized;
    try {
      return await sendWith(call.token);
    } catch (e) {
      if (!(e instanceof HTTPError) || e.response.status !== 401 || !call.auth || !onUnauthorized) throw e;
      const refused = await this.#toError(e, call.method, call.url);
      let token: string | null;
      try {
        token = (await onUnauthorized(refused)) || null;
      } catch (reason) {
        // Still UNAUTHORIZED (not a network failure), so the page asks the user to sign in again.
        throw new ReviewApiError(
          401,
          'UNAUTHORIZED',
          `${refused.message} (onUnauthorized failed: ${(reason as Error)?.message ?? reason})`,
        );
      }
      if (!token) throw refused;
      this.#refreshedToken = token;
      return sendWith(token);
    }
  }

  async #toError(e: unknown, method: HttpMethod, url: string, signal?: AbortSignal): Promise<ReviewApiError> {
    // Whatever the abort interrupted (the request, a wait before a retry, the body), the caller asked for it.
    if (signal?.aborted) return new ReviewApiError(0, 'ABORTED', `${method} ${url || this.baseUrl} was aborted by its caller`);
    if (e instanceof ReviewApiError) return e;
    if (e instanceof HTTPError) {
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
          const parsed = JSON.parse(text) as { error?: { code?: string; message?: string; field?: string; reason?: string } };
          if (parsed?.error && typeof parsed.error.message === 'string') {
            return new ReviewApiError(
              res.status,
              typeof parsed.error.code === 'string' && parsed.error.code ? parsed.error.code : codeForStatus(res.status),
              parsed.error.message,
              typeof parsed.error.field === 'string' ? parsed.error.field : undefined,
              typeof parsed.error.reason === 'string' ? parsed.error.reason : undefined,
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
    if (e instanceof TimeoutError) {
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

  async #json<T>(method: HttpMethod, path: string, options: RequestOptions | undefined, body?: unknown, contentType?: string): Promise<T> {
    return (await this.#request(method, path, options, { body, contentType })).data as T;
  }

  #patch<T>(path: string, ops: Operation[], options: RequestOptions | undefined): Promise<T> {
    return this.#json<T>('PATCH', path, options, ops, 'application/json-patch+json');
  }

  // ——— users and rights ———

  /**
   * `GET /production/:pid/capabilities`. A backend without the call (404, 405, 501) offers the core only
   * (every part false). Unknown parts in the answer are ignored; a part is on only when the answer says `true`.
   */
  async getCapabilities(options?: RequestOptions): Promise<Capabilities> {
    try {
      return readCapabilities(await this.#json<unknown>('GET', `${this.#production()}/capabilities`, options));
    } catch (e) {
      if (e instanceof ReviewApiError && [404, 405, 501].includes(e.status)) return readCapabilities(null);
      throw e;
    }
  }

  async getMe(options?: RequestOptions): Promise<Me> {
    return this.#json('GET', `${this.#production()}/me`, options);
  }

  /**
   * `GET /production/:pid/open` (capability `open`). A backend without the call answers 404: that rejects
   * (code `NOT_FOUND`) and the elements make the separate calls instead.
   */
  async open(request: OpenRequest, options?: RequestOptions): Promise<OpenAnswer> {
    const params: Array<[string, string]> = [];
    if (request.playlistId != null) params.push(['playlistId', String(request.playlistId)]);
    if (request.moId != null) params.push(['moId', String(request.moId)]);
    const path = `${this.#production()}/open${params.length ? `?${query(params)}` : ''}`;
    const answer = await this.#json<OpenAnswer>('GET', path, options);
    return {
      ...answer,
      org: answer.org ? this.#withLogo(answer.org) : null,
      capabilities: readCapabilities(answer.capabilities),
      clips: (answer.clips ?? []).map((c) => this.#withMediaUrls(c)),
      clip: answer.clip ? this.#withMediaUrls(answer.clip) : null,
    };
  }

  async searchUsers(q: string, options?: RequestOptions): Promise<User[]> {
    return this.#json('GET', `${this.#production()}/users?${query([['q', q ?? '']])}`, options);
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

  async getSettings(options?: RequestOptions): Promise<ProductionSettings> {
    return this.#json('GET', `${this.#production()}/settings`, options);
  }

  async patchSettings(ops: Operation[], options?: RequestOptions): Promise<ProductionSettings> {
    return this.#patch(`${this.#production()}/settings`, ops, options);
  }

  async getOrgSettings(options?: RequestOptions): Promise<OrgSettings> {
    return this.#withLogo(await this.#json<OrgSettings>('GET', '/org/settings', options));
  }

  async patchOrgSettings(ops: Operation[], options?: RequestOptions): Promise<OrgSettings> {
    return this.#withLogo(await this.#patch<OrgSettings>('/org/settings', ops, options));
  }

  // ——— clips ———

  async listClips(options?: RequestOptions): Promise<Clip[]> {
    return (await this.#json<Clip[]>('GET', `${this.#production()}/mo`, options)).map((c) => this.#withMediaUrls(c));
  }

  async getClip(moId: Id, options?: RequestOptions): Promise<Clip> {
    return this.#withMediaUrls(await this.#json<Clip>('GET', `${this.#production()}/mo/${moId}`, options));
  }

  async getVersions(moId: Id, options?: RequestOptions): Promise<Clip[]> {
    return (await this.#json<Clip[]>('GET', `${this.#production()}/mo/${moId}/versions`, options)).map((c) => this.#withMediaUrls(c));
  }

  async updateClip(moId: Id, changes: ClipChanges, options?: RequestOptions): Promise<Clip> {
    const ops: Operation[] = Object.entries(changes ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => ({ op: 'replace', path: `/${key}`, value }));
    return this.#withMediaUrls(await this.#patch<Clip>(`${this.#production()}/mo/${moId}`, ops, options));
  }

  async bulkUpdateReasonForReview(moIds: Id[], reasonForReview: string, options?: RequestOptions): Promise<Clip[]> {
    const clips = await this.#json<Clip[]>('PATCH', `${this.#production()}/mo/bulk`, options, { ids: moIds, reasonForReview });
    return clips.map((c) => this.#withMediaUrls(c));
  }

  // ——— review status ———

  async getMediaObjectAnnotation(moId: Id, options?: RequestOptions): Promise<MediaObjectAnnotation> {
    return this.#json('GET', `${this.#production()}/mo/${moId}/moa`, options);
  }

  async setReviewStatus(moaId: Id, reviewStatus: string, options?: RequestOptions): Promise<MediaObjectAnnotation> {
    return this.#patch(`${this.#production()}/an/${moaId}`, [{ op: 'add', path: '/reviewStatus', value: reviewStatus }], options);
  }

  // ——— comments ———

  async searchComments(q: CommentQuery, options?: RequestOptions): Promise<Page<ClipAnnotation>> {
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 200;
    const path = `${this.#production()}/an/search?${query([
      ['fq', `mediaObjectId:${q.mediaObjectId}`],
      ['fq', 'funnel:ReviewComment'],
      ['sort', q.sort ?? 'start ASC'],
      ['offset', offset],
      ['limit', limit],
    ])}`;
    const { data, response } = await this.#request('GET', path, options);
    if (!Array.isArray(data)) {
      throw new ReviewApiError(response.status, 'BAD_RESPONSE', `expected a list of comments from ${response.url || path}`);
    }
    const header = response.headers.get('X-Pagination-Total-Results');
    const total = header !== null && header.trim() !== '' && Number.isFinite(Number(header)) ? Number(header) : offset + data.length;
    return { items: data as ClipAnnotation[], total, offset, limit };
  }

  async createComment(input: NewClipAnnotation, options?: RequestOptions): Promise<ClipAnnotation> {
    return this.#json('POST', `${this.#production()}/mo/${input.mediaObjectId}/clip`, options, input);
  }

  async patchComment(id: Id, ops: Operation[], options?: RequestOptions): Promise<ClipAnnotation> {
    return this.#patch(`${this.#production()}/an/${id}`, ops, options);
  }

  async deleteComments(ids: Id[], options?: RequestOptions): Promise<void> {
    await this.#request('DELETE', `${this.#production()}/an/bulk`, options, {
      body: { actions: [{ action: 'DELETE', ids }] },
      expect: 'none',
    });
  }

  async exportComments(moId: Id, format: ExportFormat, options?: ExportRequestOptions): Promise<string> {
    const path = `${this.#production()}/mo/${moId}/comments/export?${query([['format', format], ...internalParam(options)])}`;
    return (await this.#request('GET', path, options, { expect: 'text' })).data as string;
  }

  async exportPlaylistComments(plId: Id, format: NleExportFormat, options?: ExportRequestOptions): Promise<string> {
    const path = `${this.#production()}/playlist/${plId}/comments/export?${query([['format', format], ...internalParam(options)])}`;
    return (await this.#request('GET', path, options, { expect: 'text' })).data as string;
  }

  // ——— attachments ———

  async listAttachments(moId: Id, options?: RequestOptions): Promise<NoteAttachment[]> {
    const list = await this.#json<NoteAttachment[]>('GET', `${this.#production()}/mo/${moId}/attachments`, options);
    return list.map((a) => this.#withAttachmentUrls(a));
  }

  async uploadAttachment(commentId: Id, file: Blob, name: string, options?: RequestOptions): Promise<NoteAttachment> {
    const form = new FormData();
    form.append('file', file, name);
    const { data } = await this.#request('POST', `${this.#production()}/an/${commentId}/attachments`, options, { form });
    return this.#withAttachmentUrls(data as NoteAttachment);
  }

  async deleteAttachment(id: Id, options?: RequestOptions): Promise<void> {
    await this.#request('DELETE', `${this.#production()}/attachments/${id}`, options, { expect: 'none' });
  }

  #withAttachmentUrls(a: NoteAttachment): NoteAttachment {
    return a && typeof a === 'object' ? { ...a, url: this.#absolute(a.url), thumbnailUrl: this.#absolute(a.thumbnailUrl) } : a;
  }

  // ——— notifications ———

  async listNotifications(q: { limit?: number } = {}, options?: RequestOptions): Promise<NotificationList> {
    const limit = q.limit === undefined ? '' : `?${query([['limit', String(q.limit)]])}`;
    return this.#json('GET', `${this.#production()}/notifications${limit}`, options);
  }

  async markNotificationsRead(which: Id[] | 'all', options?: RequestOptions): Promise<{ unread: number }> {
    return this.#json('POST', `${this.#production()}/notifications/read`, options, which === 'all' ? { all: true } : { ids: which });
  }

  async getNotificationPreferences(options?: RequestOptions): Promise<NotificationPreferences> {
    return this.#json('GET', `${this.#production()}/notifications/preferences`, options);
  }

  async setNotificationPreferences(preferences: NotificationPreferences, options?: RequestOptions): Promise<NotificationPreferences> {
    return this.#json('PUT', `${this.#production()}/notifications/preferences`, options, preferences);
  }

  // ——— playlists and sharing ———

  async listPlaylists(options?: RequestOptions): Promise<Playlist[]> {
    return this.#json('GET', `${this.#production()}/playlist`, options);
  }

  async getPlaylist(plId: Id, options?: RequestOptions): Promise<Playlist> {
    return this.#json('GET', `${this.#production()}/playlist/${plId}`, options);
  }

  async patchPlaylist(plId: Id, ops: Operation[], options?: RequestOptions): Promise<Playlist> {
    return this.#patch(`${this.#production()}/playlist/${plId}`, ops, options);
  }

  async listShares(plId?: Id, options?: RequestOptions): Promise<Share[]> {
    const q = plId === undefined ? '' : `?${query([['playlistId', plId]])}`;
    return this.#json('GET', `${this.#production()}/share${q}`, options);
  }

  async createShare(plId: Id, input: NewShare, options?: RequestOptions): Promise<Share> {
    return this.#json('POST', `${this.#production()}/playlist/${plId}/share`, options, input ?? {});
  }

  async getShare(shareId: Id, options?: RequestOptions): Promise<Share> {
    return this.#json('GET', `${this.#production()}/share/${shareId}`, options);
  }

  async updateShare(shareId: Id, changes: ShareChanges, options?: RequestOptions): Promise<Share> {
    return this.#json('PATCH', `${this.#production()}/share/${shareId}`, options, changes);
  }

  async deleteShare(shareId: Id, options?: RequestOptions): Promise<void> {
    await this.#request('DELETE', `${this.#production()}/share/${shareId}`, options, { expect: 'none' });
  }

  async invite(shareId: Id, invitation: Invitation, options?: RequestOptions): Promise<InvitationResult> {
    return this.#json('POST', `${this.#production()}/share/${shareId}/invite`, options, invitation);
  }

  async listClientUsers(options?: RequestOptions): Promise<ClientUser[]> {
    return this.#json('GET', `${this.#production()}/clientuser`, options);
  }

  async createClientUser(input: { name: string; email: string }, options?: RequestOptions): Promise<ClientUser> {
    return this.#json('POST', `${this.#production()}/clientuser`, options, input);
  }

  // ——— client side ———

  async getPublicShare(shareToken: string, options?: RequestOptions): Promise<PublicShare> {
    const path = `/share/${encodeURIComponent(shareToken)}`;
    return this.#withLogo((await this.#request('GET', path, options, { auth: false })).data as PublicShare);
  }

  async openShareSession(
    shareToken: string,
    input: { password?: string; name?: string; email?: string },
    options?: RequestOptions,
  ): Promise<ShareSession> {
    const path = `/share/${encodeURIComponent(shareToken)}/session`;
    return (await this.#request('POST', path, options, { body: input ?? {}, auth: false })).data as ShareSession;
  }

  /** `POST /share/:token/preview` with this API's (studio) token. */
  async openSharePreview(shareToken: string, options?: RequestOptions): Promise<ShareSession> {
    const path = `/share/${encodeURIComponent(shareToken)}/preview`;
    return (await this.#request('POST', path, options, { body: {} })).data as ShareSession;
  }

  // ——— synced review rooms (docs/http-api.md, "Rooms") ———

  async joinRoom(plId: Id, options?: RequestOptions): Promise<RoomJoin> {
    return this.#json('POST', `${this.#production()}/rooms/${plId}/join`, options, {});
  }

  async leaveRoom(plId: Id, options?: RequestOptions): Promise<void> {
    await this.#request('POST', `${this.#production()}/rooms/${plId}/leave`, options, { body: {}, expect: 'none' });
  }

  async sendRoomAction(plId: Id, action: RoomAction, options?: RequestOptions): Promise<RoomState> {
    return this.#json('POST', `${this.#production()}/rooms/${plId}/actions`, options, action);
  }

  async exportRoomMinutes(plId: Id, format: RoomMinutesFormat, options?: RequestOptions): Promise<string> {
    const path = `${this.#production()}/rooms/${plId}/minutes?${query([['format', format]])}`;
    return (await this.#request('GET', path, options, { expect: 'text' })).data as string;
  }

  /**
   * The room's own stream (`GET /production/:pid/rooms/:plId/events`), one per call: a participant is in
   * one room, and the room's states must not wait behind the review events. Reopened like `subscribe`'s
   * after the browser gives up; closed for good on `room.ended` (the place is gone: joining again is the
   * caller's choice).
   */
  subscribeRoom(plId: Id, listener: (event: RoomEvent) => void, onConnection?: (connected: boolean) => void): Unsubscribe {
    const Source = this.#options.eventSource === undefined ? globalThis.EventSource : this.#options.eventSource;
    if (!Source) throw configError('rooms need an EventSource');
    let source: EventSource | null = null;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    const stop = () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
    const onMessage = (message: MessageEvent) => {
      let event: RoomEvent;
      try {
        event = JSON.parse(String(message.data)) as RoomEvent;
      } catch {
        return;
      }
      if (stopped || !event || (event.type !== 'room.state' && event.type !== 'room.ended')) return;
      if (event.type === 'room.ended') stop();
      listener(event);
    };
    const open = async () => {
      let token: string | null = null;
      try {
        token = await this.#currentToken();
      } catch {
        /* no token: the server answers 401 and we retry later */
      }
      if (stopped) return;
      const path = `${this.#production()}/rooms/${plId}/events${token ? `?${query([['access_token', token]])}` : ''}`;
      const es = new Source(this.#url(path, 'GET'), { withCredentials: this.#options.credentials === 'include' });
      source = es;
      es.addEventListener('room.state', onMessage as EventListener);
      es.addEventListener('room.ended', onMessage as EventListener);
      es.addEventListener('open', () => {
        backoff = 1000;
        if (!stopped) onConnection?.(true);
      });
      es.addEventListener('error', () => {
        if (stopped) return;
        onConnection?.(false);
        if (es.readyState !== 2) return;
        es.close();
        retryTimer = setTimeout(() => void open(), backoff);
        backoff = Math.min(backoff * 2, 30_000);
      });
    };
    void open();
    return stop;
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
        token = await this.#currentToken();
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

/** The `internal` query parameter of an export, when the caller chose (the server's default is `mark`). */
function internalParam(options: ExportRequestOptions | undefined): Array<[string, string]> {
  return options?.internalNotes ? [['internal', options.internalNotes]] : [];
}
