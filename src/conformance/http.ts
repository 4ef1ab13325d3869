/**
 * The kit's HTTP layer: a `fetch` that records every exchange (given to `RestReviewApi`, so the report shows
 * exactly what the elements send), and raw requests for what `RestReviewApi` hides (headers, error bodies,
 * Range, the event stream), sent to the same URLs `RestReviewApi` would use (`mapPath` applied).
 */
import type { HttpMethod } from '../client/rest-review-api.js';
import type { Exchange } from './report.js';

/** Bodies longer than this are cut in the report. */
const KEEP_BODY = 4000;

/** Hides bearer tokens: `Bearer <token>`, `access_token=<token>`. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('<token>');
  return out;
}

function headersOf(h: Headers, secrets: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => (out[k] = redact(v, secrets)));
  return out;
}

/** Reads a body as text unless it is binary or an endless stream. */
async function bodyText(res: Response): Promise<string | undefined> {
  const type = res.headers.get('content-type') ?? '';
  if (/event-stream/i.test(type)) return '(event stream)';
  if (/^(video|audio|image)\/|octet-stream/i.test(type)) {
    const bytes = (await res.clone().arrayBuffer()).byteLength;
    return `(${bytes} bytes of ${type.split(';')[0]})`;
  }
  const text = await res.clone().text();
  return text.length > KEEP_BODY ? text.slice(0, KEEP_BODY) : text;
}

export class Recorder {
  /** The exchanges of the current check. */
  exchanges: Exchange[] = [];
  readonly #secrets: string[];
  readonly #fetch: typeof fetch;

  constructor(secrets: string[], baseFetch: typeof fetch = globalThis.fetch) {
    this.#secrets = secrets;
    this.#fetch = baseFetch;
  }

  /** A fetch that records what goes through it. */
  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : undefined;
    const exchange: Exchange = {
      request: {
        method: request.method,
        url: redact(request.url, this.#secrets),
        headers: headersOf(request.headers, this.#secrets),
        ...(body ? { body: redact(body, this.#secrets) } : {}),
      },
      response: null,
    };
    this.exchanges.push(exchange);
    try {
      const res = await this.#fetch(request);
      exchange.response = { status: res.status, headers: headersOf(res.headers, this.#secrets) };
      try {
        const text = await bodyText(res);
        if (text) exchange.response.body = redact(text, this.#secrets);
      } catch {
        /* unreadable body: the caller sees it too */
      }
      return res;
    } catch (e) {
      exchange.error = e instanceof Error ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ''}` : String(e);
      throw e;
    }
  };
}

export type MapPath = (path: string, method: HttpMethod) => string;

/** The URL `RestReviewApi` builds for a contract path: `mapPath`, then absolute as is or appended to the base. */
export function urlFor(base: string, path: string, method: HttpMethod, mapPath?: MapPath): string {
  const mapped = mapPath ? mapPath(path, method) : path;
  return /^https?:\/\//i.test(mapped) ? mapped : `${base}${mapped}`;
}

/** An answer read once: status, headers, the text, and the JSON when it parsed. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  /** Whether `Content-Type` says JSON. */
  isJson: boolean;
}

export interface RawInit {
  token?: string | null;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function readAnswer(res: Response): Promise<RawAnswer> {
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, isJson: /\bjson\b/i.test(res.headers.get('content-type') ?? '') };
}

/** Sends one request through the recorder. */
export async function send(recorder: Recorder, method: HttpMethod | 'OPTIONS', url: string, init: RawInit = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['Content-Type'] = init.contentType ?? 'application/json';
  }
  return recorder.fetch(url, { method, headers, body, signal: init.signal });
}
