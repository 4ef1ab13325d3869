/**
 * The conformance kit: runs the HTTP contract of docs/http-api.md against a studio's backend, call by call,
 * through the elements' own `RestReviewApi` (so it checks exactly what the elements send) and raw requests
 * where `RestReviewApi` hides what matters (headers, error bodies, Range, the event stream).
 *
 * It creates only comments it marks (`[conformance]` at the start of the text, the tag `conformance`),
 * changes one clip's review status and puts it back, and deletes what it created at the end. Run it against a
 * test production.
 */
import { RestReviewApi, type HttpMethod } from '../client/rest-review-api.js';
import { CAPABILITY_NAMES, type Capabilities } from '../contract/capabilities.js';
import { ReviewApiError } from '../contract/errors.js';
import { newComment } from '../contract/new-comment.js';
import type { ClipAnnotation, Clip, Id, Me, MediaObjectAnnotation, Operation, ProductionSettings, Right } from '../contract/types.js';
import { Recorder, readAnswer, send, urlFor, type MapPath, type RawAnswer, type RawInit } from './http.js';
import { summarise, type CheckResult, type ConformanceReport } from './report.js';

export interface ConformanceOptions {
  /** The API base, as `api-base` of `<review-session>` (e.g. `https://studio.example/api`). */
  api: string;
  /** The production (`:pid`) to run in: use a test production. */
  production: string;
  /** A studio user's bearer token with REVIEW_EDIT and REVIEW_STATUS_EDIT (for every check: also REVIEW_EDIT_ALL). */
  token: string;
  /** A token with fewer rights (a viewer, a client's share session): the rights checks expect 403s from it. */
  clientToken?: string;
  /** The clip to run on (default: the first clip of `GET /production/:pid/mo`). */
  clip?: Id;
  /**
   * The origin of the portal that embeds the elements, when it differs from the API's (e.g.
   * `https://portal.studio.example`): the `cors.*` checks then ask for what a browser needs. Skipped without it.
   */
  origin?: string;
  /** Rewrites the contract's paths for a backend whose routes differ (as `RestReviewApi`'s option). */
  mapPath?: MapPath;
  /** Milliseconds to wait for each request and for an event (default 10000). */
  timeout?: number;
  /** A custom fetch (tests). */
  fetch?: typeof fetch;
  /** Called as each check ends (the CLI prints progress). */
  onCheck?: (result: CheckResult) => void;
}

/** Marks every comment the kit creates. */
export const MARK = '[conformance]';
export const MARK_TAG = 'conformance';

/** The exchanges of the check that runs, so that a failure knows which exchange it was about. */
let running: Recorder | null = null;

class Failure extends Error {
  /** The index of the last exchange when the check failed: the one the report shows. */
  readonly at = (running?.exchanges.length ?? 0) - 1;
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`expected ${expected}, got ${actual}`);
  }
}

class Skipped extends Error {}

/** A 1×1 red PNG. */
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWP4z8AAAAMBAQCc479ZAAAAAElFTkSuQmCC';

