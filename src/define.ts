/** Registers every default tag. Side-effect module: `import 'review-elements/define'`. */
import './elements/review-status-picker/define.js';
import './elements/review-playlist/define.js';
import './elements/share-dialog/define.js';
import './elements/review-project-settings/define.js';
import './elements/review-org-settings/define.js';
import './elements/review-session/define.js';
import './elements/review-annotation-layer/define.js';
import './elements/review-clip-header/define.js';
import './elements/client-review-site/define.js';
import './elements/review-player/define.js';
import './elements/comment-thread/define.js';
