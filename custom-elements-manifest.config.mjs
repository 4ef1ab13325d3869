// Custom Elements Manifest (custom-elements.json): the machine-readable API of every element, generated
// from the JSDoc tags (@fires @slot @csspart @cssprop @attr) and Lit decorators. Storybook's autodocs,
// IDE plugins and framework wrappers read it. Run by `npm run build` (and `npm run manifest`).
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // The `customElements` field is written once by hand; regenerating must not reformat package.json.
  packagejson: false,
  dev: false,
};
