// One contract over the whole registry, part 3 (shard 2 of 2): five training steps at small input (see train-contract.ts).
import { shard } from './contract.js';
import { trainContract } from './train-contract.js';

trainContract(shard(1, 2));
