/**
 * A deliberately non-conforming review backend for the conformance kit's tests: close to the contract, but
 * with the mistakes studio backends make. Each is named so a test can expect the kit to name it:
 *  - paging header: `X-Total-Count` instead of `X-Pagination-Total-Results` / `X-Pagination-Offset`;
 *  - a failing JSON Patch `test` answers 400, not 409;
 *  - JSON Patch ops are applied one by one to the stored comment, so a failing op leaves the earlier ones
 *    stored (no rollback);
 *  - no rights: a token without REVIEW_EDIT may comment (200/201 where a 403 belongs);
 *  - unknown routes and ids answer an HTML error page;
 *  - media ignore Range (200 with the whole file).
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

const STUDIO = 'studio-token';
const CLIENT = 'client-token';

interface Comment {
  id: number;
  objectType: 'ClipAnnotation';
  funnel: 'ReviewComment';
  mediaObjectId: number;
  description: string;
  mentionIds: number[];
  tags: string[];
  spatial: string | null;
  uiLocation: string | null;
  relatedToId: number | null;
  threadGroupId: number;
  start: number;
  end: number;
  creatorId: number;
  creatorKind: 'studio' | 'client';
  version: number;
  created: string;
  modified: string;
  customFields: Record<string, unknown>;
}

type PatchOp = { op: string; path: string; value?: unknown };

function htmlPage(reply: FastifyReply, status: number): FastifyReply {
  return reply.code(status).type('text/html').send(`<!doctype html><html><body><h1>${status} Not Found</h1></body></html>`);
}

export async function nonConformingServer(): Promise<{ url: string; studioToken: string; clientToken: string; close(): Promise<void> }> {
  const app: FastifyInstance = Fastify();
  app.addContentTypeParser('application/json-patch+json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  let nextId = 1000;
  const comments = new Map<number, Comment>();
  const moa = { id: 900, mediaObjectId: 101, reviewStatus: 'NOT_APPROVED' };
  const statuses = ['NOT_APPROVED', 'APPROVED', 'NEEDS_WORK'];
  const clip = (origin: string) => ({
    id: 101,
    name: 'sh010_v001',
    clientName: null,
    reasonForReview: '',
    media: {
      url: `${origin}/media/clip.mp4`,
      mimeType: 'video/mp4',
      width: 640,
      height: 360,
      frameCount: 48,
      frameRate: { num: 24, den: 1, dropFrame: false },
    },
    sourceUrl: null,
    thumbnailUrl: null,
  });
  const who = (request: FastifyRequest) => {
    const auth = request.headers.authorization ?? '';
    if (auth === `Bearer ${STUDIO}`) return { id: 1, name: 'Pat', rights: ['REVIEW_EDIT', 'REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT'] };
    if (auth === `Bearer ${CLIENT}`) return { id: 7, name: 'Client', rights: [] as string[] };
    return null;
  };
  app.addHook('onRequest', async (request, reply) => {
    // Unknown routes fall through to the HTML page.
    if (request.url.startsWith('/api/') && request.routeOptions.url !== undefined && !who(request)) {
      return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'sign in' } });
    }
  });
  app.setNotFoundHandler((_request, reply) => htmlPage(reply, 404));
  const P = '/api/production/:pid';

  app.get(`${P}/me`, async (request) => {
    const u = who(request)!;
    return { user: { id: u.id, name: u.name, kind: 'studio' }, rights: u.rights, share: null };
  });
  app.get(`${P}/settings`, async () => ({
    reviewStatusConfig: { possibleValues: statuses.map((id) => ({ id, label: id })) },
    shareDefaults: {},
    clientVersionName: 'name',
  }));
  app.get(`${P}/mo`, async (request) => [clip(`http://${request.headers.host}`)]);
  app.get<{ Params: { id: string } }>(`${P}/mo/:id`, async (request, reply) =>
    request.params.id === '101' ? clip(`http://${request.headers.host}`) : htmlPage(reply, 404),
  );
  app.get(`${P}/mo/101/moa`, async () => moa);
  app.post<{ Body: Omit<Comment, 'id'> }>(`${P}/mo/:id/clip`, async (request, reply) => {
    const body = request.body;
    if (typeof body.description !== 'string' || !body.description.trim()) {
      return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: 'description is empty', field: 'description' } });
    }
    const id = nextId++;
    const now = new Date().toISOString();
    const c: Comment = {
      ...body,
      id,
      threadGroupId: id,
      creatorId: who(request)!.id,
      creatorKind: 'studio',
      version: 1,
      created: now,
      modified: now,
    };
    comments.set(id, c);
    return reply.code(201).send(c);
  });
  app.get<{ Querystring: { offset?: string; limit?: string } }>(`${P}/an/search`, async (request, reply) => {
    const all = [...comments.values()].sort((a, b) => a.start - b.start || a.id - b.id);
    const offset = Number(request.query.offset ?? 0);
    const limit = Number(request.query.limit ?? 200);
    reply.header('X-Total-Count', String(all.length));
    return all.slice(offset, offset + limit);
  });
  app.patch<{ Params: { id: string }; Body: PatchOp[] }>(`${P}/an/:id`, async (request, reply) => {
    const id = Number(request.params.id);
    if (id === moa.id) {
      const value = request.body[0]?.value;
      if (typeof value !== 'string' || !statuses.includes(value)) {
        return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: 'no such status', field: 'reviewStatus' } });
      }
      moa.reviewStatus = value;
      return moa;
    }
    const c = comments.get(id);
    if (!c) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `comment ${id} not found`, field: 'id' } });
    for (const op of request.body) {
      const key = op.path.slice(1) as keyof Comment;
      if (op.op === 'test' && c[key] !== op.value) {
        return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: `test failed at ${op.path}` } });
      }
      if (op.op === 'replace') (c as unknown as Record<string, unknown>)[key] = op.value;
    }
    c.version += 1;
    return c;
  });
  app.delete<{ Body: { actions: Array<{ ids: number[] }> } }>(`${P}/an/bulk`, async (request, reply) => {
    if (!who(request)!.rights.includes('REVIEW_EDIT')) return reply.code(403).send({ error: { code: 'FORBIDDEN', message: 'no right' } });
    const ids = request.body.actions.flatMap((a) => a.ids);
    const missing = ids.find((i) => !comments.has(i));
    if (missing !== undefined) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `comment ${missing} not found` } });
    for (const i of ids) comments.delete(i);
    return { deleted: ids, tombstoned: [] };
  });
  app.get('/media/clip.mp4', async (_request, reply) => reply.type('video/mp4').send(Buffer.alloc(4096, 1)));

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, studioToken: STUDIO, clientToken: CLIENT, close: () => app.close() };
}
