export { TOKENS, v, tokenName, themeStyles, lightTokenDeclarations, darkTokenDeclarations } from './tokens.js';
export type { TokenSpec, TokenKey } from './tokens.js';
export { focusRing, srOnly, buttonStyles } from './shared.js';
export { applyAccent, accentTokens, textColorOn, luminance } from './accent.js';
