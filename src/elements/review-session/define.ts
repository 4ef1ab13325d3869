import { ReviewSession } from './review-session.js';

customElements.get('review-session') || customElements.define('review-session', ReviewSession);
