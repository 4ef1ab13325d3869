import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';
import remarkGfm from 'remark-gfm';

/**
 * Storybook for review-elements: every `stories/*.stories.ts` (one per element, on MemoryReviewApi) and
 * the MDX guides in stories/docs. Runs offline: no telemetry, no version check (`--no-version-updates`).
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/docs/*.mdx', '../stories/**/*.stories.ts'],
  addons: [
    // MDX has no tables without GitHub-flavoured markdown: the guides' tables showed as raw `| --- |` text.
    { name: '@storybook/addon-docs', options: { mdxPluginOptions: { mdxCompileOptions: { remarkPlugins: [remarkGfm] } } } },
    '@storybook/addon-a11y',
  ],
  core: { disableTelemetry: true },
  // The demo fixture points clips at /demo/media/*; tests use /test/media/*.
  staticDirs: [
    { from: '../demo/media', to: '/demo/media' },
    { from: '../test/media', to: '/test/media' },
  ],
  async viteFinal(viteConfig) {
    return mergeConfig(viteConfig, {
      // Lit's decorators are TypeScript "experimental" decorators with `useDefineForClassFields: false`
      // (class fields must not shadow the reactive accessors); Chromium cannot run the standard ones.
      oxc: {
        decorator: { legacy: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
        assumptions: { setPublicClassFields: true },
      },
      build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
    });
  },
};

export default config;
