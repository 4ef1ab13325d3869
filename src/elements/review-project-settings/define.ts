import { ReviewProjectSettings } from './review-project-settings.js';

customElements.get('review-project-settings') || customElements.define('review-project-settings', ReviewProjectSettings);
