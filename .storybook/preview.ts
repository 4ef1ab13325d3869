import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import manifest from '../custom-elements.json';
import { darkTokenDeclarations } from '../src/styles/tokens.js';

// Autodocs read attributes, properties, events, slots, parts and CSS properties from the manifest
// (generated from the elements' JSDoc by `npm run manifest`, which the storybook scripts run first).
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true, matchers: { color: /(background|color)$/i } },
    // Accessibility violations fail the story in the test run (test/stories/stories.e2e.mjs) and show red here.
    a11y: { test: 'error' },
    docs: { toc: true },
    options: { storySort: { order: ['Docs', ['Getting started', 'Connect your API', 'Theming'], '*'] } },
  },
  globalTypes: {
    theme: {
      description: 'Token theme of the story canvas',
      toolbar: { title: 'Theme', icon: 'contrast', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    // The dark palette is the same token set (src/styles/tokens.ts) applied on a wrapper, as a page would.
    (story, context) =>
      context.globals.theme === 'dark'
        ? html`<div style="${darkTokenDeclarations} color-scheme: dark; background: var(--review-bg); color: var(--review-fg); padding: 16px;">
            ${story()}
          </div>`
        : story(),
  ],
};

export default preview;
