export { main } from './main.js';
export { info } from './commands/info.js';
export type { InfoReport } from './commands/info.js';
