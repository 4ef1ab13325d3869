/**
 * Security headers on every answer (API, media, portal pages, errors). The CSP is what the built demo
 * portal needs and no more: Lit adopts constructed stylesheets and components set inline `style`
 * attributes ('unsafe-inline' for styles only), the player plays `blob:` URLs, thumbnails may be `data:`.
 * Share tokens travel in URLs (`/review.html?token=…`), hence `Referrer-Policy: no-referrer`.
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    // A route with a stricter policy of its own (the outbox's mail HTML) keeps it.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });
}

/** Credentials that travel in URLs (the events stream's `?access_token=`, share links, media signatures) never reach a log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token|sig)=)[^&#]*/gi, '$1[redacted]').replace(/(\/share\/)[^/?#]+/g, '$1[redacted]');
}

export interface LogSink {
  write(line: string): void;
}

/** Fastify logger options: request lines carry method, redacted URL and address (never headers). */
export function loggerOptions(stream?: LogSink): object {
  return {
    level: 'info',
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: redactUrl(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
