/**
 * The reference review API server (docs/http-api.md, docs/openapi.json): Fastify 5 + SQLite (better-sqlite3).
 * `buildApp(options)` returns a ready-to-listen Fastify instance; `startServer(options)` also listens
 * (port 0 by default) and gives `{url, close}` for tests. Route modules come from routes/index.ts.
 */
import type { ErrorObject } from 'ajv';
import Database from 'better-sqlite3';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReviewApiError } from '../../src/contract/errors.js';
import { createDemoFixture } from '../fixture.js';
import { authHooks } from './auth.js';
import { addCompression } from './compress.js';
import type { RouteModule, ServerContext, ServerOptions } from './context.js';
import { openDatabase, Repo, type Db, type OpenOptions } from './db.js';
import { badRequest, HttpError, type ErrorCode } from './errors.js';
import { EventHub } from './hub.js';
import { MediaUrls, signingSecret } from './media-urls.js';
import { buildOpenApi, type CollectedRoute } from './openapi.js';
import { ROUTE_MODULES } from './routes/index.js';
import { addSecurityHeaders, loggerOptions, SECURITY_HEADERS, type LogSink } from './security.js';
import { describeAjvError, makeAjv } from './validate.js';
import type { Migration } from './migrations.js';

const here = dirname(fileURLToPath(import.meta.url));
export const DEMO_DIR = resolve(here, '..');

export interface AppOptions extends Partial<ServerOptions> {
  /** Fastify's logger (off by default; main.ts turns it on); a sink receives the JSON lines instead of stdout. */
  logger?: boolean | LogSink;
  synchronous?: 'NORMAL' | 'FULL';
  /** More route modules (after the built-in list). */
  extraRoutes?: RouteModule[];
  extraMigrations?: Migration[];
}

export type ReviewApp = FastifyInstance & { reviewContext: ServerContext };

export function resolveOptions(o: AppOptions): ServerOptions {
  const mediaBase = o.mediaBase ?? '/media';
  return {
    dbFile: o.dbFile ?? resolve(DEMO_DIR, '.data/review.db'),
    mediaDir: o.mediaDir ?? resolve(DEMO_DIR, 'media'),
    mediaBase,
    attachmentsDir: o.attachmentsDir ?? defaultAttachmentsDir(o.dbFile),
    distDir: o.distDir === undefined ? resolve(DEMO_DIR, 'dist') : o.distDir,
    corsOrigins: o.corsOrigins ?? [],
    testReset: o.testReset ?? false,
    fixture: o.fixture === undefined ? createDemoFixture({ mediaBase }) : o.fixture,
    publicUrl: (o.publicUrl !== undefined ? o.publicUrl : process.env.PUBLIC_URL || null)?.replace(/\/+$/, '') ?? null,
    mediaSecret: o.mediaSecret !== undefined ? o.mediaSecret : process.env.MEDIA_SIGNING_SECRET || null,
    notifications: o.notifications,
  };
}

/** Attachments live beside the database; a throwaway database gets a throwaway folder. */
function defaultAttachmentsDir(dbFile: string | undefined): string {
  // Made on the first upload.
  if (dbFile === ':memory:') return join(tmpdir(), `review-attachments-${randomUUID()}`);
  return resolve(dirname(dbFile ?? resolve(DEMO_DIR, '.data/review.db')), 'attachments');
}

/** SQLite's "cannot store" failures: the request is refused whole (its transaction rolled back), so 503, not 500. */
const STORAGE_FAILURES: Array<[prefix: string, why: string]> = [
  ['SQLITE_FULL', 'the disk is full'],
  ['SQLITE_READONLY', 'the database is read-only'],
  ['SQLITE_IOERR', 'the disk reported an I/O error'],
];

/** What a storage failure means (`the disk is full (SQLITE_FULL)`), or null for any other error. */
function storageFailure(err: unknown): string | null {
  const code = err instanceof Database.SqliteError ? err.code : null;
  const why = code && STORAGE_FAILURES.find(([prefix]) => code.startsWith(prefix))?.[1];
  return why ? `${why} (${code})` : null;
}

/**
 * Opens, migrates and seeds the database, and proves it writable (a read-only file or folder, a full disk)
 * before the server answers anything: otherwise it would start and then fail every login.
 */
function openWritable(file: string, options: OpenOptions): Db {
  let db: Db | undefined;
  try {
    db = openDatabase(file, options);
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    return db;
  } catch (e) {
    db?.close();
    const why = storageFailure(e);
    if (!why) throw e;
    throw new Error(
      `cannot use the database ${file}: ${why}; the server must be able to write it — check the permissions of the file and its folder, and the free disk space`,
    );
  }
}

