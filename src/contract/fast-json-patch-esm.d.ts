/**
 * Types of the fast-json-patch ES modules that src/contract and src/backend import. The package's `main` is CommonJS whose
 * exports Node cannot name from an ES module (it fills them with Object.assign), and its `index.mjs`
 * keeps every function in a bundle (its default export gathers them all); the modules behind it are
 * plain ES modules that bundlers can shake. Their types are the package's own.
 */
declare module 'fast-json-patch/module/core.mjs' {
  export * from 'fast-json-patch/module/core';
}
declare module 'fast-json-patch/module/duplex.mjs' {
  export * from 'fast-json-patch/module/duplex';
}
