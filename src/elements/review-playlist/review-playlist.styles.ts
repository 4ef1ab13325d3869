import { css } from 'lit';

export const playlistStyles = css`
  :host {
    display: block;
    /* Lays its rows out by its own width: a portal's narrow side column stacks picture over text. */
    container-type: inline-size;
    font-family: var(--review-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    color: var(--review-fg, #1a1c21);
    --_gap: var(--review-space, 8px);
  }
  [hidden] {
    display: none !important;
  }
  .header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_gap);
    margin-block-end: var(--_gap);
  }
  h2 {
    font-size: 1rem;
    margin: 0;
  }
  .count {
    color: var(--review-muted, #555c69);
    font-size: 0.85rem;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  /* Read-only (a client's page), a wide list becomes a grid of cards instead of stretched rows. A list
     that can be reordered stays one column: drag and drop and the arrow keys move clips up and down. */
  ol:not(.reorderable) {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr));
  }
  li {
    display: flex;
    align-items: stretch;
    gap: 4px;
    border: 1px solid var(--review-border, #d0d7de);
    border-radius: var(--review-radius, 6px);
    background: var(--review-bg, #fff);
    position: relative;
  }
  li[aria-current='true'] {
    border-color: var(--review-accent, #2563eb);
    box-shadow: inset 3px 0 0 var(--review-accent, #2563eb);
  }
  li.grabbed {
    outline: 2px dashed var(--review-accent, #2563eb);
    outline-offset: 1px;
  }
  /* While dragging: the clip dragged stays in its place, faded and outlined, and where it will land is a thick
     bar with a knob at its start across the gap between two rows, over them (a thin line was missed). */
  li.dragging {
    opacity: 0.45;
    outline: 2px dashed var(--review-accent, #2563eb);
    outline-offset: 1px;
  }
  li.drop-before::before,
  li.drop-after::after {
    content: '';
    position: absolute;
    z-index: 1;
    inset-inline: -4px 0;
    height: 12px;
    background:
      radial-gradient(circle at 6px 50%, var(--review-accent, #2563eb) 5px, transparent 6px),
      linear-gradient(var(--review-accent, #2563eb), var(--review-accent, #2563eb)) 0 50% / 100% 4px no-repeat;
    pointer-events: none;
  }
  li.drop-before::before {
    top: -8px;
  }
  li.drop-after::after {
    bottom: -8px;
  }
  .pick {
    display: flex;
    align-items: center;
    padding-inline-start: 8px;
  }
  .pick input {
    width: 20px;
    height: 20px;
    margin: 0;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: none;
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--review-accent, #2563eb);
    outline-offset: 2px;
  }
  .select {
    flex: 1;
    min-width: 0;
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 6px;
    text-align: start;
    min-height: 44px;
    border-radius: var(--review-radius, 6px);
  }
  .thumb {
    flex: none;
    width: 72px;
    aspect-ratio: 16 / 9;
    object-fit: cover;
    border-radius: 4px;
    background: var(--review-border, #d0d7de);
  }
  .text {
    min-width: 0;
    display: grid;
    gap: 2px;
  }
  /* Too narrow for the text beside the thumbnail (a side column): the thumbnail goes above the text. */
  @container (max-width: 300px) {
    .select {
      flex-direction: column;
      align-items: stretch;
      gap: 6px;
    }
    .thumb {
      width: 100%;
      max-width: 112px;
    }
  }
  /* A narrow column keeps each clip compact: two lines of name, one of code, two of reason; the whole
     text is the title. */
  .name,
  .reason {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: break-word;
  }
  .name {
    font-weight: 600;
  }
  .internal {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .internal,
  .reason {
    font-size: 0.85rem;
    color: var(--review-muted, #555c69);
  }
  .handle {
    flex: none;
    width: 32px;
    min-height: 44px;
    display: grid;
    place-items: center;
    cursor: grab;
    color: var(--review-muted, #555c69);
    font-size: 1.2rem;
    border-radius: var(--review-radius, 6px);
  }
  .handle[aria-pressed='true'] {
    background: var(--review-accent, #2563eb);
    color: var(--review-accent-fg, #fff);
  }
  .bulk {
    margin-block-start: var(--_gap);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: end;
  }
  .bulk label {
    flex: 1 1 220px;
    display: grid;
    gap: 4px;
    font-size: 0.85rem;
  }
  .bulk textarea {
    font: inherit;
    padding: 8px;
    border: 1px solid var(--review-control-border, #8c959f);
    border-radius: var(--review-radius, 6px);
    min-height: 44px;
    resize: vertical;
  }
  .bulk button,
  .retry {
    min-height: 44px;
    padding: 0 16px;
    border-radius: var(--review-radius, 6px);
    background: var(--review-accent, #2563eb);
    color: var(--review-accent-fg, #fff);
    font-weight: 600;
  }
  .bulk button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .error {
    color: var(--review-danger, #b42318);
    margin-block: var(--_gap);
  }
  .hint {
    font-size: 0.8rem;
    color: var(--review-muted, #555c69);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
