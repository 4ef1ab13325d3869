/**
 * Notifications of the signed-in user (docs/http-api.md, "Notifications"): the list and unread count, mark
 * read, the e-mail digest preference, and the unsubscribe link of the digest (no sign-in: a signed token).
 * The notifier itself (who is told, the digest on its timer) is demo/server/notifications.ts.
 */
import type { FastifyReply } from 'fastify';
import { DIGEST_FREQUENCIES, type DigestFrequency, type Id } from '../../../src/contract/types.js';
import { principalOf } from '../auth.js';
import type { RouteModule } from '../context.js';
import { escapeHtml, mailerFromEnv, type Mailer } from '../mail.js';
import { signingSecret } from '../media-urls.js';
import { DIGEST_INTERVAL_MS, Notifier } from '../notifications.js';
import { errors, params } from '../schemas.js';

const NOTIFICATION_SCHEMA = {
  type: 'object',
  required: ['id', 'kind', 'actor', 'clipId', 'clipName', 'frame', 'commentId', 'excerpt', 'status', 'created', 'read'],
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['mention', 'reply', 'status', 'client-note'] },
    actor: {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
      description: 'Who acted.',
    },
    clipId: { type: 'integer' },
    clipName: { type: 'string', description: 'As the recipient sees it (a client: the client version name).' },
    frame: { type: 'integer', description: "The note's frame (0-based); 0 for a status change." },
    commentId: { type: ['integer', 'null'] },
    excerpt: { type: 'string', description: "The note's plain text (mentions as names), at most 200 characters; '' for a status change." },
    status: { type: ['string', 'null'], description: 'The new status id of a status change.' },
    created: { type: 'string', format: 'date-time' },
    read: { type: 'boolean' },
  },
};

const PREFERENCES_SCHEMA = {
  type: 'object',
  required: ['digest'],
  additionalProperties: false,
  properties: {
    digest: {
      type: 'string',
      enum: [...DIGEST_FREQUENCIES],
      description: 'How often e-mail brings unread notifications: `immediately` (within a minute), `hourly`, `daily`, or `off`.',
    },
  },
};

const UNREAD_SCHEMA = { type: 'object', required: ['unread'], properties: { unread: { type: 'integer' } } };

/** A small page of the unsubscribe link (no script: the CSP forbids inline scripts, and none is needed). */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2328"><h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`;
}

export interface NotificationRoutesOptions {
  mailer?: Mailer;
}

