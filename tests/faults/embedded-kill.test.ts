import { embeddedKillRig } from './fault-rig';
import { describeRedisFault } from './redis-faults';

describeRedisFault('kill -9 of the embedded Redis (the app restarts it)', embeddedKillRig);
