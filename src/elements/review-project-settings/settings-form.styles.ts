import { css } from 'lit';
import { focusRing, formStyles } from '../../styles/shared.js';
import { v } from '../../styles/tokens.js';

/** Styles shared by the two settings forms (`<review-project-settings>`, `<review-org-settings>`). */
export const settingsFormStyles = [
  focusRing,
  formStyles,
  css`
    :host {
      display: block;
      font-family: ${v.font};
      color: ${v.fg};
    }
    form {
      display: grid;
      gap: 16px;
    }
    input[type='color'] {
      width: 48px;
      height: 40px;
      padding: 2px;
      border: 1px solid ${v['control-border']};
      border-radius: ${v.radius};
      background: none;
    }
    input:disabled {
      opacity: 0.75;
    }
    .footer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .readonly {
      color: ${v.muted};
      margin: 0;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .status-row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr) auto;
      gap: 8px;
      align-items: end;
      padding: 8px;
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
    }
    .status-row .tools {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    /* A narrow form (a phone): the label gets a row of its own, so "NOT_APPROVED" and "Not Approved" are
       not cut off in two half-width fields. */
    ol {
      container-type: inline-size;
    }
    @container (max-width: 420px) {
      .status-row {
        grid-template-columns: minmax(0, 1fr) auto;
      }
      .status-row > .field:nth-child(2) {
        grid-column: 1 / -1;
        grid-row: 2;
      }
    }
    .row {
      display: flex;
      gap: 8px;
      align-items: end;
    }
    .row .field {
      flex: 1;
    }
  `,
];