export function notificationRoutesWith(options: NotificationRoutesOptions = {}): RouteModule {
  let mailer: Mailer | null = options.mailer ?? null;
  const getMailer = () => (mailer ??= mailerFromEnv());

  return {
    name: 'notifications',
    async register(app, ctx) {
      const { repo, auth, options: opts } = ctx;
      const notifier = new Notifier(
        repo,
        ctx.media,
        signingSecret(repo, opts.mediaSecret),
        getMailer,
        () => ctx.publicOrigin(),
        opts.notifications,
      );
      ctx.notifier = notifier;
      const interval = opts.notifications?.digestIntervalMs ?? DIGEST_INTERVAL_MS;
      if (interval > 0) {
        const timer = setInterval(() => void notifier.runDigest().catch((e: unknown) => app.log.error(e)), interval);
        timer.unref();
        app.addHook('onClose', async () => clearInterval(timer));
      }

      app.get<{ Querystring: { limit?: number } }>(
        '/production/:pid/notifications',
        {
          onRequest: auth.production,
          schema: {
            summary: "The signed-in user's notifications, newest first, and the unread count",
            description:
              "A mention, a reply in a thread one wrote in, a status change on a clip one commented on, a client note on a playlist one shared. Never about one's own action; a client hears only of notes its share shows (never an internal one).",
            tags: ['notifications'],
            params: params(),
            querystring: {
              type: 'object',
              properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
              additionalProperties: false,
            },
            response: {
              200: {
                type: 'object',
                required: ['items', 'unread'],
                properties: { items: { type: 'array', items: NOTIFICATION_SCHEMA }, unread: { type: 'integer' } },
              },
              ...errors(400, 401, 403, 404),
            },
          },
        },
        async (request) => notifier.list(principalOf(request), request.query.limit ?? 50),
      );

      app.post<{ Body: { ids?: Id[]; all?: boolean } }>(
        '/production/:pid/notifications/read',
        {
          onRequest: auth.production,
          schema: {
            summary: 'Mark notifications read: `{"ids":[…]}` or `{"all":true}`',
            description: "Ids that are not the caller's, or already read, are ignored. Answers the unread count left.",
            tags: ['notifications'],
            params: params(),
            body: {
              type: 'object',
              properties: {
                ids: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 1000 },
                all: { type: 'boolean', const: true },
              },
              minProperties: 1,
              maxProperties: 1,
              additionalProperties: false,
            },
            response: { 200: UNREAD_SCHEMA, ...errors(400, 401, 403, 404) },
          },
        },
        async (request) => ({ unread: notifier.markRead(principalOf(request), request.body.all ? 'all' : request.body.ids!) }),
      );

      app.get(
        '/production/:pid/notifications/preferences',
        {
          onRequest: auth.production,
          schema: {
            summary: "The signed-in user's e-mail digest frequency",
            tags: ['notifications'],
            params: params(),
            response: { 200: PREFERENCES_SCHEMA, ...errors(401, 403, 404) },
          },
        },
        async (request) => ({ digest: notifier.digestOf(principalOf(request).user.id) }),
      );

      app.put<{ Body: { digest: DigestFrequency } }>(
        '/production/:pid/notifications/preferences',
        {
          onRequest: auth.production,
          schema: {
            summary: "Set the signed-in user's e-mail digest frequency",
            description: "The frequency is the person's, for every production. `off` stops the e-mails; the app still lists notifications.",
            tags: ['notifications'],
            params: params(),
            body: PREFERENCES_SCHEMA,
            response: { 200: PREFERENCES_SCHEMA, ...errors(400, 401, 403, 404) },
          },
        },
        async (request) => {
          const p = principalOf(request);
          if (p.share?.preview) return { digest: notifier.digestOf(p.user.id) };
          notifier.setDigest(p.user.id, request.body.digest);
          return { digest: notifier.digestOf(p.user.id) };
        },
      );

      // The digest's unsubscribe link: GET shows a confirmation (a link scanner that follows it changes
      // nothing), POST unsubscribes — also the RFC 8058 one-click POST of mail clients (List-Unsubscribe-Post).
      // Its own plugin: the form body parser stays out of the rest of the API.
      await app.register(async (sub) => {
        sub.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
        const query = {
          type: 'object',
          required: ['u', 't'],
          properties: { u: { type: 'integer', minimum: 1 }, t: { type: 'string', maxLength: 100 } },
        };
        const refuse = (reply: FastifyReply) =>
          reply
            .code(403)
            .type('text/html; charset=utf-8')
            .send(
              page(
                'This link is not valid',
                '<p>This unsubscribe link is not valid. Use the link of your latest e-mail, or change how often e-mails arrive in the review portal.</p>',
              ),
            );
        sub.get<{ Querystring: { u: number; t: string } }>(
          '/notifications/unsubscribe',
          {
            schema: {
              summary: 'The confirmation page of the digest e-mail’s unsubscribe link (HTML; no sign-in)',
              description: 'Shows a button that POSTs to the same URL. 403 when the token is forged.',
              tags: ['notifications'],
              security: [],
              querystring: query,
            },
          },
          async (request, reply) => {
            const { u, t } = request.query;
            if (!notifier.checkUnsubscribe(u, t)) return refuse(reply);
            const name = repo.user(u)?.name ?? '';
            const action = `/api/notifications/unsubscribe?u=${u}&t=${encodeURIComponent(t)}`;
            return reply.type('text/html; charset=utf-8').send(
              page(
                'Unsubscribe from review e-mails',
                `<p>${escapeHtml(name)}, stop the e-mails about mentions, replies and status changes? You will still see them in the review portal.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" style="font:inherit;padding:.6rem 1.2rem">Unsubscribe</button></form>`,
              ),
            );
          },
        );
        sub.post<{ Querystring: { u: number; t: string } }>(
          '/notifications/unsubscribe',
          {
            schema: {
              summary: 'Unsubscribe from the digest e-mails (one click; no sign-in)',
              description: 'Sets the digest frequency to `off`. Answers an HTML page; 403 when the token is forged.',
              tags: ['notifications'],
              security: [],
              querystring: query,
            },
          },
          async (request, reply) => {
            const { u, t } = request.query;
            if (!notifier.checkUnsubscribe(u, t) || !repo.user(u)) return refuse(reply);
            notifier.setDigest(u, 'off');
            return reply
              .type('text/html; charset=utf-8')
              .send(
                page(
                  'You are unsubscribed',
                  '<p>No more review e-mails will be sent to you. Turn them on again in the notifications menu of the review portal.</p>',
                ),
              );
          },
        );
      });
    },
  };
}

export const notificationRoutes = notificationRoutesWith();
