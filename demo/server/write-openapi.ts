/** `npm run openapi`: writes the OpenAPI document of the reference server to docs/openapi.json. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApp, DEMO_DIR } from './app.js';

export async function openApiText(): Promise<string> {
  const app = await buildApp({ dbFile: ':memory:', distDir: null, fixture: null });
  try {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    return JSON.stringify(res.json(), null, 2) + '\n';
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = resolve(DEMO_DIR, '../docs/openapi.json');
  writeFileSync(out, await openApiText());
  console.log(`wrote ${out}`);
}
