// A @web/test-runner plugin that runs the reference review server (demo/server) beside the browser
// tests: started on the first request to /__review-server (so runs that do not need it pay nothing), on a
// free port, with a throwaway database seeded from createDemoFixture() and CORS open to the test page's
// origin. The endpoint answers {url, apiBase}; the server stops with wtr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function reviewServerPlugin() {
  let starting;
  let dir;
  return {
    name: 'review-server',
    async serve(context) {
      if (context.path !== '/__review-server') return undefined;
      starting ??= (async () => {
        const { tsImport } = await import('tsx/esm/api');
        const { startServer } = await tsImport('../../demo/server/app.ts', import.meta.url);
        dir = mkdtempSync(join(tmpdir(), 'review-wtr-'));
        return startServer({ dbFile: join(dir, 'review.db'), distDir: null, corsOrigins: [context.origin] });
      })();
      const server = await starting;
      return { body: JSON.stringify({ url: server.url, apiBase: `${server.url}/api` }), type: 'json' };
    },
    async serverStop() {
      if (starting) await (await starting).close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
