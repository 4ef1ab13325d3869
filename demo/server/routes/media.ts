/**
 * GET /media/* — the demo media with HTTP Range, outside /api. A `<video>` sends no token, so each request
 * carries a signed URL minted with the clip (media-urls.ts); the studio's logo alone is public, as it is
 * branding shown before a client's session (`GET /api/share/:token` answers it too).
 */
import type { RouteModule } from '../context.js';
import { notFound } from '../errors.js';
import { fileUnder, sendFile } from '../files.js';

export const mediaRoutes: RouteModule = {
  name: 'media',
  root: true,
  register(app, { options, media, repo }) {
    app.get<{ Params: { '*': string }; Querystring: Record<string, string | undefined> }>('/media/*', async (request, reply) => {
      const rel = request.params['*'];
      // As minted: the URL's path exactly as it was signed (before any decoding).
      const path = request.url.split('?')[0];
      const signed = request.query.sig !== undefined;
      if (signed || path !== repo.orgSettings().logoUrl) media.check(path, request.query);
      const file = fileUnder(options.mediaDir, rel);
      if (!file) throw notFound(`no media file ${rel}`);
      if (request.query.use === 'd') reply.header('Content-Disposition', 'attachment');
      // Signed answers are per session: a shared cache must not keep them.
      return sendFile(request, reply, file, signed ? 'private, max-age=300' : 'public, max-age=3600');
    });
  },
};