function fail(expected: string, actual: string): never {
  throw new Failure(expected, actual);
}
function skip(reason: string): never {
  throw new Skipped(reason);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function describeError(e: unknown): string {
  if (e instanceof ReviewApiError) return `${e.status || 'no answer'} ${e.code}: ${e.message}${e.field ? ` (field ${e.field})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** What the kit found out as it went, for the checks that follow. */
interface State {
  me?: Me;
  settings?: ProductionSettings;
  capabilities?: Capabilities | null;
  clip?: Clip;
  moa?: MediaObjectAnnotation;
  comment?: ClipAnnotation;
  clientMe?: Me;
  /** Every comment the kit created, deleted at the end. */
  created: Set<Id>;
}

interface Check {
  id: string;
  title: string;
  run(kit: Kit): Promise<void>;
}

class Kit {
  readonly state: State = { created: new Set() };
  readonly recorder: Recorder;
  readonly api: RestReviewApi;
  readonly clientApi: RestReviewApi | null;
  readonly base: string;
  readonly runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  #n = 0;

  constructor(readonly options: ConformanceOptions) {
    this.recorder = new Recorder([options.token, options.clientToken ?? ''], options.fetch);
    const common = {
      baseUrl: options.api,
      productionId: options.production,
      mapPath: options.mapPath,
      fetch: this.recorder.fetch,
      timeout: options.timeout ?? 10_000,
      retry: 0,
      eventSource: null,
    };
    this.api = new RestReviewApi({ ...common, token: options.token });
    this.clientApi = options.clientToken ? new RestReviewApi({ ...common, token: options.clientToken }) : null;
    this.base = this.api.baseUrl;
  }

  get pid(): string {
    return `/production/${this.options.production}`;
  }

  url(path: string, method: HttpMethod): string {
    return urlFor(this.base, path, method, this.options.mapPath);
  }

  /** A raw request to a contract path (mapped), with the studio token unless `token` says otherwise. */
  async raw(method: HttpMethod, path: string, init: RawInit = {}): Promise<RawAnswer> {
    return this.rawUrl(method, this.url(path, method), init);
  }

  /** A raw request to a URL (e.g. a preflight of the URL a PATCH goes to). */
  async rawUrl(method: HttpMethod | 'OPTIONS', url: string, init: RawInit = {}): Promise<RawAnswer> {
    const token = init.token === undefined ? this.options.token : init.token;
    const signal = init.signal ?? AbortSignal.timeout(this.options.timeout ?? 10_000);
    try {
      return await readAnswer(await send(this.recorder, method, url, { ...init, token, signal }));
    } catch (e) {
      return fail(`an answer from ${method} ${url}`, `no answer: ${describeError(e)}`);
    }
  }

  /** A call of `RestReviewApi` that must succeed. */
  async call<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      return fail(what, describeError(e));
    }
  }

  /** A call of `RestReviewApi` that must fail with one of `statuses`. */
  async refused(what: string, statuses: number[], call: () => Promise<unknown>): Promise<ReviewApiError> {
    let result: unknown;
    try {
      result = await call();
    } catch (e) {
      if (e instanceof ReviewApiError && statuses.includes(e.status)) {
        this.errorShape(e);
        return e;
      }
      return fail(`${what}: ${statuses.join(' or ')}`, describeError(e));
    }
    return fail(`${what}: ${statuses.join(' or ')}`, `success: ${describe(result)}`);
  }

  /** The last answer must have been the JSON error shape `{error:{code,message,field?}}`. */
  errorShape(e: ReviewApiError): void {
    const res = this.recorder.exchanges.at(-1)?.response;
    if (!res) return;
    const type = res.headers['content-type'] ?? '';
    if (!/\bjson\b/i.test(type)) {
      fail(`a ${res.status} answered as JSON {"error":{"code","message"}}`, `Content-Type ${type || '(none)'}: ${describe(res.body)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(res.body ?? '');
    } catch {
      body = undefined;
    }
    const error = isRecord(body) ? body.error : undefined;
    if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string' || !error.message) {
      fail('the error shape {"error":{"code":"…","message":"…","field":"…"}}', describe(body ?? res.body));
    }
    void e;
  }

  /** A raw answer must have this status and the JSON error shape; returns the error object. */
  expectError(answer: RawAnswer, statuses: number[], what: string): { code: string; message: string; field?: string } {
    if (!statuses.includes(answer.status))
      fail(`${what}: ${statuses.join(' or ')}`, `${answer.status}: ${describe(answer.json ?? answer.text)}`);
    if (!answer.isJson) {
      fail(
        `${what}: a JSON error {"error":{"code","message"}}`,
        `Content-Type ${answer.headers.get('content-type') ?? '(none)'}: ${describe(answer.text.slice(0, 120))}`,
      );
    }
    const error = isRecord(answer.json) ? answer.json.error : undefined;
    if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string' || !error.message) {
      return fail('the error shape {"error":{"code":"…","message":"…","field":"…"}}', describe(answer.json));
    }
    return { code: error.code, message: error.message, field: typeof error.field === 'string' ? error.field : undefined };
  }

  need<K extends keyof State>(key: K, check: string): NonNullable<State[K]> {
    const value = this.state[key];
    if (value === undefined || value === null) skip(`needs ${check} to pass first`);
    return value as NonNullable<State[K]>;
  }

  needRights(...rights: Right[]): void {
    const me = this.need('me', 'me');
    const missing = rights.filter((r) => !me.rights.includes(r));
    if (missing.length) skip(`the --token lacks ${missing.join(', ')}`);
  }

  /** A marked comment, as the elements build one (`newComment`), created and remembered for cleaning up. */
  async createMarked(label: string, api: RestReviewApi = this.api): Promise<ClipAnnotation> {
    const clip = this.need('clip', 'clips.get');
    const start = Math.max(0, Math.min(this.#n++, (clip.media?.frameCount ?? 1) - 1));
    const input = newComment({ mediaObjectId: clip.id, start, description: `${MARK} ${label} #{${MARK_TAG}} run ${this.runId}` });
    const comment = await this.call(`POST …/mo/${clip.id}/clip to create a comment (201 ClipAnnotation)`, () => api.createComment(input));
    if (comment && typeof comment.id === 'number') this.state.created.add(comment.id);
    return comment;
  }

  /** Finds a comment of the clip through the search the elements use, page by page. */
  async find(id: Id): Promise<ClipAnnotation | undefined> {
    const clip = this.need('clip', 'clips.get');
    for (let offset = 0, page = 0; page < 20; page++) {
      const result = await this.call('the comment search to answer', () =>
        this.api.searchComments({ mediaObjectId: clip.id, offset, limit: 200 }),
      );
      const hit = result.items.find((c) => c.id === id);
      if (hit) return hit;
      offset += result.items.length;
      if (result.items.length === 0 || offset >= result.total) return undefined;
    }
    return undefined;
  }

  /** The headers of the last answer received. */
  lastHeaders(): Record<string, string> {
    return this.recorder.exchanges.at(-1)?.response?.headers ?? {};
  }
}

/** An edit of `before` answered with the new text and the next version. */
function expectEdited(edited: ClipAnnotation | undefined, before: ClipAnnotation, text: string): void {
  if (edited?.description !== text || edited.version !== before.version + 1) {
    fail(
      `description "${text}", version ${before.version + 1}`,
      `description ${describe(edited?.description)}, version ${describe(edited?.version)}`,
    );
  }
}

function expectCommentShape(c: unknown, what: string): asserts c is ClipAnnotation {
  if (!isRecord(c)) fail(`${what}: a ClipAnnotation object`, describe(c));
  const r = c as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof r.id !== 'number') problems.push('id is not a number');
  if (r.objectType !== 'ClipAnnotation') problems.push(`objectType ${describe(r.objectType)}`);
  if (r.funnel !== 'ReviewComment') problems.push(`funnel ${describe(r.funnel)}`);
  if (typeof r.version !== 'number') problems.push('version is not a number');
  if (typeof r.start !== 'number' || r.end !== (r.start as number) + 1)
    problems.push(`start/end ${describe(r.start)}/${describe(r.end)} (end = start + 1)`);
  if (typeof r.threadGroupId !== 'number') problems.push('threadGroupId is not a number');
  if (!Array.isArray(r.tags) || !Array.isArray(r.mentionIds)) problems.push('tags/mentionIds are not arrays');
  if (typeof r.creatorId !== 'number') problems.push('creatorId is not a number');
  if (typeof r.created !== 'string' || Number.isNaN(Date.parse(r.created))) problems.push('created is not an ISO date');
  if (problems.length) fail(`${what}: a ClipAnnotation (docs/http-api.md)`, problems.join('; '));
}

function headerInt(headers: Record<string, string>, name: string): number | null {
  const v = headers[name.toLowerCase()];
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : null;
}

/** Reads an SSE stream until `until` matches an event or the time is up. */
async function waitForEvent(
  reader: ReadableStreamDefaultReader<string>,
  until: (type: string, data: unknown) => boolean,
  ms: number,
): Promise<{ type: string; data: unknown } | null> {
  let buffer = '';
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), left);
      }),
    ]);
    clearTimeout(timer);
    if (chunk === null || chunk.done) return null;
    buffer += chunk.value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (!data.length) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.join('\n'));
      } catch {
        parsed = data.join('\n');
      }
      if (until(type, parsed)) return { type, data: parsed };
    }
  }
}

// ——— the checks, in the order they run ———

