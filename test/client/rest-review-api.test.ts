import { expect } from '@open-wc/testing';
import { RestReviewApi, type RestReviewApiOptions } from '../../src/client/rest-review-api.js';
import { ReviewApiError } from '../../src/contract/errors.js';
import { newComment } from '../../src/contract/comment-patch.js';
import type { ReviewApi } from '../../src/contract/review-api.js';
import type { ReviewEvent } from '../../src/contract/types.js';

interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials;
}

type Answer = { status?: number; body?: unknown; text?: string; type?: string; headers?: Record<string, string> };

/** A fetch that records every request and answers from `answer` (by call index or a function). */
function fakeFetch(answer: Answer | ((req: Request, n: number) => Answer | Promise<Answer>) = { body: {} }) {
  const seen: Seen[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const text = req.method === 'GET' || req.method === 'HEAD' ? '' : await req.clone().text();
    seen.push({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
      credentials: req.credentials,
    });
    const a = typeof answer === 'function' ? await answer(req, seen.length) : answer;
    const status = a.status ?? 200;
    if (status === 204) return new Response(null, { status });
    const payload = a.text ?? JSON.stringify(a.body ?? {});
    return new Response(payload, {
      status,
      headers: { 'Content-Type': a.type ?? 'application/json; charset=utf-8', ...a.headers },
    });
  };
  return { fetch: fn as typeof fetch, seen };
}

const BASE = 'http://api.test/api';
const P = `${BASE}/production/demo`;
const make = (f: typeof fetch, extra: Partial<RestReviewApiOptions> = {}) =>
  new RestReviewApi({ baseUrl: BASE, productionId: 'demo', token: 'tok', fetch: f, retry: 0, eventSource: null, ...extra });

async function failure(promise: Promise<unknown>): Promise<ReviewApiError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(ReviewApiError);
    return e as ReviewApiError;
  }
  throw new Error('expected a rejection');
}

