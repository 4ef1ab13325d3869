/**
 * POST /api/__test/reset — wipes the database and seeds the fixture again, for test suites that need a
 * fresh backend per test. Registered only when buildApp gets `testReset: true`; never in production.
 */
import type { RouteModule } from '../context.js';
import { seedFixture, wipe } from '../db.js';

export const testRoutes: RouteModule = {
  name: 'test',
  register(app, { db, options }) {
    if (!options.testReset) return;
    app.post(
      '/__test/reset',
      { schema: { summary: 'Test servers only: wipe and reseed', tags: ['test'], security: [] } },
      async (_request, reply) => {
        wipe(db);
        if (options.fixture) seedFixture(db, options.fixture);
        return reply.code(204).send();
      },
    );
  },
};