const FASTIFY_ERRORS: Record<string, (err: FastifyError, request: FastifyRequest) => HttpError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => badRequest(undefined, 'the body is not valid JSON'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => badRequest(undefined, 'the body is empty; send JSON'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new HttpError(413, 'PAYLOAD_TOO_LARGE', 'the body is over 1 MiB'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (_err, request) =>
    new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `unsupported content type ${JSON.stringify(request.headers['content-type'] ?? '')}; send application/json or application/json-patch+json`,
    ),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => badRequest(undefined, 'Content-Length does not match the body'),
};

class PoisonedJson extends Error {}

/** JSON.parse that refuses an empty body and `__proto__` / `constructor.prototype` keys (prototype poisoning). */
export function parseJsonBody(body: string): unknown {
  if (body.trim() === '') throw badRequest(undefined, 'the body is empty; send JSON');
  try {
    return JSON.parse(body, (key, value: unknown) => {
      if (key === '__proto__' || (key === 'constructor' && value && typeof value === 'object' && 'prototype' in value)) {
        throw new PoisonedJson();
      }
      return value;
    });
  } catch (e) {
    if (e instanceof PoisonedJson) throw badRequest(undefined, 'the body contains a forbidden "__proto__" or "constructor.prototype" key');
    throw badRequest(undefined, `the body is not valid JSON (${(e as Error).message})`);
  }
}

export async function buildApp(options: AppOptions = {}): Promise<ReviewApp> {
  const opts = resolveOptions(options);
  const db = openWritable(opts.dbFile, {
    fixture: opts.fixture ?? undefined,
    synchronous: options.synchronous,
    migrations: options.extraMigrations,
  });
  const repo = new Repo(db);
  const ctx: ServerContext = {
    db,
    repo,
    hub: new EventHub(),
    auth: authHooks(repo),
    options: opts,
    media: new MediaUrls(repo, signingSecret(repo, opts.mediaSecret)),
    // Called per request, after `app` below exists.
    publicOrigin: () => opts.publicUrl ?? listeningOrigin(app),
  };

  const app: ReviewApp = Fastify({
    logger: options.logger ? loggerOptions(options.logger === true ? undefined : options.logger) : false,
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
    // The router's own refusals (an undecodable URL, a path parameter over 100 characters) get the one error shape too.
    frameworkErrors: (err, _request, reply: FastifyReply) => {
      const message =
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a path parameter is too long (over 100 characters)'
          : 'the URL is not valid (bad percent-encoding)';
      reply.code(400).headers(SECURITY_HEADERS).send(badRequest(undefined, message).toBody());
    },
  }) as unknown as ReviewApp;
  app.decorate('reviewContext', ctx);
  app.decorateRequest('principal', null);
  app.addHook('onClose', async () => db.close());
  addSecurityHeaders(app);
  addCompression(app);

  const bodyAjv = makeAjv(false);
  const textAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));
  // Response schemas document the answers; plain JSON.stringify sends exactly what the handler built.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // JSON only: text/plain is not accepted (415), and the parser's reason reaches the 400 message.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'application/json-patch+json'], { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as HttpError, undefined);
    }
  });

  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    let http: HttpError;
    const storage = storageFailure(err);
    if (err instanceof HttpError) http = err;
    // The shared validators of src/backend/validation.ts throw ReviewApiError: same status, code, field, text.
    else if (err instanceof ReviewApiError) http = new HttpError(err.status, err.code as ErrorCode, err.message, err.field);
    else if (err.validation) http = describeAjvError(err.validation[0] as ErrorObject, err.validationContext ?? 'body');
    else if (err.code && FASTIFY_ERRORS[err.code]) http = FASTIFY_ERRORS[err.code](err, request);
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) http = badRequest(undefined, err.message);
    else if (storage) {
      request.log.error({ err }, `storage failure: ${storage}`);
      http = new HttpError(
        503,
        'STORAGE_UNAVAILABLE',
        `the server cannot store data right now: ${storage}; nothing was changed — try again later`,
        undefined,
        { 'Retry-After': '30' },
      );
    } else {
      request.log.error(err);
      http = new HttpError(500, 'SERVER_ERROR', 'internal error');
    }
    reply.code(http.statusCode).headers(http.headers).send(http.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(new HttpError(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`).toBody());
  });

  // CORS: only the configured origins get headers; without any, the API is same-origin only.
  const anyOrigin = opts.corsOrigins.includes('*');
  const allowed = new Set(opts.corsOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !(anyOrigin || allowed.has(origin))) return;
    reply
      .header('Access-Control-Allow-Origin', origin)
      .header('Vary', 'Origin')
      .header(
        'Access-Control-Expose-Headers',
        'X-Pagination-Total-Results, X-Pagination-Offset, Content-Disposition, Content-Range, Accept-Ranges, Retry-After',
      );
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply
        .header('Access-Control-Allow-Methods', 'GET, HEAD, POST, PATCH, DELETE, OPTIONS')
        .header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Last-Event-ID, Range, If-Range')
        .header('Access-Control-Max-Age', '600')
        .code(204)
        .send();
    }
  });
  app.options('/*', async (_request, reply) => reply.code(204).send());

  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (route.method !== 'HEAD' && route.method !== 'OPTIONS' && !route.url.includes('*')) routes.push(route);
  });

  const modules = [...ROUTE_MODULES, ...(options.extraRoutes ?? [])];
  await app.register(
    async (api) => {
      for (const m of modules.filter((m) => !m.root)) await m.register(api, ctx);
      let doc: unknown;
      api.get(
        '/openapi.json',
        { schema: { summary: 'This document (OpenAPI 3.1)', tags: ['meta'], security: [] } },
        async () => (doc ??= buildOpenApi(routes)),
      );
    },
    { prefix: '/api' },
  );
  for (const m of modules.filter((m) => m.root)) await m.register(app, ctx);
  await app.ready();
  return app;
}

export interface StartOptions extends AppOptions {
  port?: number;
  host?: string;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` — the API is at `${url}/api`. */
  url: string;
  app: ReviewApp;
  close(): Promise<void>;
}

/** `http://<host>:<port>` of the listening server (a wildcard address shows as localhost); before listening, `http://localhost`. */
function listeningOrigin(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address !== 'object') return 'http://localhost';
  const host =
    address.address === '0.0.0.0' || address.address === '::'
      ? 'localhost'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
  return `http://${host}:${address.port}`;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const app = await buildApp(options);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  return { url: listeningOrigin(app), app, close: () => app.close() };
}
