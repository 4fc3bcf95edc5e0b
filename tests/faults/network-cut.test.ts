import { cutRig } from './fault-rig';
import { describeRedisFault } from './redis-faults';

describeRedisFault('a network cut between the app and Redis, then healed', cutRig);