const CHECKS: Check[] = [
  {
    id: 'me',
    title: 'GET /production/:pid/me → Me (who the token is, its rights)',
    async run(kit) {
      const me = await kit.call('200 Me {user, rights}', () => kit.api.getMe());
      if (!isRecord(me) || !isRecord(me.user) || typeof me.user.id !== 'number' || typeof me.user.name !== 'string') {
        fail('Me {user: {id: number, name: string, …}, rights: Right[]}', describe(me));
      }
      if (!Array.isArray(me.rights)) fail('Me.rights: an array of rights', describe(me.rights));
      kit.state.me = me;
    },
  },
  {
    id: 'settings',
    title: 'GET /production/:pid/settings → the review statuses',
    async run(kit) {
      const settings = await kit.call('200 ProductionSettings', () => kit.api.getSettings());
      const values = settings?.reviewStatusConfig?.possibleValues;
      if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v?.id !== 'string' || typeof v?.label !== 'string')) {
        fail('reviewStatusConfig.possibleValues: [{id, label}, …] (at least one)', describe(settings?.reviewStatusConfig));
      }
      kit.state.settings = settings;
    },
  },
  {
    id: 'capabilities',
    title: 'GET /production/:pid/capabilities → the optional parts offered (optional call)',
    async run(kit) {
      const answer = await kit.raw('GET', `${kit.pid}/capabilities`);
      if (answer.status === 404 || answer.status === 405 || answer.status === 501) {
        kit.state.capabilities = null;
        skip(`answered ${answer.status}: no capabilities call, so the elements take the backend to offer the core only`);
      }
      if (answer.status !== 200 || !isRecord(answer.json))
        fail(
          '200 {sharing, events, exports, versions, rooms, markers} (booleans)',
          `${answer.status}: ${describe(answer.json ?? answer.text)}`,
        );
      const json = answer.json as Record<string, unknown>;
      const wrong = CAPABILITY_NAMES.filter((k) => k in json && typeof json[k] !== 'boolean');
      if (wrong.length) fail('booleans for sharing, events, exports, versions, rooms, markers', `${wrong.join(', ')}: ${describe(json)}`);
      kit.state.capabilities = Object.fromEntries(CAPABILITY_NAMES.map((k) => [k, json[k] === true])) as unknown as Capabilities;
    },
  },
  {
    id: 'clips.list',
    title: 'GET /production/:pid/mo → Clip[]',
    async run(kit) {
      const clips = await kit.call('200 Clip[]', () => kit.api.listClips());
      if (!Array.isArray(clips)) fail('a JSON array of clips', describe(clips));
      if (kit.options.clip === undefined && clips.length === 0)
        fail('at least one clip in the production to run the checks on', 'an empty list');
      if (clips.some((c) => typeof c?.id !== 'number'))
        fail('every clip with a numeric id', describe(clips.find((c) => typeof c?.id !== 'number')));
    },
  },
  {
    id: 'clips.get',
    title: 'GET /production/:pid/mo/:moId → Clip (media URL, frame rate, frame count)',
    async run(kit) {
      let id = kit.options.clip;
      if (id === undefined) {
        const clips = await kit.call('200 Clip[]', () => kit.api.listClips());
        id = clips[0]?.id;
        if (id === undefined) skip('no clip to run on (give --clip)');
      }
      const clip = await kit.call(`200 Clip ${id}`, () => kit.api.getClip(id));
      const m = clip?.media;
      const problems: string[] = [];
      if (clip?.id !== id) problems.push(`id ${describe(clip?.id)}`);
      if (!isRecord(m)) problems.push('no media object');
      else {
        if (typeof m.url !== 'string' || !m.url) problems.push('media.url missing');
        if (!(typeof m.frameCount === 'number' && m.frameCount >= 1)) problems.push(`media.frameCount ${describe(m.frameCount)}`);
        const fr = m.frameRate;
        if (!isRecord(fr) || !(typeof fr.num === 'number' && fr.num > 0) || !(typeof fr.den === 'number' && fr.den > 0)) {
          problems.push(`media.frameRate ${describe(fr)} (want {num, den, dropFrame})`);
        }
      }
      if (problems.length) fail('a Clip with media {url, frameCount ≥ 1, frameRate {num, den, dropFrame}}', problems.join('; '));
      kit.state.clip = clip;
    },
  },
  {
    id: 'status.get',
    title: "GET /production/:pid/mo/:moId/moa → the clip's MediaObjectAnnotation",
    async run(kit) {
      const clip = kit.need('clip', 'clips.get');
      const moa = await kit.call('200 MediaObjectAnnotation', () => kit.api.getMediaObjectAnnotation(clip.id));
      if (typeof moa?.id !== 'number' || moa.mediaObjectId !== clip.id || typeof moa.reviewStatus !== 'string') {
        fail(`{id: number, mediaObjectId: ${clip.id}, reviewStatus: string}`, describe(moa));
      }
      kit.state.moa = moa;
    },
  },
  {
    id: 'status.patch',
    title: 'PATCH /production/:pid/an/:moaId [{"op":"add","path":"/reviewStatus",…}] (then put back)',
    async run(kit) {
      kit.needRights('REVIEW_STATUS_EDIT');
      const moa = kit.need('moa', 'status.get');
      const values = kit.need('settings', 'settings').reviewStatusConfig.possibleValues.map((v) => v.id);
      const other = values.find((v) => v !== moa.reviewStatus);
      if (!other) skip('the production has one review status only');
      const changed = await kit.call(`200 MediaObjectAnnotation with reviewStatus ${other}`, () => kit.api.setReviewStatus(moa.id, other));
      try {
        if (changed?.reviewStatus !== other || changed.id !== moa.id) fail(`the MOA with reviewStatus "${other}"`, describe(changed));
        const read = await kit.call('200 MediaObjectAnnotation', () => kit.api.getMediaObjectAnnotation(moa.mediaObjectId));
        if (read.reviewStatus !== other) fail(`GET …/moa to show the stored "${other}"`, describe(read.reviewStatus));
      } finally {
        await kit.api.setReviewStatus(moa.id, moa.reviewStatus).catch(() => undefined);
      }
    },
  },
  {
    id: 'status.patch.invalid',
    title: 'PATCH …/an/:moaId with a status the production does not have → 400, nothing stored',
    async run(kit) {
      kit.needRights('REVIEW_STATUS_EDIT');
      const moa = kit.need('moa', 'status.get');
      await kit.refused('a status not in reviewStatusConfig', [400], () => kit.api.setReviewStatus(moa.id, `${MARK} no such status`));
      const read = await kit.call('200 MediaObjectAnnotation', () => kit.api.getMediaObjectAnnotation(moa.mediaObjectId));
      if (read.reviewStatus !== moa.reviewStatus) fail(`the status to stay "${moa.reviewStatus}"`, describe(read.reviewStatus));
    },
  },
  {
    id: 'comments.create',
    title: 'POST /production/:pid/mo/:moId/clip NewClipAnnotation → 201 ClipAnnotation',
    async run(kit) {
      kit.needRights('REVIEW_EDIT');
      const c = await kit.createMarked('note');
      const status = kit.recorder.exchanges.at(-1)?.response?.status;
      expectCommentShape(c, 'the created comment');
      const me = kit.need('me', 'me');
      const problems: string[] = [];
      if (status !== 201) problems.push(`status ${status} (want 201 Created)`);
      if (c.version !== 1) problems.push(`version ${c.version} (want 1)`);
      if (c.creatorId !== me.user.id) problems.push(`creatorId ${c.creatorId} (want the caller, ${me.user.id})`);
      if (c.relatedToId !== null) problems.push(`relatedToId ${describe(c.relatedToId)} (want null)`);
      if (c.threadGroupId !== c.id) problems.push(`threadGroupId ${c.threadGroupId} (want its own id ${c.id})`);
      if (!c.description.startsWith(MARK)) problems.push(`description ${describe(c.description)} (want it as sent)`);
      if (!c.tags.includes(MARK_TAG)) problems.push(`tags ${describe(c.tags)} (want ["${MARK_TAG}"] as sent)`);
      if (problems.length) fail('the comment as sent, stored by the backend', problems.join('; '));
      kit.state.comment = c;
    },
  },
  {
    id: 'comments.search',
    title: 'GET /production/:pid/an/search?fq=mediaObjectId:…&fq=funnel:ReviewComment → comments and paging headers',
    async run(kit) {
      const clip = kit.need('clip', 'clips.get');
      const mine = kit.need('comment', 'comments.create');
      const page = await kit.call('200 ClipAnnotation[]', () => kit.api.searchComments({ mediaObjectId: clip.id, offset: 0, limit: 200 }));
      const headers = kit.lastHeaders();
      const total = headerInt(headers, 'X-Pagination-Total-Results');
      if (total === null) {
        fail(
          'the header X-Pagination-Total-Results: <matches on all pages> (and Access-Control-Expose-Headers naming it, cross-origin)',
          `${describe(headers['x-pagination-total-results'])}; headers in the answer: ${Object.keys(headers).join(', ')}`,
        );
      }
      if (total < page.items.length) fail(`X-Pagination-Total-Results ≥ ${page.items.length} (the items on this page)`, String(total));
      const offset = headerInt(headers, 'X-Pagination-Offset');
      if (offset !== 0) fail('the header X-Pagination-Offset: 0', describe(headers['x-pagination-offset']));
      page.items.forEach((c, i) => expectCommentShape(c, `item ${i}`));
      if (page.items.some((c) => c.mediaObjectId !== clip.id))
        fail(`only comments of clip ${clip.id} (fq=mediaObjectId)`, 'comments of other clips');
      const found = page.items.find((c) => c.id === mine.id) ?? (await kit.find(mine.id));
      if (!found) fail(`the comment just created (${mine.id}) in the search`, 'not found');
      if (found.description !== mine.description || found.version !== mine.version) {
        fail('the comment as the create answered it', describe(found));
      }
      const starts = page.items.map((c) => c.start);
      if (starts.some((s, i) => i > 0 && s < starts[i - 1])) fail('sort=start ASC: comments in frame order', describe(starts));
    },
  },
  {
    id: 'comments.paging',
    title: 'GET …/an/search with offset and limit → that page, X-Pagination-Offset, the same total',
    async run(kit) {
      const clip = kit.need('clip', 'clips.get');
      kit.need('comment', 'comments.create');
      await kit.createMarked('paging 2');
      await kit.createMarked('paging 3');
      const all = await kit.call('200 ClipAnnotation[]', () => kit.api.searchComments({ mediaObjectId: clip.id, offset: 0, limit: 200 }));
      const total = headerInt(kit.lastHeaders(), 'X-Pagination-Total-Results');
      const second = await kit.call('200 ClipAnnotation[]', () => kit.api.searchComments({ mediaObjectId: clip.id, offset: 1, limit: 1 }));
      const headers = kit.lastHeaders();
      if (second.items.length !== 1) fail('offset=1&limit=1: exactly one comment', `${second.items.length} comments`);
      if (headerInt(headers, 'X-Pagination-Offset') !== 1) fail('X-Pagination-Offset: 1', describe(headers['x-pagination-offset']));
      const pageTotal = headerInt(headers, 'X-Pagination-Total-Results');
      if (pageTotal === null || pageTotal !== total)
        fail(`X-Pagination-Total-Results: ${total} on every page`, describe(headers['x-pagination-total-results']));
      if (all.items.length >= 2 && second.items[0]?.id !== all.items[1].id) {
        fail(`the second comment of the full list (id ${all.items[1].id})`, `id ${describe(second.items[0]?.id)}`);
      }
    },
  },
  {
    id: 'comments.patch.test',
    title: 'PATCH …/an/:anId [test /version, replace /description] → the edit, version + 1',
    async run(kit) {
      kit.needRights('REVIEW_EDIT');
      const c = kit.need('comment', 'comments.create');
      const text = `${MARK} edited with test run ${kit.runId}`;
      const ops: Operation[] = [
        { op: 'test', path: '/version', value: c.version },
        { op: 'replace', path: '/description', value: text },
      ];
      const edited = await kit.call('200 ClipAnnotation', () => kit.api.patchComment(c.id, ops));
      expectEdited(edited, c, text);
      kit.state.comment = edited;
    },
  },
  {
    id: 'comments.patch.stale',
    title: 'PATCH …/an/:anId led by a stale test /version → 409 CONFLICT, nothing applied',
    async run(kit) {
      kit.needRights('REVIEW_EDIT');
      const c = kit.need('comment', 'comments.create');
      const ops: Operation[] = [
        { op: 'test', path: '/version', value: c.version - 1 },
        { op: 'replace', path: '/description', value: `${MARK} stale edit` },
      ];
      const e = await kit.refused('a stale edit (the elements then reload and ask the user)', [409], () => kit.api.patchComment(c.id, ops));
      if (e.code !== 'CONFLICT') fail('error code CONFLICT', e.code);
      const now = await kit.find(c.id);
      if (now?.description !== c.description || now.version !== c.version) fail('the comment unchanged', describe(now));
    },
  },
  {
    id: 'comments.patch.rollback',
    title: 'PATCH …/an/:anId [replace, failing test] → refused and the replace not stored (all or nothing)',
    async run(kit) {
      kit.needRights('REVIEW_EDIT');
      const c = kit.need('comment', 'comments.create');
      const ops: Operation[] = [
        { op: 'replace', path: '/description', value: `${MARK} must not be stored` },
        { op: 'test', path: '/version', value: c.version + 100 },
      ];
      // The status is comments.patch.stale's business; this check is about what was stored.
      await kit.refused('a patch whose last op fails', [400, 409], () => kit.api.patchComment(c.id, ops));
      const now = await kit.find(c.id);
      if (now?.description !== c.description || now.version !== c.version) {
        fail(
          `the comment unchanged (description ${describe(c.description)}, version ${c.version})`,
          `description ${describe(now?.description)}, version ${describe(now?.version)}`,
        );
      }
    },
  },
  {
    id: 'comments.patch.no-test',
    title: 'PATCH …/an/:anId without a test op → applied (last write wins), version + 1',
    async run(kit) {
      kit.needRights('REVIEW_EDIT');
      const c = kit.need('comment', 'comments.create');
      const text = `${MARK} edited without test run ${kit.runId}`;
      const edited = await kit.call('200 ClipAnnotation', () =>
        kit.api.patchComment(c.id, [{ op: 'replace', path: '/description', value: text }]),
      );
      expectEdited(edited, c, text);
      kit.state.comment = edited;
    },
  },
  {
    id: 'cors.preflight',
    title: 'OPTIONS preflight from --origin for PATCH (application/json-patch+json) and DELETE with Authorization',
    async run(kit) {
      const origin = kit.options.origin ?? skip('no --origin given (same-origin portal: no CORS needed)');
      const id = kit.state.comment?.id ?? kit.need('moa', 'status.get').id;
      for (const [method, path] of [
        ['PATCH', `${kit.pid}/an/${id}`],
        ['DELETE', `${kit.pid}/an/bulk`],
      ] as const) {
        // The browser preflights the URL the call goes to (mapPath applied for the call's method).
        const answer = await kit.rawUrl('OPTIONS', kit.url(path, method), {
          token: null,
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': method,
            'Access-Control-Request-Headers': 'authorization,content-type',
          },
        });
        const h = (name: string) => answer.headers.get(name) ?? '';
        const listed = (value: string, item: string) =>
          value
            .split(',')
            .map((v) => v.trim().toLowerCase())
            .includes(item.toLowerCase());
        const problems: string[] = [];
        if (answer.status < 200 || answer.status >= 300) problems.push(`status ${answer.status}`);
        if (h('access-control-allow-origin') !== origin && h('access-control-allow-origin') !== '*') {
          problems.push(`Access-Control-Allow-Origin ${describe(h('access-control-allow-origin') || null)}`);
        }
        const methods = h('access-control-allow-methods');
        if (!listed(methods, method) && methods.trim() !== '*') problems.push(`Access-Control-Allow-Methods ${describe(methods || null)}`);
        // A wildcard does not cover Authorization: it must be named.
        const headers = h('access-control-allow-headers');
        if (!listed(headers, 'authorization') || !(listed(headers, 'content-type') || listed(headers, '*'))) {
          problems.push(`Access-Control-Allow-Headers ${describe(headers || null)}`);
        }
        if (problems.length) {
          fail(
            `2xx with Access-Control-Allow-Origin: ${origin}, Access-Control-Allow-Methods naming ${method}, Access-Control-Allow-Headers naming Authorization and Content-Type`,
            problems.join('; '),
          );
        }
      }
    },
  },
  {
    id: 'cors.expose',
    title: 'GET …/an/search from --origin → Access-Control-Allow-Origin and the paging headers exposed',
    async run(kit) {
      const origin = kit.options.origin ?? skip('no --origin given (same-origin portal: no CORS needed)');
      const clip = kit.need('clip', 'clips.get');
      const answer = await kit.raw('GET', `${kit.pid}/an/search?fq=mediaObjectId:${clip.id}&fq=funnel:ReviewComment&offset=0&limit=1`, {
        headers: { Origin: origin },
      });
      const allow = answer.headers.get('access-control-allow-origin');
      if (allow !== origin && allow !== '*') fail(`Access-Control-Allow-Origin: ${origin}`, describe(allow));
      const exposed = (answer.headers.get('access-control-expose-headers') ?? '').toLowerCase();
      const missing = ['x-pagination-total-results', 'x-pagination-offset'].filter((name) => !exposed.includes(name));
      if (missing.length) {
        fail(
          'Access-Control-Expose-Headers naming X-Pagination-Total-Results and X-Pagination-Offset (else the browser hides them)',
          describe(exposed || null),
        );
      }
    },
  },
  {
    id: 'errors.not-found',
    title: 'GET /production/:pid/mo/<no such id> → 404 JSON error',
    async run(kit) {
      const answer = await kit.raw('GET', `${kit.pid}/mo/2147480000`);
      kit.expectError(answer, [404], 'an unknown clip');
    },
  },
  {
    id: 'errors.bad-request',
    title: 'POST …/mo/:moId/clip with an empty description → 400 naming the field, nothing stored',
    async run(kit) {
      kit.needRights('REVIEW_EDIT');
      const clip = kit.need('clip', 'clips.get');
      const input = { ...newComment({ mediaObjectId: clip.id, start: 0, description: 'x' }), description: '   ' };
      const answer = await kit.raw('POST', `${kit.pid}/mo/${clip.id}/clip`, { body: input });
      if (answer.status >= 200 && answer.status < 300 && isRecord(answer.json) && typeof answer.json.id === 'number') {
        kit.state.created.add(answer.json.id);
      }
      const error = kit.expectError(answer, [400], 'a comment without text');
      if (error.field !== 'description')
        fail('error.field "description" (the elements show the message at that field)', describe(error.field));
    },
  },
  {
    id: 'errors.unauthorized',
    title: 'GET /production/:pid/me without a token → 401 JSON error',
    async run(kit) {
      const answer = await kit.raw('GET', `${kit.pid}/me`, { token: null });
      kit.expectError(answer, [401], 'a call without a token');
    },
  },
  {
    id: 'rights.me',
    title: 'GET /production/:pid/me with the client token → its (fewer) rights',
    async run(kit) {
      const api = kit.clientApi ?? skip('no --client-token given');
      const me = await kit.call('200 Me', () => api.getMe());
      if (!isRecord(me) || !Array.isArray(me.rights)) fail('Me {user, rights}', describe(me));
      kit.state.clientMe = me;
    },
  },
  {
    id: 'rights.create',
    title: 'POST …/mo/:moId/clip with a token without REVIEW_EDIT → 403',
    async run(kit) {
      const api = kit.clientApi ?? skip('no --client-token given');
      const me = kit.need('clientMe', 'rights.me');
      if (me.rights.includes('REVIEW_EDIT')) skip('the client token has REVIEW_EDIT');
      const clip = kit.need('clip', 'clips.get');
      const input = newComment({ mediaObjectId: clip.id, start: 0, description: `${MARK} must be refused #{${MARK_TAG}}` });
      let created: ClipAnnotation | undefined;
      await kit.refused('a comment by a token without REVIEW_EDIT', [403, 404], async () => {
        created = await api.createComment(input);
        if (typeof created?.id === 'number') kit.state.created.add(created.id);
        return created;
      });
    },
  },
  {
    id: 'rights.edit',
    title: "PATCH …/an/:anId on another user's comment without REVIEW_EDIT_ALL → 403 (or 404), unchanged",
    async run(kit) {
      const api = kit.clientApi ?? skip('no --client-token given');
      const me = kit.need('clientMe', 'rights.me');
      if (me.rights.includes('REVIEW_EDIT_ALL')) skip('the client token has REVIEW_EDIT_ALL');
      const c = kit.need('comment', 'comments.create');
      await kit.refused("an edit of someone else's comment", [403, 404], () =>
        api.patchComment(c.id, [
          { op: 'test', path: '/version', value: c.version },
          { op: 'replace', path: '/description', value: `${MARK} hijacked` },
        ]),
      );
      const now = await kit.find(c.id);
      if (now?.description !== c.description) fail('the comment unchanged', describe(now?.description));
    },
  },
  {
    id: 'rights.delete',
    title: "DELETE …/an/bulk of another user's comment without REVIEW_EDIT_ALL → 403 (or 404), kept",
    async run(kit) {
      const api = kit.clientApi ?? skip('no --client-token given');
      const me = kit.need('clientMe', 'rights.me');
      if (me.rights.includes('REVIEW_EDIT_ALL')) skip('the client token has REVIEW_EDIT_ALL');
      const c = kit.need('comment', 'comments.create');
      await kit.refused("a delete of someone else's comment", [403, 404], () => api.deleteComments([c.id]));
      if (!(await kit.find(c.id))) fail('the comment still there', 'it was deleted');
    },
  },
  {
    id: 'rights.status',
    title: 'PATCH …/an/:moaId with a token without REVIEW_STATUS_EDIT → 403 (or 404), unchanged',
    async run(kit) {
      const api = kit.clientApi ?? skip('no --client-token given');
      const me = kit.need('clientMe', 'rights.me');
      if (me.rights.includes('REVIEW_STATUS_EDIT')) skip('the client token has REVIEW_STATUS_EDIT');
      const moa = kit.need('moa', 'status.get');
      const values = kit.need('settings', 'settings').reviewStatusConfig.possibleValues.map((v) => v.id);
      const other = values.find((v) => v !== moa.reviewStatus) ?? moa.reviewStatus;
      let changed = false;
      try {
        await kit.refused('a status change without REVIEW_STATUS_EDIT', [403, 404], async () => {
          const r = await api.setReviewStatus(moa.id, other);
          changed = true;
          return r;
        });
      } finally {
        if (changed) await kit.api.setReviewStatus(moa.id, moa.reviewStatus).catch(() => undefined);
      }
    },
  },
  {
    id: 'events',
    title: 'GET /production/:pid/events?access_token=… → text/event-stream with comment.created',
    async run(kit) {
      const caps = kit.state.capabilities;
      if (caps && !caps.events) skip('capabilities: events false (the elements do not update live)');
      kit.needRights('REVIEW_EDIT');
      kit.need('clip', 'clips.get');
      const ms = kit.options.timeout ?? 10_000;
      const abort = new AbortController();
      const path = `${kit.pid}/events?access_token=${encodeURIComponent(kit.options.token)}`;
      try {
        let res: Response;
        try {
          res = await send(kit.recorder, 'GET', kit.url(path, 'GET'), { headers: { Accept: 'text/event-stream' }, signal: abort.signal });
        } catch (e) {
          return fail('an answer from the event stream', describeError(e));
        }
        if (res.status === 404 && !caps) skip('answered 404: no event stream (optional; the elements then do not update live)');
        const type = res.headers.get('content-type') ?? '';
        if (res.status !== 200 || !/text\/event-stream/i.test(type) || !res.body) {
          fail(
            '200 Content-Type: text/event-stream (the token as ?access_token=, as EventSource cannot send headers)',
            `${res.status} ${type}`,
          );
        }
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const c = await kit.createMarked('event');
        const heard = await waitForEvent(
          reader,
          (t, d) => t === 'comment.created' && isRecord(d) && d.type === 'comment.created' && isRecord(d.comment) && d.comment.id === c.id,
          ms,
        );
        if (!heard)
          fail(
            `within ${ms / 1000} s: event: comment.created, data: {"type":"comment.created","comment":{"id":${c.id},…}}`,
            'no such event',
          );
        await kit.call('the bulk DELETE of the new comment', () => kit.api.deleteComments([c.id]));
        kit.state.created.delete(c.id);
        const gone = await waitForEvent(
          reader,
          (t, d) => t === 'comment.deleted' && isRecord(d) && Array.isArray(d.ids) && d.ids.includes(c.id),
          ms,
        );
        if (!gone)
          fail(`within ${ms / 1000} s: event: comment.deleted, data: {"type":"comment.deleted","ids":[${c.id}],…}`, 'no such event');
      } finally {
        abort.abort();
      }
    },
  },
  {
    id: 'exports',
    title: 'GET /production/:pid/mo/:moId/comments/export?format=vtt → WebVTT text (optional)',
    async run(kit) {
      const caps = kit.state.capabilities;
      if (caps && !caps.exports) skip('capabilities: exports false');
      const clip = kit.need('clip', 'clips.get');
      const answer = await kit.raw('GET', `${kit.pid}/mo/${clip.id}/comments/export?format=vtt`);
      if (answer.status === 404 && !caps) skip('answered 404: no export (optional)');
      if (answer.status !== 200 || !answer.text.startsWith('WEBVTT'))
        fail('200 text starting "WEBVTT"', `${answer.status}: ${describe(answer.text.slice(0, 120))}`);
    },
  },
  {
    id: 'open',
    title: 'GET /production/:pid/open?moId= → me, settings, capabilities, clips and the clip in one answer (optional: capability open)',
    async run(kit) {
      const caps = kit.state.capabilities;
      if (!caps?.open)
        skip(caps ? 'capabilities: open false (the elements make the separate calls)' : 'no capabilities answer (core only)');
      const clip = kit.need('clip', 'clips.get');
      const answer = await kit.raw('GET', `${kit.pid}/open?moId=${clip.id}`);
      const json = isRecord(answer.json) ? answer.json : null;
      const problems: string[] = [];
      if (answer.status !== 200 || !json) problems.push(`${answer.status}: ${describe(answer.json ?? answer.text.slice(0, 120))}`);
      else {
        if (!isRecord(json.me) || !isRecord(json.me.user)) problems.push(`me ${describe(json.me)}`);
        if (!isRecord(json.settings)) problems.push(`settings ${describe(json.settings)}`);
        if (!isRecord(json.capabilities) || json.capabilities.open !== true) problems.push(`capabilities ${describe(json.capabilities)}`);
        if (!Array.isArray(json.clips)) problems.push(`clips ${describe(json.clips)}`);
        const got = isRecord(json.clip) ? json.clip : null;
        if (got?.id !== clip.id || !isRecord(got.media) || typeof got.media.url !== 'string' || !got.media.url)
          problems.push(`clip ${describe(got?.id)} (want clip ${clip.id} with its media.url)`);
      }
      if (problems.length)
        fail('200 {me, settings, org, capabilities, playlist, clips, clip} as the separate calls answer them', problems.join('; '));
    },
  },
  {
    id: 'markers',
    title: 'GET /production/:pid/mo/:moId/comments/export?format=otio → an OpenTimelineIO timeline (optional: NLE markers)',
    async run(kit) {
      const caps = kit.state.capabilities;
      if (!caps?.markers) skip(caps ? 'capabilities: markers false' : 'no capabilities answer (core only)');
      const clip = kit.need('clip', 'clips.get');
      const answer = await kit.raw('GET', `${kit.pid}/mo/${clip.id}/comments/export?format=otio`);
      const timeline = isRecord(answer.json) ? answer.json : null;
      if (answer.status !== 200 || timeline?.OTIO_SCHEMA !== 'Timeline.1')
        fail('200 JSON {"OTIO_SCHEMA": "Timeline.1", …}', `${answer.status}: ${describe(answer.json ?? answer.text.slice(0, 120))}`);
      const edl = await kit.raw('GET', `${kit.pid}/mo/${clip.id}/comments/export?format=edl`);
      if (edl.status !== 200 || !/^TITLE: .*\nFCM: (NON-)?DROP FRAME\n/.test(edl.text))
        fail('200 CMX 3600 EDL text starting "TITLE: …" and "FCM: …"', `${edl.status}: ${describe(edl.text.slice(0, 120))}`);
    },
  },
  {
    id: 'attachments',
    title:
      'POST /production/:pid/an/:anId/attachments (multipart) → a file on a note, served safely; a disguised file refused (optional: capability attachments)',
    async run(kit) {
      const caps = kit.state.capabilities;
      if (!caps?.attachments) skip(caps ? 'capabilities: attachments false' : 'no capabilities answer (core only)');
      kit.needRights('REVIEW_EDIT');
      const note = await kit.createMarked('attachment');
      // A 1×1 PNG: the smallest picture every backend must take.
      const png = Uint8Array.from(Buffer.from(ONE_PIXEL_PNG, 'base64'));
      const a = await kit.call('201 NoteAttachment', () => kit.api.uploadAttachment(note.id, new Blob([png]), 'conformance.png'));
      if (a?.commentId !== note.id || a.mimeType !== 'image/png' || typeof a.url !== 'string')
        fail(`{commentId: ${note.id}, mimeType: "image/png", url, …}`, describe(a));
      const file = await kit.rawUrl('GET', a.url, { token: null });
      const type = file.headers.get('content-type') ?? '';
      if (file.status !== 200 || !type.startsWith('image/png') || file.headers.get('x-content-type-options') !== 'nosniff')
        fail('200 image/png with X-Content-Type-Options: nosniff, by the URL alone (as an <img> asks)', `${file.status} ${type}`);
      // An HTML page named .png: the type must come from the content, never the name.
      const html = new Blob(['<!doctype html><script>alert(1)</script>'], { type: 'image/png' });
      const refused = await kit.api.uploadAttachment(note.id, html, 'disguised.png').then(
        (x) => `201 ${describe(x)}`,
        (e: unknown) => (isRecord(e) && e.status === 415 ? null : describeError(e)),
      );
      if (refused) fail('415 for an HTML file named .png (the type is read from the content)', refused);
      const listed = await kit.call('200 NoteAttachment[]', () => kit.api.listAttachments!(note.mediaObjectId));
      if (!Array.isArray(listed) || !listed.some((x) => x.id === a.id)) fail(`the list holds attachment ${a.id}`, describe(listed));
      await kit.call(`DELETE …/attachments/${a.id}`, () => kit.api.deleteAttachment(a.id));
    },
  },
  {
    id: 'sharing',
    title: 'GET /production/:pid/share → Share[] (optional: sharing with clients)',
    async run(kit) {
      const caps = kit.state.capabilities;
      if (!caps?.sharing) skip(caps ? 'capabilities: sharing false' : 'no capabilities answer (core only)');
      kit.needRights('SHARE_MANAGE');
      const shares = await kit.call('200 Share[]', () => kit.api.listShares());
      if (!Array.isArray(shares)) fail('a JSON array of shares', describe(shares));
    },
  },
  {
    id: 'versions',
    title: 'GET /production/:pid/mo/:moId/versions → Clip[] of its shot or asset, newest first, the clip among them (optional)',
    async run(kit) {
      const caps = kit.state.capabilities;
      if (!caps?.versions) skip(caps ? 'capabilities: versions false' : 'no capabilities answer (core only)');
      const clip = kit.need('clip', 'clips.get');
      const versions = await kit.call('200 Clip[]', () => kit.api.getVersions(clip.id));
      if (!Array.isArray(versions)) fail('a JSON array of clips', describe(versions));
      if (!versions.some((v) => v.id === clip.id)) fail(`the list holds clip ${clip.id} itself`, describe(versions.map((v) => v.id)));
      const numbers = versions.map((v) => v.versionNumber ?? null);
      const newestFirst = numbers.every((n, i) => i === 0 || n === null || numbers[i - 1] === null || (numbers[i - 1] as number) >= n);
      if (!newestFirst) fail('newest version first (versionNumber descending)', describe(numbers));
    },
  },
  {
    id: 'media.range',
    title: "GET <clip's media.url> with Range: bytes=0-99 → 206 Partial Content (a <video> seeks with Range)",
    async run(kit) {
      const clip = kit.need('clip', 'clips.get');
      const url = clip.media.url;
      let answer: RawAnswer;
      try {
        // As a <video> asks: no Authorization header (the URL itself must be enough).
        const res = await send(kit.recorder, 'GET', url, {
          headers: { Range: 'bytes=0-99', Accept: '*/*' },
          signal: AbortSignal.timeout(kit.options.timeout ?? 10_000),
        });
        const bytes = new Uint8Array(await res.arrayBuffer());
        answer = { status: res.status, headers: res.headers, text: `${bytes.byteLength} bytes`, json: undefined, isJson: false };
        if (res.status === 206 && bytes.byteLength > 100) fail('at most 100 bytes for bytes=0-99', `${bytes.byteLength} bytes`);
      } catch (e) {
        if (e instanceof Failure) throw e;
        return fail(`an answer from ${url}`, describeError(e));
      }
      if (answer.status !== 206)
        fail('206 Partial Content with Content-Range (without Range support a video cannot seek)', `${answer.status}`);
      const range = answer.headers.get('content-range') ?? '';
      if (!/^bytes 0-\d+\/(\d+|\*)$/.test(range)) fail('Content-Range: bytes 0-99/<size>', describe(range || null));
    },
  },
  {
    id: 'comments.delete',
    title: 'DELETE /production/:pid/an/bulk {"actions":[{"action":"DELETE","ids":[…]}]} → removed',
    async run(kit) {
      kit.needRights('REVIEW_EDIT');
      const c = kit.need('comment', 'comments.create');
      await kit.call('2xx for the bulk DELETE', () => kit.api.deleteComments([c.id]));
      const body = kit.recorder.exchanges.at(-1)?.response?.body;
      if (body) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        if (!isRecord(parsed) || !Array.isArray(parsed.deleted) || !Array.isArray(parsed.tombstoned)) {
          fail('{"deleted":[ids], "tombstoned":[ids]} (or an empty 204)', describe(parsed ?? body));
        }
        if (!parsed.deleted.includes(c.id)) fail(`deleted to list ${c.id}`, describe(parsed.deleted));
      }
      kit.state.created.delete(c.id);
      if (await kit.find(c.id)) fail('the comment gone from the search', 'still listed');
      const again = await kit.raw('DELETE', `${kit.pid}/an/bulk`, { body: { actions: [{ action: 'DELETE', ids: [c.id] }] } });
      kit.expectError(again, [404], 'deleting it again (no such comment)');
    },
  },
];

