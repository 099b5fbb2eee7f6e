import { nms } from '../src/index.js';
import { clustered } from './clustered.js';
const c = clustered(1000, 1000);
for (let r = 0; r < 3000; r++) nms(c.boxes, c.scores, 0.5);
