import { useEffect } from 'react';
import { create } from 'zustand';
import type { TaskList } from '../../../shared/contract';
import { api, errorMessage } from '../api';

interface TasksStore {
  list: TaskList | null;
  error: string | null;
  load(): Promise<void>;
  /** The JSON schema of a task's args, when the registry has one. */
  schemaOf(task: string): unknown;
}

export const useTasks = create<TasksStore>((set, get) => ({
  list: null,
  error: null,
  async load() {
    try {
      set({ list: await api.call('tasks.list', {}), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  schemaOf(task) {
    return get().list?.tasks.find((t) => t.name === task)?.argsSchema;
  },
}));

export function useTasksSync(): void {
  useEffect(() => {
    void useTasks.getState().load();
  }, []);
}
