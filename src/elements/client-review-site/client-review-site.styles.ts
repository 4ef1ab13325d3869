import { css } from 'lit';
import { focusRing, formStyles } from '../../styles/shared.js';

/** Form controls and the focus ring come from the shared styles; these are the page's own. */
export const clientSiteStyles = [
  focusRing,
  formStyles,
  css`
  :host {
    display: block;
    /* Lays out by its own width (a portal may embed it in a column), not the window's. */
    container-type: inline-size;
    font-family: var(--review-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    color: var(--review-fg, #1a1c21);
    background: var(--review-bg, #fff);
    min-height: 100%;
  }
  [hidden] {
    display: none !important;
  }
  .preview-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 8px 16px;
    background: var(--review-preview-bg, #1d4ed8);
    color: var(--review-preview-fg, #fff);
    font-weight: 600;
  }
  [part='preview-message'] {
    flex-basis: 100%;
    font-weight: 400;
  }
  .preview-bar button {
    background: #fff;
    color: #1d4ed8;
    border: none;
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 10px 16px;
    border-block-end: 3px solid var(--review-accent, #2563eb);
    flex-wrap: wrap;
  }
  .brand img {
    height: 36px;
    width: auto;
    max-width: 160px;
    object-fit: contain;
  }
  .brand .studio {
    font-weight: 700;
    font-size: 1.1rem;
  }
  .brand .playlist {
    margin: 0;
    font-size: 1rem;
    font-weight: 400;
    color: var(--review-muted, #555c69);
    flex: 1 1 auto;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .brand .who {
    font-size: 0.9rem;
    color: var(--review-muted, #555c69);
  }
  main {
    padding: 12px;
  }
  /* Picture first, then the clips as a strip to swipe, then the notes: on a phone a client switches clips
     without scrolling past every note, and reads and writes notes right under them. */
  .layout {
    display: grid;
    gap: 16px;
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'stage' 'playlist' 'comments';
  }
  @container (max-width: 899px) {
    .playlist review-playlist::part(list) {
      grid-template-columns: none;
      grid-auto-flow: column;
      grid-auto-columns: minmax(min(78%, 280px), 1fr);
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scroll-snap-type: x mandatory;
      padding-block-end: 4px;
    }
    .playlist review-playlist::part(item) {
      scroll-snap-align: start;
    }
  }
  /* Wide: the notes sit beside the picture (and stay there while the page scrolls), the playlist is a strip
     under the player. Without notes the playlist takes the side column. */
  @container (min-width: 900px) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(300px, 380px);
      grid-template-rows: auto 1fr;
      grid-template-areas: 'stage comments' 'playlist comments';
      align-items: start;
    }
    .layout.no-comments {
      grid-template-areas: 'stage playlist' 'stage playlist';
    }
    .comments {
      position: sticky;
      top: 12px;
    }
  }
  .stage {
    grid-area: stage;
    display: grid;
    gap: 8px;
    min-width: 0;
  }
  .playlist {
    grid-area: playlist;
    min-width: 0;
  }
  .playlist review-room {
    margin-block-end: 12px;
  }
  .comments {
    grid-area: comments;
    min-width: 0;
  }
  .comments > p {
    margin: 0 0 8px;
  }
  /* The thread scrolls (and virtualizes) inside at most most of the screen; a short or empty thread is as
     tall as what it shows, so no blank block is left under a few notes. */
  .comments comment-thread {
    max-height: clamp(360px, 75vh, 720px);
  }
  /* "Notes are read-only on this link." above the thread says it already, in the client's words. */
  .comments comment-thread::part(read-only) {
    display: none;
  }
  @container (min-width: 900px) {
    .comments comment-thread {
      max-height: clamp(360px, calc(100vh - 140px), 960px);
    }
  }
  .gate {
    max-width: 420px;
    margin: 32px auto;
    padding: 0 16px;
    display: grid;
    gap: 14px;
  }
  .gate h1 {
    font-size: 1.4rem;
    margin: 0;
  }
  .gate form {
    display: grid;
    gap: 12px;
  }
  /* The client page's controls are a little larger than formStyles' (a touch-first page). */
  input,
  button,
  .button {
    min-height: 44px;
  }
  input {
    padding: 8px 12px;
  }
  button,
  .button {
    padding: 0 18px;
    gap: 6px;
  }
  .notice {
    text-align: center;
    max-width: 480px;
    margin: 48px auto;
    padding: 0 16px;
  }
  .muted {
    color: var(--review-muted, #555c69);
  }
`,
];
