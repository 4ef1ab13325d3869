/** GET /media/* — the demo media with HTTP Range (outside /api, public: a <video> sends no token). */
import type { RouteModule } from '../context.js';
import { notFound } from '../errors.js';
import { fileUnder, sendFile } from '../files.js';

export const mediaRoutes: RouteModule = {
  name: 'media',
  root: true,
  register(app, { options }) {
    app.get<{ Params: { '*': string } }>('/media/*', async (request, reply) => {
      const file = fileUnder(options.mediaDir, request.params['*']);
      if (!file) throw notFound(`no media file ${request.params['*']}`);
      return sendFile(request, reply, file);
    });
  },
};
