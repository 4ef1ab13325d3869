import { ReviewOrgSettings } from './review-org-settings.js';

customElements.get('review-org-settings') || customElements.define('review-org-settings', ReviewOrgSettings);
