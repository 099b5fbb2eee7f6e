// One contract over the whole registry, part 2 (shard 2 of 2): a forward pass at canonical input (see forward-contract.ts).
import { shard } from './contract.js';
import { forwardContract } from './forward-contract.js';

forwardContract(shard(1, 2));
