// Types of minify-literals.mjs for the TypeScript Vite configs.
import type { Plugin as VitePlugin } from 'vite';
import type { Plugin as EsbuildPlugin } from 'esbuild';

export function minifyCssPart(text: string, first?: boolean, last?: boolean): string;
export function minifyHtmlPart(text: string, state: { raw?: 'tag' | 'content' }): string;
export function minifyLiterals(code: string, fileName?: string): string;
export function minifyLiteralsPlugin(): VitePlugin;
export function minifyLiteralsEsbuild(): EsbuildPlugin;
