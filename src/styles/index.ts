export { TOKENS, v, tokenName, themeStyles, lightTokenDeclarations, darkTokenDeclarations } from './tokens.js';
export type { TokenSpec, TokenKey } from './tokens.js';
export { TOKEN_DOCS } from './token-docs.js';
export { focusRing, srOnly, buttonBase, buttonStyles, formStyles } from './shared.js';
export { applyAccent, accentTokens, textColorOn, luminance } from './accent.js';
