// The React wrapper tests: the project's wtr setup plus React 19 served as ES modules. React ships
// CommonJS only, which the wtr dev server does not convert, so `react` and `react-dom/client` are
// bundled once with esbuild into one module (one React instance) and re-exported by name.
// Run: npx wtr --config test/react/web-test-runner.config.mjs
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import base from '../../web-test-runner.config.mjs';

const require = createRequire(import.meta.url);
// module id → [URL served, name of the namespace in the bundle]
const MODULES = {
  react: ['/__react/react.js', 'React'],
  'react-dom': ['/__react/react-dom.js', 'ReactDOM'],
  'react-dom/client': ['/__react/react-dom-client.js', 'ReactDOMClient'],
};
// Export names, read now: requiring React later, inside the running wtr, trips over its patched console.
const NAMES = Object.fromEntries(
  Object.keys(MODULES).map((id) => [id, Object.keys(require(id)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default')]),
);

let bundle;
const reactBundle = () =>
  (bundle ??= build({
    stdin: {
      contents: Object.entries(MODULES)
        .map(([id, [, ns]]) => `import * as ${ns} from '${id}'; export { ${ns} };`)
        .join('\n'),
      resolveDir: process.cwd(),
    },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text));

const reactEsm = {
  name: 'react-esm',
  resolveImport({ source }) {
    return MODULES[source]?.[0];
  },
  async serve(context) {
    if (context.path === '/__react/bundle.js') return { body: await reactBundle(), type: 'js' };
    const entry = Object.entries(MODULES).find(([, [url]]) => url === context.path);
    if (!entry) return undefined;
    const [id, [, ns]] = entry;
    return {
      body: `import { ${ns} } from './bundle.js';\nexport default ${ns};\nexport const { ${NAMES[id].join(', ')} } = ${ns};\n`,
      type: 'js',
    };
  },
};

export default {
  ...base,
  files: ['test/react/**/*.react-test.ts'],
  plugins: [reactEsm, ...base.plugins],
};
