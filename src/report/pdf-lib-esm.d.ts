/**
 * Types of pdf-lib's ES module bundle, which src/report/pdf.ts imports. The package's `module` build
 * (`es/`) imports pako, which is CommonJS only: a browser without a bundler (the test runner) cannot load it.
 * `dist/pdf-lib.esm.js` is the same library with its dependencies inside, as one ES module. Its types are
 * the package's own.
 */
declare module 'pdf-lib/dist/pdf-lib.esm.js' {
  export * from 'pdf-lib';
}
