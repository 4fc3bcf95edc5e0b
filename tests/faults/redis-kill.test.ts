import { killRig } from './fault-rig';
import { describeRedisFault } from './redis-faults';

describeRedisFault('kill -9 of Redis, then a restart', killRig);
