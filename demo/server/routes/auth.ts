/** POST /auth/login, POST /auth/logout. */
import type { RouteModule } from '../context.js';
import { issueToken, principalOf, RateLimiter, revokeToken } from '../auth.js';
import { HttpError } from '../errors.js';
import { verifyPassword } from '../passwords.js';
import { errors, ref } from '../schemas.js';

export const authRoutes: RouteModule = {
  name: 'auth',
  register(app, { repo, auth, hub }) {
    // Per account and address, so guessing one password hits a wall while the owner, from another
    // address, still signs in; per address too, so spraying many accounts does.
    const perAccount = new RateLimiter(10, 60_000);
    const perAddress = new RateLimiter(50, 60_000);

    app.post<{ Body: { email: string; password: string } }>(
      '/auth/login',
      {
        schema: {
          summary: 'Sign in with e-mail and password',
          description:
            'Answers a bearer token (valid 30 days) and the user. 10 failed attempts per e-mail and address (50 per address) a minute answer 429; other addresses are not affected.',
          tags: ['auth'],
          security: [],
          body: {
            type: 'object',
            properties: {
              email: { type: 'string', minLength: 1, maxLength: 320 },
              password: { type: 'string', minLength: 1, maxLength: 1000 },
            },
            required: ['email', 'password'],
            additionalProperties: false,
          },
          response: {
            200: { type: 'object', properties: { token: { type: 'string' }, user: ref('User') }, required: ['token', 'user'] },
            ...errors(400, 401, 429),
          },
        },
      },
      async (request) => {
        const email = request.body.email.trim().toLowerCase();
        const key = `${email} ${request.ip}`;
        perAddress.hit(request.ip);
        perAccount.hit(key);
        const found = repo.userByEmail(email);
        const ok = await verifyPassword(request.body.password, found?.passwordHash);
        if (!found || !ok) throw new HttpError(401, 'UNAUTHORIZED', 'wrong e-mail or password', 'password');
        perAccount.reset(key);
        const token = repo.tx(() => issueToken(repo, { userId: found.id }));
        const { passwordHash: _hash, ...user } = found;
        return { token, user };
      },
    );

    app.post(
      '/auth/logout',
      {
        onRequest: auth.user,
        schema: {
          summary: 'Revoke the token of this request',
          tags: ['auth'],
          response: { 204: { description: 'Signed out' }, ...errors(401) },
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        repo.tx(() => revokeToken(repo, p.selector));
        hub.accessChanged();
        return reply.code(204).send();
      },
    );
  },
};
