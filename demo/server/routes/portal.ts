/**
 * The demo portal at `/`: the built pages of demo/dist when they exist, otherwise a small page with the
 * API base and the demo logins. Unknown `/api/...` paths still answer a JSON 404.
 */
import type { RouteModule } from '../context.js';
import { notFound } from '../errors.js';
import { fileUnder, sendFile } from '../files.js';

/**
 * Vite's content-hashed build output (`assets/name-HASH.ext`): a changed file gets a new name, so a browser
 * may keep these for a year without asking again. Everything else (the pages) is revalidated on each use
 * (`no-cache` + ETag/Last-Modified, answered 304 while unchanged).
 */
export const HASHED_ASSET = /^assets\/(?:[^/]+\/)*[^/]+-[\w-]{8,}\.[a-z0-9]+$/i;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A share token as links carry it (`/review.html?token=…`); anything else gets no preload hint. */
const SHARE_TOKEN = /^[\w-]{16,128}$/;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const portalRoutes: RouteModule = {
  name: 'portal',
  root: true,
  register(app, { options }) {
    const fallback = () => {
      const users = (options.fixture?.users ?? []).filter((u) => u.password);
      const rows = users
        .map(
          (u) =>
            `<tr><td>${escapeHtml(u.email ?? '')}</td><td><code>${escapeHtml(u.password ?? '')}</code></td><td>${escapeHtml(u.rights.join(', ') || 'no rights')}</td></tr>`,
        )
        .join('');
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>review-elements reference server</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}code{background:#f2f2f2;padding:0 .25rem}</style></head>
<body><main><h1>review-elements reference server</h1>
<p>The review API is at <code>/api</code> (production <code>${escapeHtml(options.fixture?.productionId ?? 'demo')}</code>);
its OpenAPI document is <a href="/api/openapi.json">/api/openapi.json</a>. Media are served with HTTP Range under <code>/media/</code>.</p>
<p>The demo portal is not built yet (<code>demo/dist</code> is missing); it appears here once built.</p>
<h2>Demo logins</h2><table><thead><tr><th>e-mail</th><th>password</th><th>rights</th></tr></thead><tbody>${rows}</tbody></table>
<p>Try: <code>curl -X POST -H 'content-type: application/json' -d '{"email":"producer@demo.test","password":"producer"}' ${'$'}ORIGIN/api/auth/login</code></p>
</main></body></html>`;
    };

    // Browsers ask every page's origin for an icon; the server-made pages (outbox, this fallback) name
    // none, and a 404 would be logged in the console of each. "No content" is the honest answer.
    app.get('/favicon.ico', async (_request, reply) => reply.code(204).header('Cache-Control', 'public, max-age=86400').send());

    app.get<{ Params: { '*': string } }>('/*', async (request, reply) => {
      const path = request.params['*'] ?? '';
      if (path === 'api' || path.startsWith('api/')) throw notFound(`no route GET /${path}`);
      const dist = options.distDir;
      if (dist) {
        const file =
          fileUnder(dist, path) ??
          fileUnder(dist, `${path.replace(/\/$/, '')}/index.html`) ??
          (path === '' ? fileUnder(dist, 'index.html') : null);
        if (!file) {
          if (fileUnder(dist, 'index.html')) throw notFound(`no page /${path}`);
        } else {
          // The client page's first call is the public share (`GET /api/share/:token`), and the token is in
          // this page's URL: the browser may fetch it while the scripts load instead of a round trip after them.
          const token = (request.query as Record<string, unknown>).token;
          if (path === 'review.html' && typeof token === 'string' && SHARE_TOKEN.test(token)) {
            reply.header('Link', `</api/share/${token}>; rel=preload; as=fetch; crossorigin`);
          }
          return sendFile(request, reply, file, HASHED_ASSET.test(path) ? IMMUTABLE : 'no-cache', { precompressed: true });
        }
      }
      if (path !== '' && path !== 'index.html') throw notFound(`no page /${path}`);
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(fallback());
    });
  },
};
