/** GET /production/:pid/me, GET /production/:pid/users?q= (mention autocomplete). */
import type { RouteModule } from '../context.js';
import { principalOf } from '../auth.js';
import { errors, params, ref } from '../schemas.js';

export const userRoutes: RouteModule = {
  name: 'users',
  register(app, { repo, auth }) {
    app.get(
      '/production/:pid/me',
      {
        onRequest: auth.production,
        schema: {
          summary: 'The caller and their rights in this production',
          description: '`share` is set for a client token from a share session.',
          tags: ['users'],
          params: params(),
          response: { 200: ref('Me'), ...errors(401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        return { user: p.user, rights: p.rights, share: p.share };
      },
    );

    app.get<{ Querystring: { q: string } }>(
      '/production/:pid/users',
      {
        onRequest: auth.production,
        schema: {
          summary: 'Studio users whose name or e-mail contains q (mention autocomplete)',
          description:
            'Case-insensitive, at most 20, by name. A client token (share session) gets only the studio people on its share, the ones its notes may mention: who shared it and the authors of the notes the share shows (not internal ones), matched by name, without e-mail addresses. Clients get no directory of the studio and never see other clients.',
          tags: ['users'],
          params: params(),
          querystring: {
            type: 'object',
            properties: { q: { type: 'string', maxLength: 100, default: '' } },
            additionalProperties: false,
          },
          response: { 200: { type: 'array', items: ref('User') }, ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        if (p.share) return repo.sharePeople(p.productionId!, p.share, request.query.q.trim(), 20);
        return repo.searchUsers(p.productionId!, request.query.q.trim(), 20);
      },
    );
  },
};
