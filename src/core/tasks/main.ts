// Entry of the short-lived task lister: the user's module is imported here, not in the app's own process, so
// whatever it does when loaded (open connections, exit, hang) cannot harm the app. The parent ends it.
import { parentPort } from '../processes/parent-port';
import { TaskRegistry } from './registry';

const port = parentPort();
if (!port) {
  console.error('the task lister is started by QueueDesk');
  process.exit(2);
}
port.onMessage((m) => {
  if (m.type !== 'list-tasks') return;
  const registry = new TaskRegistry(m.module);
  void registry.load().then(() => port.send({ type: 'tasks', list: registry.list() }));
});
