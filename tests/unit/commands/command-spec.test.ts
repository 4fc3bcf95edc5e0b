import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../../src/core/commands/argv';
import { commandSpec } from '../../../src/core/commands/command-spec';
import { levelOf } from '../../../src/core/commands/log-level';
import { ProjectConfig } from '../../../src/core/config/schema';

const entry = (over: Record<string, unknown>) =>
  ProjectConfig.parse({ commands: [{ id: 'c', command: 'x', ...over }] }).commands[0]!;

describe('a project command, as it will be spawned', () => {
  it('splits like a shell: quotes, backslashes, $VARS, comments; no shell runs', () => {
    expect(splitCommand(`celery -A proj worker -l info`, {})).toEqual([
      'celery',
      '-A',
      'proj',
      'worker',
      '-l',
      'info',
    ]);
    expect(splitCommand(`run "two words" 'and $NOT' a\\ b $HOME # ignored`, { HOME: '/h' })).toEqual([
      'run',
      'two words',
      'and $NOT',
      'a b',
      '/h',
    ]);
    expect(splitCommand('ls *.py', {})).toEqual(['ls', '*.py']);
  });

  it('refuses what only a shell can do, saying how to ask for one', () => {
    expect(() => splitCommand('celery worker | tee log', {})).toThrow(
      /"\|" needs a shell: write \["sh", "-c"/,
    );
    expect(() => splitCommand('a && b', {})).toThrow(/"&&" needs a shell/);
    expect(() => splitCommand('# only a comment', {})).toThrow(/empty/);
  });

  it('resolves cwd against the config file, PATH entries against cwd, env over the app', () => {
    const spec = commandSpec(
      entry({ command: 'celery -A $APP worker', cwd: 'backend', path: ['.venv/bin'], env: { APP: 'proj' } }),
      '/p/queuedesk.config.ts',
      { PATH: '/usr/bin', KEEP: '1' },
    );
    expect(spec).toEqual({
      id: 'c',
      argv: ['celery', '-A', 'proj', 'worker'],
      cwd: '/p/backend',
      env: { PATH: '/p/backend/.venv/bin:/usr/bin', KEEP: '1', APP: 'proj' },
      graceMs: 10_000,
    });
    expect(commandSpec(entry({ command: ['a b', '$X'] }), '/p/c.json', {}).argv).toEqual(['a b', '$X']);
    expect(commandSpec(entry({}), '/p/c.json', {}).cwd).toBe('/p');
  });

  it('rejects duplicate ids and bad entries in the config', () => {
    const twice = ProjectConfig.safeParse({
      commands: [
        { id: 'a', command: 'x' },
        { id: 'a', command: 'y' },
      ],
    });
    expect(twice.error?.issues[0]?.message).toBe('command ids must be unique');
    expect(ProjectConfig.safeParse({ commands: [{ id: 'a b', command: 'x' }] }).success).toBe(false);
    expect(ProjectConfig.safeParse({ commands: [{ id: 'a', command: [] }] }).success).toBe(false);
    expect(ProjectConfig.safeParse({ commands: [{ id: 'a', command: 'x', shell: true }] }).success).toBe(
      false,
    );
  });

  it('takes the level from the line, not the stream (Celery logs info to stderr)', () => {
    expect(levelOf('[2026-12-01 10:00:00,000: INFO/MainProcess] celery@x ready.')).toBe('info');
    expect(levelOf('[2026-12-01 10:00:00,000: WARNING/MainProcess] careful')).toBe('warn');
    expect(levelOf('[2026-12-01 10:00:00,000: ERROR/MainProcess] broken')).toBe('error');
    expect(levelOf('Traceback (most recent call last):')).toBe('error');
  });
});
