import type { TaskList } from '../../shared/contract';
import { isFromChild } from '../processes/messages';
import { childEntry } from '../supervisor/entries';
import type { ForkFn } from '../supervisor/fork';
import { TaskRegistry } from './registry';

const LIST_TIMEOUT_MS = 20_000;

/**
 * The app's view of the tasks (for `tasks.list`): the built-ins, plus the project module's tasks as listed by a
 * short-lived child process (src/core/tasks/main.ts). On failure the last good list stays, with the error.
 */
export class TaskCatalog {
  private modulePath: string | null = null;
  private last: TaskList = new TaskRegistry().list();

  constructor(private readonly fork: ForkFn) {}

  list(): TaskList {
    return structuredClone(this.last);
  }

  async load(modulePath: string | null = this.modulePath): Promise<void> {
    const switched = modulePath !== this.modulePath;
    this.modulePath = modulePath;
    if (!modulePath) {
      this.last = new TaskRegistry().list();
      return;
    }
    try {
      const listed = await this.listInChild(modulePath);
      // A module that does not load keeps the tasks it had (as workers keep its handlers), with the error.
      this.last =
        listed.moduleError && !switched ? { ...this.last, moduleError: listed.moduleError } : listed;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const keep = switched ? new TaskRegistry().list() : this.last;
      this.last = { ...keep, module: modulePath, moduleError: message };
    }
  }

  private listInChild(module: string): Promise<TaskList> {
    const entry = childEntry('tasks');
    const child = this.fork(entry.modulePath, {
      env: { ...process.env },
      execArgv: entry.execArgv,
      serviceName: 'QueueDesk task lister',
    });
    return new Promise<TaskList>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => finish(new Error(`listing the tasks took over ${LIST_TIMEOUT_MS / 1000} s`)),
        LIST_TIMEOUT_MS,
      );
      const finish = (err: Error | null, list?: TaskList): void => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        if (err) reject(err);
        else resolve(list as TaskList);
      };
      child.onMessage((m) => isFromChild(m) && m.type === 'tasks' && finish(null, m.list));
      child.onOutput((_stream, text) => (output = (output + text).slice(-2000)));
      child.onExit((code, signal) =>
        finish(
          new Error(
            `the task module stopped its loader (${signal ?? `exit code ${code}`})${output ? `: ${output.trim()}` : ''}`,
          ),
        ),
      );
      child.send({ type: 'list-tasks', module });
    });
  }
}