/** The ids of every check, in order (docs/conformance.md explains each). */
export const CHECK_IDS: readonly string[] = CHECKS.map((c) => c.id);

/** Deletes whatever marked comments are left; reported as the last check. */
async function cleanUp(kit: Kit): Promise<void> {
  const ids = [...kit.state.created];
  if (!ids.length) return;
  const left: Id[] = [];
  for (const id of ids) {
    try {
      await kit.api.deleteComments([id]);
      kit.state.created.delete(id);
    } catch (e) {
      if (e instanceof ReviewApiError && e.status === 404) kit.state.created.delete(id);
      else left.push(id);
    }
  }
  if (left.length) fail(`the kit's comments deleted`, `could not delete ${left.join(', ')} (marked "${MARK}": delete them by hand)`);
}

/** Runs every check against the backend and returns the report. Never throws for a failing backend. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const started = Date.now();
  const kit = new Kit(options);
  const checks: CheckResult[] = [];
  running = kit.recorder;
  const runOne = async (check: Check) => {
    kit.recorder.exchanges = [];
    const t0 = Date.now();
    let result: CheckResult;
    try {
      await check.run(kit);
      result = { id: check.id, title: check.title, status: 'pass', exchanges: kit.recorder.exchanges, ms: Date.now() - t0 };
    } catch (e) {
      const base = { id: check.id, title: check.title, exchanges: kit.recorder.exchanges, ms: Date.now() - t0 };
      if (e instanceof Skipped) result = { ...base, status: 'skip', actual: e.message };
      else if (e instanceof Failure) result = { ...base, status: 'fail', expected: e.expected, actual: e.actual, failedAt: e.at };
      else result = { ...base, status: 'fail', expected: 'the check to run', actual: `the kit failed: ${describeError(e)}` };
    }
    checks.push(result);
    options.onCheck?.(result);
  };
  for (const check of CHECKS) await runOne(check);
  await runOne({ id: 'cleanup', title: `every comment the kit created (marked "${MARK}") deleted`, run: cleanUp });
  return {
    api: kit.base,
    production: options.production,
    capabilities: kit.state.capabilities ? { ...kit.state.capabilities } : null,
    checks,
    summary: summarise(checks),
    startedAt: new Date(started).toISOString(),
    ms: Date.now() - started,
  };
}
