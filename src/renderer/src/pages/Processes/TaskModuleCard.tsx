import { useEffect, useState } from 'react';
import type { ProjectInfo } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';
import { useTasks } from '../../stores/compose-tasks';
import { Field } from '../Compose/Field';

/** The project config and task module in use, the tasks they give, and reload / open another config. */
export function TaskModuleCard(): React.JSX.Element {
  const { list, load } = useTasks();
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('project.get', {}).then(setProject, (e) => setError(errorMessage(e)));
  }, []);
  const open = async (configPath: string, verb: string): Promise<void> => {
    try {
      setProject(await api.call('project.open', { configPath }));
      await load();
      setError(null);
      toast('ok', `${verb} ${configPath}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const reload = (): void => {
    if (project?.configPath) void open(project.configPath, 'Reloaded');
    else void load().then(() => toast('ok', 'Task registry read again'));
  };
  const mine = list?.tasks.filter((t) => t.source === 'module') ?? [];
  return (
    <div className="card" data-testid="module-card">
      <div className="row-between">
        <h2>Tasks</h2>
        <button onClick={reload} data-testid="module-reload">
          Reload
        </button>
      </div>
      <dl className="facts">
        <dt>Config</dt>
        <dd className="mono" data-testid="config-open-path">
          {project?.configPath ?? 'none open'}
        </dd>
        <dt>Task module</dt>
        <dd className="mono" data-testid="module-path">
          {list?.module ?? 'none (built-in tasks only)'}
        </dd>
        <dt>Tasks</dt>
        <dd data-testid="module-tasks">
          {list ? `${list.tasks.length - mine.length} built-in` : '…'}
          {mine.length ? `, ${mine.length} from your module: ${mine.map((t) => t.name).join(', ')}` : ''}
        </dd>
      </dl>
      {list?.moduleError && <p className="error-text">Module error: {list.moduleError}</p>}
      <form
        className="row open-config"
        onSubmit={(e) => (
          e.preventDefault(),
          path.trim()
            ? void open(path.trim(), 'Opened')
            : setError('give the path of a queuedesk.config file')
        )}
        noValidate
      >
        <Field label="Open a project config" name="config-path">
          <input
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/path/to/queuedesk.config.ts"
            className="mono"
            data-testid="config-path"
          />
        </Field>
        <button type="submit" data-testid="config-open">
          Open
        </button>
      </form>
      {error && (
        <p className="field-error" data-testid="config-error">
          {error}
        </p>
      )}
    </div>
  );
}
