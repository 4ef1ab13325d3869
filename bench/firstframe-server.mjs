// The reference server for bench/firstframe.bench.mjs, in a process of its own so that the browser driver's
// work (every network event of every page comes through CDP to the bench) does not delay its answers.
// Env: REVIEW_DB, DIST_DIR, BARE_DIR (the bare pages, read per request: the bench writes them once it has
// made the data through this server). Prints {"url": …} as one line when it listens; ends on SIGTERM.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '../demo/server/app.ts';

const bareRoutes = {
  name: 'bench',
  root: true,
  register(app) {
    app.get('/__bench/bare/:name', async (request, reply) => {
      const name = String(request.params.name).replace(/[^\w-]/g, '');
      reply
        .type('text/html; charset=utf-8')
        .header('Cache-Control', 'no-cache')
        // Its own policy (kept by security.ts): the bare page's one inline script.
        .header(
          'Content-Security-Policy',
          "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; media-src 'self' blob:",
        );
      return reply.send(await readFile(join(process.env.BARE_DIR, `${name}.html`), 'utf8'));
    });
  },
};

const server = await startServer({ dbFile: process.env.REVIEW_DB, distDir: process.env.DIST_DIR, port: 0, extraRoutes: [bareRoutes] });
console.log(JSON.stringify({ url: server.url }));
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
