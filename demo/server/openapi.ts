/**
 * Assembles the OpenAPI 3.1 document from the routes' own schemas (collected by app.ts's onRoute hook),
 * so the document cannot drift from what the server validates. Route schemas may carry, besides Fastify's
 * `params`/`querystring`/`body`/`response`: `summary`, `description`, `tags`, `security` (`[]` = public),
 * `consumes` (request content types), `produces` (content types of the 2xx answer) and `responseHeaders`.
 */
import type { RouteOptions } from 'fastify';
import { MAX_DESCRIPTION_LENGTH, MAX_MENTIONS, MAX_TAG_LENGTH, MAX_TAGS } from '../../src/contract/types.js';
import { SHARED_SCHEMAS, type JsonSchema } from './schemas.js';

declare module 'fastify' {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    /** `[]` marks a public route. */
    security?: unknown[];
    consumes?: string[];
    produces?: string[];
    responseHeaders?: Record<string, string>;
  }
}

export type CollectedRoute = Pick<RouteOptions, 'method' | 'url' | 'schema'>;

interface DocSchema {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  consumes?: string[];
  produces?: string[];
  responseHeaders?: Record<string, string>;
  params?: JsonSchema;
  querystring?: JsonSchema;
  body?: JsonSchema;
  response?: Record<string, JsonSchema>;
}

/** `{$ref: 'Clip'}` → `{$ref: '#/components/schemas/Clip'}`, everywhere in a schema. */
function toDoc(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toDoc);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$id') continue;
    out[k] = k === '$ref' && typeof v === 'string' && !v.startsWith('#') ? `#/components/schemas/${v.replace(/#$/, '')}` : toDoc(v);
  }
  return out;
}

function parameters(schema: JsonSchema | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: toDoc(rest),
      // `fq` and other arrays repeat the parameter: `?fq=a&fq=b`.
      ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

const STATUS_TEXT: Record<string, string> = { 200: 'OK', 201: 'Created', 204: 'No content', 206: 'Partial content' };

export function buildOpenApi(routes: CollectedRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const s = (route.schema ?? {}) as DocSchema;
    const path = route.url.replace(/^\/api(?=\/)/, '').replace(/:(\w+)/g, '{$1}');
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const responses: Record<string, unknown> = {};
      for (const [status, r] of Object.entries(s.response ?? {})) {
        const { description, ...schema } = r;
        const ok = status.startsWith('2');
        const types = ok ? (s.produces ?? ['application/json']) : ['application/json'];
        responses[status] = {
          description: (description as string | undefined) ?? STATUS_TEXT[status] ?? 'Answer',
          ...(status === '204' ? {} : { content: Object.fromEntries(types.map((t) => [t, { schema: toDoc(schema) }])) }),
          ...(ok && s.responseHeaders
            ? {
                headers: Object.fromEntries(
                  Object.entries(s.responseHeaders).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
                ),
              }
            : {}),
        };
      }
      const op: Record<string, unknown> = {
        operationId: `${method.toLowerCase()}${path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        ...(s.summary ? { summary: s.summary } : {}),
        ...(s.description ? { description: s.description } : {}),
        ...(s.tags ? { tags: s.tags } : {}),
        parameters: [...parameters(s.params, 'path'), ...parameters(s.querystring, 'query')],
        ...(s.body
          ? {
              requestBody: {
                required: true,
                content: Object.fromEntries((s.consumes ?? ['application/json']).map((t) => [t, { schema: toDoc(s.body) }])),
              },
            }
          : {}),
        responses,
        ...(s.security ? { security: s.security } : {}),
      };
      const item = (paths[path] ??= {});
      // Routes outside /api (e.g. pages of other modules) are on the origin's root.
      if (!route.url.startsWith('/api/')) item.servers = [{ url: '/' }];
      item[method.toLowerCase()] = op;
    }
  }
  paths['/media/{file}'] = {
    servers: [{ url: '/' }],
    get: {
      operationId: 'getMedia',
      summary: 'A media file, with HTTP Range (outside /api, through a signed URL)',
      description:
        'Answers `Range: bytes=a-b` with 206, `Content-Range` and `Accept-Ranges: bytes`, so a browser can seek; 416 when the range is outside the file. A video element cannot send a bearer token, so the URL carries its own proof: take it from the clip (`media.url`, `thumbnailUrl`, `sourceUrl`), never build it. 401 without a signature or once the session or share it was minted for has ended; 403 when forged, expired, or no longer allowed (downloads turned off, clip no longer shared). The studio logo is public. See docs/http-api.md, "Security model".',
      tags: ['media'],
      security: [],
      parameters: [
        { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'exp', in: 'query', required: false, schema: { type: 'integer' }, description: 'Expiry, Unix seconds' },
        {
          name: 'use',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['v', 'd'] },
          description: '`v` play or thumbnail, `d` download (answered as an attachment)',
        },
        {
          name: 'by',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'Who it was minted for: `t.<session>` or `s.<share id>`',
        },
        {
          name: 'sig',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'base64url HMAC-SHA256 of path, by, use and exp',
        },
        { name: 'Range', in: 'header', required: false, schema: { type: 'string', examples: ['bytes=0-1023'] } },
      ],
      responses: {
        200: { description: 'The whole file' },
        206: { description: 'The requested byte range' },
        401: {
          description: 'Not signed, or its session or share ended',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        403: {
          description: 'Forged, expired or no longer allowed',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        404: { description: 'No such file', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        416: { description: 'Range not satisfiable', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  };
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'review-elements reference review API',
      version: '1.0.0',
      description: [
        'The review API that the review-elements web components speak (docs/http-api.md), as implemented by the reference server in demo/server.',
        '',
        '**Auth:** `Authorization: Bearer <token>` from `POST /auth/login` (or, for the events stream, `?access_token=`).',
        '**Errors:** `{"error":{"code","message","field"}}`; 400 names the wrong field in `field` and in the message. A refused request changes nothing.',
        '**Ids** are numbers; MediaObjectAnnotations and comments share one id sequence, so `PATCH /production/{pid}/an/{id}` finds either.',
        '**Rights:** REVIEW_EDIT creates comments and edits/deletes its own; REVIEW_EDIT_ALL edits/deletes any; REVIEW_STATUS_EDIT sets review status; SHARE_MANAGE edits clips and shares; SETTINGS_EDIT edits settings.',
        `**Comments:** \`description\` at most ${MAX_DESCRIPTION_LENGTH} characters, with \`@{userId,Name}\` mentions and \`#{tag}\` tags. \`mentionIds\` (at most ${MAX_MENTIONS}, each a member of the production) and \`tags\` (at most ${MAX_TAGS}, each 1..${MAX_TAG_LENGTH} characters) are stored as sent, as in the production API; the elements fill them from the description's markers. \`end = start + 1\`. On create, \`mediaObjectId\` and \`objectType\` may be left out (the path names the clip). Replies point at a root comment of the same clip (one level). Deleting a root deletes its replies.`,
        '**Edits** are JSON Patches (RFC 6902, `application/json-patch+json`), applied all or nothing. A comment patch may touch only description, mentionIds, tags, spatial, uiLocation and customFields. The elements lead it with `{"op":"test","path":"/version","value":<version>}`, and a stale version answers 409; without that test the last write wins. Any failing `test` answers 409, any other failing op 400 naming it. Each accepted edit increments `version`.',
      ].join('\n'),
    },
    servers: [{ url: '/api' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries(SHARED_SCHEMAS.map((s) => [s.$id as string, toDoc(s)])),
    },
    security: [{ bearer: [] }],
    paths: sorted,
  };
}