/** Resolves once `condition()` holds, checking after each task. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 0));
}

const JSON_PATCH = 'application/json-patch+json';
const JSON_CT = 'application/json';

describe('RestReviewApi', () => {
  const comment = newComment({ mediaObjectId: 101, start: 12, description: 'Edge @{3,Alex Artist} #{comp}' });
  const ops = [
    { op: 'test' as const, path: '/version', value: 3 },
    { op: 'replace' as const, path: '/description', value: 'new' },
  ];
  // Every call of the ReviewApi: the exact request it must send.
  const cases: Array<{
    name: string;
    call: (api: ReviewApi) => Promise<unknown>;
    method: string;
    url: string;
    contentType?: string;
    body?: unknown;
    auth?: boolean;
    answer?: Answer;
  }> = [
    { name: 'getMe', call: (a) => a.getMe(), method: 'GET', url: `${P}/me` },
    { name: 'searchUsers', call: (a) => a.searchUsers('sam s'), method: 'GET', url: `${P}/users?q=sam%20s`, answer: { body: [] } },
    { name: 'getSettings', call: (a) => a.getSettings(), method: 'GET', url: `${P}/settings` },
    {
      name: 'patchSettings',
      call: (a) => a.patchSettings([{ op: 'replace', path: '/clientVersionName', value: 'name' }]),
      method: 'PATCH',
      url: `${P}/settings`,
      contentType: JSON_PATCH,
      body: [{ op: 'replace', path: '/clientVersionName', value: 'name' }],
    },
    { name: 'getOrgSettings', call: (a) => a.getOrgSettings(), method: 'GET', url: `${BASE}/org/settings` },
    {
      name: 'patchOrgSettings',
      call: (a) => a.patchOrgSettings([{ op: 'replace', path: '/studioName', value: 'N' }]),
      method: 'PATCH',
      url: `${BASE}/org/settings`,
      contentType: JSON_PATCH,
      body: [{ op: 'replace', path: '/studioName', value: 'N' }],
    },
    { name: 'listClips', call: (a) => a.listClips(), method: 'GET', url: `${P}/mo`, answer: { body: [] } },
    { name: 'getClip', call: (a) => a.getClip(101), method: 'GET', url: `${P}/mo/101` },
    {
      name: 'updateClip',
      call: (a) => a.updateClip(101, { clientName: 'Jump v12', reasonForReview: 'Fix' }),
      method: 'PATCH',
      url: `${P}/mo/101`,
      contentType: JSON_PATCH,
      body: [
        { op: 'replace', path: '/clientName', value: 'Jump v12' },
        { op: 'replace', path: '/reasonForReview', value: 'Fix' },
      ],
    },
    {
      name: 'bulkUpdateReasonForReview',
      call: (a) => a.bulkUpdateReasonForReview([101, 102], 'Grade'),
      method: 'PATCH',
      url: `${P}/mo/bulk`,
      contentType: JSON_CT,
      body: { ids: [101, 102], reasonForReview: 'Grade' },
      answer: { body: [] },
    },
    { name: 'getMediaObjectAnnotation', call: (a) => a.getMediaObjectAnnotation(101), method: 'GET', url: `${P}/mo/101/moa` },
    {
      name: 'setReviewStatus (seed)',
      call: (a) => a.setReviewStatus(201, 'NEEDS_WORK'),
      method: 'PATCH',
      url: `${P}/an/201`,
      contentType: JSON_PATCH,
      body: [{ op: 'add', path: '/reviewStatus', value: 'NEEDS_WORK' }],
    },
    {
      name: 'searchComments (seed)',
      call: (a) => a.searchComments({ mediaObjectId: 101 }),
      method: 'GET',
      url: `${P}/an/search?fq=mediaObjectId:101&fq=funnel:ReviewComment&sort=start%20ASC&offset=0&limit=200`,
      answer: { body: [], headers: { 'X-Pagination-Total-Results': '0' } },
    },
    {
      name: 'createComment (seed)',
      call: (a) => a.createComment(comment),
      method: 'POST',
      url: `${P}/mo/101/clip`,
      contentType: JSON_CT,
      body: comment,
      answer: { status: 201, body: {} },
    },
    {
      name: 'patchComment (seed)',
      call: (a) => a.patchComment(5001, ops),
      method: 'PATCH',
      url: `${P}/an/5001`,
      contentType: JSON_PATCH,
      body: ops,
    },
    {
      name: 'deleteComments (seed)',
      call: (a) => a.deleteComments([5001, 5002]),
      method: 'DELETE',
      url: `${P}/an/bulk`,
      contentType: JSON_CT,
      body: { actions: [{ action: 'DELETE', ids: [5001, 5002] }] },
      answer: { body: { deleted: [5001, 5002] } },
    },
    {
      name: 'exportComments',
      call: (a) => a.exportComments(101, 'srt'),
      method: 'GET',
      url: `${P}/mo/101/comments/export?format=srt`,
      answer: { text: '1\n', type: 'application/x-subrip' },
    },
    {
      name: 'exportPlaylistComments',
      call: (a) => a.exportPlaylistComments!(301, 'otio'),
      method: 'GET',
      url: `${P}/playlist/301/comments/export?format=otio`,
      answer: { text: '{}\n', type: 'application/json' },
    },
    { name: 'listPlaylists', call: (a) => a.listPlaylists(), method: 'GET', url: `${P}/playlist`, answer: { body: [] } },
    { name: 'getPlaylist', call: (a) => a.getPlaylist(301), method: 'GET', url: `${P}/playlist/301` },
    {
      name: 'patchPlaylist',
      call: (a) => a.patchPlaylist(301, [{ op: 'move', from: '/clipIds/0', path: '/clipIds/2' }]),
      method: 'PATCH',
      url: `${P}/playlist/301`,
      contentType: JSON_PATCH,
      body: [{ op: 'move', from: '/clipIds/0', path: '/clipIds/2' }],
    },
    { name: 'listShares', call: (a) => a.listShares(), method: 'GET', url: `${P}/share`, answer: { body: [] } },
    { name: 'listShares(playlist)', call: (a) => a.listShares(301), method: 'GET', url: `${P}/share?playlistId=301`, answer: { body: [] } },
    {
      name: 'createShare',
      call: (a) => a.createShare(301, { password: 'pw12', settings: { allowDownload: true } }),
      method: 'POST',
      url: `${P}/playlist/301/share`,
      contentType: JSON_CT,
      body: { password: 'pw12', settings: { allowDownload: true } },
      answer: { status: 201, body: {} },
    },
    { name: 'getShare', call: (a) => a.getShare(9), method: 'GET', url: `${P}/share/9` },
    {
      name: 'updateShare',
      call: (a) => a.updateShare(9, { expiresAt: null, password: null }),
      method: 'PATCH',
      url: `${P}/share/9`,
      contentType: JSON_CT,
      body: { expiresAt: null, password: null },
    },
    { name: 'deleteShare', call: (a) => a.deleteShare(9), method: 'DELETE', url: `${P}/share/9`, answer: { status: 204 } },
    {
      name: 'invite',
      call: (a) => a.invite(9, { recipients: [{ clientUserId: 401 }, { email: 'a@b.test', name: 'A' }], message: 'Hi' }),
      method: 'POST',
      url: `${P}/share/9/invite`,
      contentType: JSON_CT,
      body: { recipients: [{ clientUserId: 401 }, { email: 'a@b.test', name: 'A' }], message: 'Hi' },
      answer: { body: { sent: [] } },
    },
    { name: 'listClientUsers', call: (a) => a.listClientUsers(), method: 'GET', url: `${P}/clientuser`, answer: { body: [] } },
    {
      name: 'createClientUser',
      call: (a) => a.createClientUser({ name: 'Casey', email: 'c@x.test' }),
      method: 'POST',
      url: `${P}/clientuser`,
      contentType: JSON_CT,
      body: { name: 'Casey', email: 'c@x.test' },
      answer: { status: 201, body: {} },
    },
    { name: 'getPublicShare', call: (a) => a.getPublicShare('tok/en'), method: 'GET', url: `${BASE}/share/tok%2Fen`, auth: false },
    {
      name: 'openShareSession',
      call: (a) => a.openShareSession('abc', { password: 'pw12', name: 'Casey' }),
      method: 'POST',
      url: `${BASE}/share/abc/session`,
      contentType: JSON_CT,
      body: { password: 'pw12', name: 'Casey' },
      auth: false,
    },
  ];

  for (const c of cases) {
    it(`${c.name} sends ${c.method} ${c.url.replace(BASE, '')}`, async () => {
      const { fetch, seen } = fakeFetch(c.answer ?? { body: {} });
      await c.call(make(fetch));
      expect(seen).to.have.length(1);
      const [req] = seen;
      expect(req.method).to.equal(c.method);
      expect(req.url).to.equal(c.url);
      expect(req.headers.get('Authorization')).to.equal(c.auth === false ? null : 'Bearer tok');
      expect(req.headers.get('Content-Type')).to.equal(c.contentType ?? null);
      expect(req.body).to.deep.equal(c.body);
    });
  }

  it('answers the export as text and the data as parsed JSON', async () => {
    const { fetch } = fakeFetch((req) =>
      req.url.includes('export') ? { text: 'WEBVTT\n', type: 'text/vtt' } : { body: { id: 101, name: 'x' } },
    );
    const api = make(fetch);
    expect(await api.exportComments(101, 'vtt')).to.equal('WEBVTT\n');
    expect(await api.getClip(101)).to.deep.equal({ id: 101, name: 'x' });
    await api.deleteShare(9); // a 204 (or any answer) resolves to undefined
  });

  it('pages comments with offset/limit/sort and reads the total from X-Pagination-Total-Results', async () => {
    const { fetch, seen } = fakeFetch({ body: [{ id: 1 }, { id: 2 }], headers: { 'X-Pagination-Total-Results': '7' } });
    const page = await make(fetch).searchComments({ mediaObjectId: 103, offset: 4, limit: 2, sort: 'created DESC' });
    expect(seen[0].url).to.equal(`${P}/an/search?fq=mediaObjectId:103&fq=funnel:ReviewComment&sort=created%20DESC&offset=4&limit=2`);
    expect(page).to.deep.equal({ items: [{ id: 1 }, { id: 2 }], total: 7, offset: 4, limit: 2 });
    const noHeader = fakeFetch({ body: [{ id: 1 }] });
    expect((await make(noHeader.fetch).searchComments({ mediaObjectId: 103, offset: 10 })).total).to.equal(11);
  });

  describe('errors', () => {
    const statuses: Array<[number, string]> = [
      [400, 'BAD_REQUEST'],
      [401, 'UNAUTHORIZED'],
      [403, 'FORBIDDEN'],
      [404, 'NOT_FOUND'],
      [409, 'CONFLICT'],
      [410, 'GONE'],
      [429, 'RATE_LIMITED'],
      [500, 'SERVER_ERROR'],
    ];
    for (const [status, code] of statuses) {
      it(`maps ${status} with an error body to ${code} with the server's message and field`, async () => {
        const { fetch } = fakeFetch({ status, body: { error: { code, message: `server says ${status}`, field: 'description' } } });
        const e = await failure(make(fetch).patchComment(5001, ops));
        expect(e).to.include({ status, code, message: `server says ${status}`, field: 'description' });
      });
      it(`maps ${status} without an error body to ${code}, naming the URL and status`, async () => {
        const { fetch } = fakeFetch({ status, text: 'oops', type: 'text/plain' });
        const e = await failure(make(fetch).getMe());
        expect(e).to.include({ status, code });
        expect(e.message).to.equal(`GET ${P}/me answered ${status}`);
      });
    }

    it('keeps a server-specific code', async () => {
      const { fetch } = fakeFetch({ status: 400, body: { error: { code: 'DESCRIPTION_TOO_LONG', message: 'too long' } } });
      expect(await failure(make(fetch).getMe())).to.include({ code: 'DESCRIPTION_TOO_LONG', status: 400 });
    });

    it('maps an unreachable server to NETWORK naming the URL', async () => {
      const fetch = (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof globalThis.fetch;
      const e = await failure(make(fetch, { baseUrl: '/api' }).getMe());
      const url = `${location.origin}/api/production/demo/me`;
      expect(e).to.include({ status: 0, code: 'NETWORK', message: `Cannot reach the review API at ${url}: Failed to fetch` });
      expect(e.retryable).to.be.true;
    });

    it('names CORS as a possible cause when the API is on another origin than the page', async () => {
      const fetch = (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof globalThis.fetch;
      const e = await failure(make(fetch).getMe());
      expect(e.code).to.equal('NETWORK');
      expect(e.message).to.equal(
        `Cannot reach the review API at ${P}/me: Failed to fetch (if the server is up, it may not allow requests from ${location.origin}: see its CORS settings)`,
      );
    });

    it('maps an HTML page to BAD_RESPONSE with a hint about api-base', async () => {
      const { fetch } = fakeFetch({ text: '<!doctype html><title>Portal</title>', type: 'text/html; charset=utf-8' });
      const e = await failure(make(fetch).getMe());
      expect(e.code).to.equal('BAD_RESPONSE');
      expect(e.message).to.equal(`expected JSON from ${P}/me but got text/html — is api-base pointing at the API?`);
      const notFoundPage = fakeFetch({ status: 404, text: '<html></html>', type: 'text/html' });
      expect((await failure(make(notFoundPage.fetch).getMe())).message).to.contain('is api-base pointing at the API?');
    });

    it('maps broken JSON to BAD_RESPONSE', async () => {
      const { fetch } = fakeFetch({ text: '{"user":', type: 'application/json' });
      expect((await failure(make(fetch).getMe())).code).to.equal('BAD_RESPONSE');
    });

    it('times out with TIMEOUT', async () => {
      const hanging = ((_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal ?? (_ instanceof Request ? _.signal : undefined);
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        })) as typeof fetch;
      const e = await failure(make(hanging, { timeout: 50 }).getMe());
      expect(e).to.include({ status: 0, code: 'TIMEOUT' });
      expect(e.message).to.contain(`${P}/me`);
    });

    it('rejects bad configuration with CONFIG errors that name the problem', () => {
      const config = (o: Partial<RestReviewApiOptions>) => {
        try {
          new RestReviewApi({ baseUrl: BASE, productionId: 'demo', ...o });
        } catch (e) {
          expect(e).to.be.instanceOf(ReviewApiError);
          return e as ReviewApiError;
        }
        throw new Error('expected a CONFIG error');
      };
      expect(config({ baseUrl: '' })).to.include({ code: 'CONFIG' });
      expect(config({ baseUrl: '' }).message).to.contain('api-base is missing');
      expect(config({ baseUrl: 'studio api' }).message).to.contain('"studio api" is not a URL');
      expect(config({ baseUrl: 'ftp://x/api' }).code).to.equal('CONFIG');
      expect(config({ timeout: -1 }).code).to.equal('CONFIG');
    });

    it('reports a missing production id at the first production call, not for the public share calls', async () => {
      const { fetch, seen } = fakeFetch({ body: {} });
      const api = new RestReviewApi({ baseUrl: BASE, productionId: '', fetch, retry: 0 });
      const e = await failure(api.getMe());
      expect(e).to.include({ code: 'CONFIG' });
      expect(e.message).to.contain('production-id is missing');
      expect(seen).to.have.length(0);
      await api.getPublicShare('abc');
      expect(seen[0].url).to.equal(`${BASE}/share/abc`);
    });
  });

  describe('identical GETs', () => {
    const clip = { id: 101, name: 'hm_010', media: { url: '/media/a.mp4' } };
    /** A fetch whose answers wait until `release()`, so calls overlap as they do while a page opens. */
    function held(answer: Answer) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const f = fakeFetch(async (req) => {
        // Like the browser's fetch, an aborted request stops waiting.
        await Promise.race([
          gate,
          new Promise((_resolve, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason))),
        ]);
        return answer;
      });
      return { ...f, release };
    }

    it('are each their own request, each caller with its own answer (nothing cached or shared)', async () => {
      const { fetch, seen, release } = held({ body: clip });
      const api = make(fetch);
      const calls = [api.getClip(101), api.getClip(101)];
      release();
      const [a, b] = await Promise.all(calls);
      expect(seen).to.have.length(2);
      expect(a).to.deep.equal(b);
      expect(a).to.not.equal(b);
      expect(a.media.url).to.equal('http://api.test/media/a.mp4');
    });

    it('aborting one leaves the other caller its answer', async () => {
      const { fetch, seen, release } = held({ body: clip });
      const api = make(fetch);
      const controller = new AbortController();
      const aborted = failure(api.getClip(101, { signal: controller.signal }));
      const other = api.getClip(101);
      await until(() => seen.length === 2);
      controller.abort();
      release();
      expect((await aborted).code).to.equal('ABORTED');
      expect((await other).name).to.equal('hm_010');
      expect(seen).to.have.length(2);
    });
  });

  describe('abort', () => {
    /** A server that never answers; like the browser's fetch, it rejects once the request is aborted. */
    function hangingFetch() {
      const requests: Request[] = [];
      let sent!: (request: Request) => void;
      const firstSent = new Promise<Request>((resolve) => (sent = resolve));
      const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        requests.push(request);
        sent(request);
        return new Promise<Response>((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
      }) as typeof globalThis.fetch;
      return { fetch, requests, firstSent };
    }

    const calls: Array<[string, (api: ReviewApi, signal: AbortSignal) => Promise<unknown>, string]> = [
      ['a GET', (api, signal) => api.getClip(101, { signal }), `GET ${P}/mo/101`],
      ['a POST', (api, signal) => api.createComment(comment, { signal }), `POST ${P}/mo/101/clip`],
    ];
    for (const [name, call, request] of calls) {
      it(`aborts ${name} through its signal: the request is aborted, not retried, and the call rejects with ABORTED`, async () => {
        const server = hangingFetch();
        const controller = new AbortController();
        // A timeout longer than the test's: only the abort can end the call.
        const api = make(server.fetch, { timeout: 60_000, retry: { limit: 2, delay: () => 1 } });
        const pending = failure(call(api, controller.signal));
        const sent = await server.firstSent;
        const reason = new DOMException('the user left the page', 'AbortError');
        controller.abort(reason);
        const e = await pending;
        expect(e).to.include({ status: 0, code: 'ABORTED', message: `${request} was aborted by its caller` });
        expect(e.retryable).to.be.false;
        expect(sent.signal.reason).to.equal(reason);
        expect(server.requests).to.have.length(1);
      });
    }

    it('sends nothing for a signal aborted already', async () => {
      const { fetch, seen } = fakeFetch({ body: {} });
      expect((await failure(make(fetch).getMe({ signal: AbortSignal.abort() }))).code).to.equal('ABORTED');
      expect(seen).to.have.length(0);
    });

    it('ends the wait for a retry that Retry-After asked for', async () => {
      const controller = new AbortController();
      const { fetch, seen } = fakeFetch(() => {
        controller.abort();
        return { status: 503, headers: { 'Retry-After': '10' } };
      });
      const started = performance.now();
      const e = await failure(make(fetch, { retry: 2 }).listClips({ signal: controller.signal }));
      expect(e.code).to.equal('ABORTED');
      expect(seen).to.have.length(1);
      expect(performance.now() - started).to.be.below(1000);
    });
  });

  describe('onUnauthorized', () => {
    /** A server that accepts only the bearer token `accepted`. */
    const acceptingOnly = (accepted: string) =>
      fakeFetch((req) =>
        req.headers.get('Authorization') === `Bearer ${accepted}`
          ? { body: {} }
          : { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'token expired' } } },
      );

    it('gets a new token on a 401 and sends the refused call once more with it; later calls use it', async () => {
      const { fetch, seen } = acceptingOnly('fresh');
      const refused: ReviewApiError[] = [];
      const api = make(fetch, {
        onUnauthorized: async (error) => {
          refused.push(error);
          return 'fresh';
        },
      });
      // Even a POST: the server refused it before acting on it.
      await api.createComment(comment);
      await api.getMe();
      expect(seen.map((r) => `${r.method} ${r.url.replace(P, '')} ${r.headers.get('Authorization')}`)).to.deep.equal([
        'POST /mo/101/clip Bearer tok',
        'POST /mo/101/clip Bearer fresh',
        'GET /me Bearer fresh',
      ]);
      expect(seen[1].body).to.deep.equal(comment);
      expect(refused).to.have.length(1);
      expect(refused[0]).to.include({ status: 401, code: 'UNAUTHORIZED', message: 'token expired' });
    });

    const failing: Array<[string, () => string | null, string, number]> = [
      ['gives no token', () => null, 'token expired', 1],
      ['gives a token refused too', () => 'also-expired', 'token expired', 2],
      [
        'throws',
        () => {
          throw new Error('sign in again');
        },
        'token expired (onUnauthorized failed: sign in again)',
        1,
      ],
    ];
    for (const [name, refresh, message, requests] of failing) {
      it(`fails with UNAUTHORIZED, asking once, when the refresh ${name}`, async () => {
        const { fetch, seen } = acceptingOnly('fresh');
        let asked = 0;
        const api = make(fetch, {
          retry: { limit: 2, delay: () => 1 },
          onUnauthorized: () => {
            asked++;
            return refresh();
          },
        });
        expect(await failure(api.getMe())).to.include({ status: 401, code: 'UNAUTHORIZED', message });
        expect(asked).to.equal(1);
        expect(seen).to.have.length(requests);
      });
    }

    it('is not asked by the share calls (a 401 there is a wrong password) nor for a token given to withToken', async () => {
      const { fetch, seen } = fakeFetch({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'wrong password' } } });
      let asked = 0;
      const api = make(fetch, { onUnauthorized: () => `fresh-${++asked}` });
      expect((await failure(api.openShareSession('abc', { password: 'x' }))).message).to.equal('wrong password');
      await failure(api.withToken('client-token').getMe());
      expect(asked).to.equal(0);
      expect(seen).to.have.length(2);
    });
  });

  describe('retry', () => {
    const flaky = (failures: number, status = 503) =>
      fakeFetch((_req, n) => (n <= failures ? { status, body: { error: { code: 'X', message: 'busy' } } } : { body: [] }));
    const retrying = (f: typeof fetch) => make(f, { retry: { limit: 2, delay: () => 1 } });

    it('retries idempotent GET and the bulk DELETE', async () => {
      const get = flaky(2);
      await retrying(get.fetch).listClips();
      expect(get.seen).to.have.length(3);
      const del = flaky(1, 500);
      await retrying(del.fetch).deleteComments([1]);
      expect(del.seen.map((s) => s.method)).to.deep.equal(['DELETE', 'DELETE']);
      expect(del.seen[1].body).to.deep.equal({ actions: [{ action: 'DELETE', ids: [1] }] });
    });

    it('retries a GET after a network failure', async () => {
      let n = 0;
      const fetch = (async () => {
        if (++n === 1) throw new TypeError('Failed to fetch');
        return new Response('[]', { headers: { 'Content-Type': 'application/json' } });
      }) as typeof globalThis.fetch;
      await retrying(fetch).listClips();
      expect(n).to.equal(2);
    });

    it('never retries POST or PATCH', async () => {
      const post = flaky(1);
      expect((await failure(retrying(post.fetch).createComment(comment))).status).to.equal(503);
      expect(post.seen).to.have.length(1);
      const patch = flaky(1);
      await failure(retrying(patch.fetch).patchComment(5001, ops));
      expect(patch.seen).to.have.length(1);
      const status = flaky(1);
      await failure(retrying(status.fetch).setReviewStatus(201, 'APPROVED'));
      expect(status.seen).to.have.length(1);
    });

    it('gives up after the limit and does not retry 4xx', async () => {
      const always = flaky(10);
      expect((await failure(retrying(always.fetch).listClips())).status).to.equal(503);
      expect(always.seen).to.have.length(3);
      const forbidden = flaky(10, 403);
      await failure(retrying(forbidden.fetch).listClips());
      expect(forbidden.seen).to.have.length(1);
    });

    it('does not retry a timed-out GET: the server may still be answering it', async () => {
      let calls = 0;
      const hanging = ((_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          calls++;
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        })) as typeof fetch;
      const e = await failure(make(hanging, { timeout: 30, retry: { limit: 2, delay: () => 1 } }).listClips());
      expect(e.code).to.equal('TIMEOUT');
      expect(calls).to.equal(1);
    });

    it('waits as long as Retry-After asks before the next attempt', async () => {
      const busy = fakeFetch((_req, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { body: [] }));
      const started = performance.now();
      await retrying(busy.fetch).listClips();
      expect(busy.seen).to.have.length(2);
      // Retry-After is in seconds; the policy's own delay (1 ms) would have come back at once.
      expect(performance.now() - started).to.be.at.least(950);
    });

    it('answers a 2xx after a retry with its data', async () => {
      const answers = fakeFetch((_req, n) => (n === 1 ? { status: 502 } : { body: [{ id: 7 }] }));
      expect(await retrying(answers.fetch).listClips()).to.deep.equal([{ id: 7 }]);
    });
  });

  describe('options', () => {
    it('resolves media, source, thumbnail and logo URLs against the API, so a page on another origin can play them', async () => {
      const clip = {
        id: 101,
        name: 'x',
        media: {
          url: '/media/a.mp4',
          mimeType: 'video/mp4',
          width: 1,
          height: 1,
          frameCount: 2,
          frameRate: { num: 24, den: 1, dropFrame: false },
        },
        sourceUrl: 'files/a.mov',
        thumbnailUrl: 'https://cdn.test/a.jpg',
      };
      const { fetch } = fakeFetch((req) =>
        req.url.endsWith('/org/settings')
          ? { body: { studioName: 'N', logoUrl: '/logo.png', accentColor: '#000', senderName: 'N', senderEmail: 'n@x.test' } }
          : req.url.endsWith('/mo')
            ? { body: [clip] }
            : req.url.includes('/share/')
              ? {
                  body: { studioName: 'N', logoUrl: null, accentColor: '#000', playlistName: 'p', requiresPassword: false, expired: false },
                }
              : { body: clip },
      );
      const api = make(fetch);
      const one = await api.getClip(101);
      expect(one.media.url).to.equal('http://api.test/media/a.mp4');
      expect(one.sourceUrl).to.equal('http://api.test/api/files/a.mov');
      expect(one.thumbnailUrl).to.equal('https://cdn.test/a.jpg');
      expect(one.media.frameCount).to.equal(2);
      expect((await api.listClips())[0].media.url).to.equal('http://api.test/media/a.mp4');
      expect((await api.updateClip(101, { clientName: 'y' })).media.url).to.equal('http://api.test/media/a.mp4');
      expect((await api.getOrgSettings()).logoUrl).to.equal('http://api.test/logo.png');
      expect((await api.getPublicShare('tok')).logoUrl).to.equal(null);
    });

    it('asks getToken before every request and adds custom headers', async () => {
      const { fetch, seen } = fakeFetch({ body: {} });
      let n = 0;
      const api = make(fetch, { token: undefined, getToken: async () => `fresh-${++n}`, headers: { 'X-Studio': 'north' } });
      await api.getMe();
      await api.getSettings();
      expect(seen.map((s) => s.headers.get('Authorization'))).to.deep.equal(['Bearer fresh-1', 'Bearer fresh-2']);
      expect(seen[0].headers.get('X-Studio')).to.equal('north');
    });

    it('sends the credentials mode with every request', async () => {
      const { fetch, seen } = fakeFetch({ body: {} });
      await make(fetch, { credentials: 'include' }).getMe();
      await make(fetch).getMe();
      expect(seen.map((s) => s.credentials)).to.deep.equal(['include', 'same-origin']);
    });

    it('turns a failing getToken into an UNAUTHORIZED error', async () => {
      const { fetch } = fakeFetch({ body: {} });
      const e = await failure(
        make(fetch, {
          getToken: () => {
            throw new Error('session over');
          },
        }).getMe(),
      );
      expect(e.code).to.equal('UNAUTHORIZED');
      expect(e.message).to.contain('session over');
    });

    it('maps paths for other backends (relative or absolute)', async () => {
      const { fetch, seen } = fakeFetch({ body: [], headers: { 'X-Pagination-Total-Results': '0' } });
      const api = make(fetch, {
        mapPath: (path, method) =>
          path.startsWith('/production/demo/an/search')
            ? `https://search.test/q${path.slice(path.indexOf('?'))}`
            : `/v2${path.replace('/production/demo', '/p/demo')}#${method}`.replace(/#.*/, ''),
      });
      await api.getMe();
      await api.searchComments({ mediaObjectId: 5 });
      expect(seen[0].url).to.equal(`${BASE}/v2/p/demo/me`);
      expect(seen[1].url).to.equal('https://search.test/q?fq=mediaObjectId:5&fq=funnel:ReviewComment&sort=start%20ASC&offset=0&limit=200');
    });

    it('resolves a base path against the page origin and strips trailing slashes', async () => {
      const { fetch, seen } = fakeFetch({ body: {} });
      await new RestReviewApi({ baseUrl: '/api/', productionId: 'p 1', token: 't', fetch }).getMe();
      expect(seen[0].url).to.equal(`${location.origin}/api/production/p%201/me`);
    });

    it('withToken gives the same API acting with another token', async () => {
      const { fetch, seen } = fakeFetch({ body: {} });
      const client = make(fetch).withToken('client-token');
      await client.getMe();
      expect(seen[0].headers.get('Authorization')).to.equal('Bearer client-token');
      expect(seen[0].url).to.equal(`${P}/me`);
    });
  });

  describe('subscribe', () => {
    class FakeEventSource extends EventTarget {
      static instances: FakeEventSource[] = [];
      readyState = 0;
      closed = false;
      constructor(
        readonly url: string,
        readonly init?: EventSourceInit,
      ) {
        super();
        FakeEventSource.instances.push(this);
      }
      close() {
        this.closed = true;
        this.readyState = 2;
      }
      send(type: string, data: unknown) {
        this.dispatchEvent(new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) }));
      }
    }
    beforeEach(() => (FakeEventSource.instances = []));
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

    it('opens the events stream with the token in the query and parses review events', async () => {
      const { fetch } = fakeFetch();
      const api = make(fetch, { eventSource: FakeEventSource as unknown as typeof EventSource, token: 'a b' });
      const got: ReviewEvent[] = [];
      const stop = api.subscribe((e) => got.push(e))!;
      await wait(0);
      const [es] = FakeEventSource.instances;
      expect(es.url).to.equal(`${P}/events?access_token=a%20b`);
      const ev: ReviewEvent = { type: 'comment.deleted', ids: [1], mediaObjectId: 101 };
      es.send('comment.deleted', ev);
      es.send('comment.created', 'not json');
      es.send('message', { type: 'bogus' });
      expect(got).to.deep.equal([ev]);
      stop();
      expect(es.closed).to.be.true;
    });

    it('reopens a stream the browser closed', async () => {
      const { fetch } = fakeFetch();
      let n = 0;
      const api = make(fetch, {
        eventSource: FakeEventSource as unknown as typeof EventSource,
        token: undefined,
        getToken: () => `t${++n}`,
      });
      const stop = api.subscribe(() => {})!;
      await wait(0);
      const first = FakeEventSource.instances[0];
      first.readyState = 2;
      first.dispatchEvent(new Event('error'));
      await wait(1100);
      expect(FakeEventSource.instances).to.have.length(2);
      expect(FakeEventSource.instances[1].url).to.equal(`${P}/events?access_token=t2`);
      stop();
    });

    it('shares one stream among all subscribers (a browser has only 6 connections per origin), closed with the last', async () => {
      const { fetch } = fakeFetch();
      const api = make(fetch, { eventSource: FakeEventSource as unknown as typeof EventSource, token: 't' });
      const got: string[] = [];
      // Per clip a comments, a status and a clip store subscribe; three clips visited make nine.
      const stops = Array.from({ length: 9 }, (_, i) => api.subscribe(() => got.push(`s${i}`))!);
      await wait(0);
      expect(FakeEventSource.instances).to.have.length(1);
      const [es] = FakeEventSource.instances;
      es.send('comment.deleted', { type: 'comment.deleted', ids: [1], mediaObjectId: 101 });
      expect(got).to.deep.equal(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8']);

      got.length = 0;
      stops.slice(1).forEach((stop) => stop());
      stops[1](); // a second call of the same unsubscribe changes nothing
      expect(es.closed).to.be.false;
      es.send('comment.deleted', { type: 'comment.deleted', ids: [2], mediaObjectId: 101 });
      expect(got).to.deep.equal(['s0']);
      stops[0]();
      expect(es.closed).to.be.true;

      // A later subscriber opens a fresh stream.
      const again = api.subscribe(() => {})!;
      await wait(0);
      expect(FakeEventSource.instances).to.have.length(2);
      again();
    });

    it('tells every subscriber when the stream drops and when it is back; a late subscriber hears the current state', async () => {
      const { fetch } = fakeFetch();
      const api = make(fetch, { eventSource: FakeEventSource as unknown as typeof EventSource, token: 't' });
      const a: boolean[] = [];
      const b: boolean[] = [];
      const stopA = api.subscribe(
        () => {},
        (c) => a.push(c),
      )!;
      const stopB = api.subscribe(
        () => {},
        (c) => b.push(c),
      )!;
      await wait(0);
      expect(a, 'nothing is known before the stream opens').to.deep.equal([]);
      const [es] = FakeEventSource.instances;
      es.readyState = 1;
      es.dispatchEvent(new Event('open'));
      // The browser reconnects by itself (CONNECTING), then opens again.
      es.readyState = 0;
      es.dispatchEvent(new Event('error'));
      es.dispatchEvent(new Event('error')); // a repeated error is not news
      es.readyState = 1;
      es.dispatchEvent(new Event('open'));
      expect(a).to.deep.equal([true, false, true]);
      expect(b).to.deep.equal([true, false, true]);

      const late: boolean[] = [];
      const stopLate = api.subscribe(
        () => {},
        (c) => late.push(c),
      )!;
      await wait(0);
      expect(late).to.deep.equal([true]);
      [stopA, stopB, stopLate].forEach((stop) => stop());

      // A fresh stream starts unknown again: no stale "connected" for the next subscriber.
      const next: boolean[] = [];
      const stopNext = api.subscribe(
        () => {},
        (c) => next.push(c),
      )!;
      await wait(0);
      expect(next).to.deep.equal([]);
      stopNext();
    });

    it('returns null without an EventSource', () => {
      expect(make(fakeFetch().fetch, { eventSource: null }).subscribe(() => {})).to.equal(null);
    });
  });
});
