import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

// Electron is not installed here (no binary): stand in for utilityProcess to check the adapter's mapping.
const forked: Array<{ path: string; options: Record<string, unknown>; child: FakeUtility }> = [];
class FakeUtility extends EventEmitter {
  pid = 4242;
  stdout = new EventEmitter();
  stderr = new EventEmitter();
  posted: unknown[] = [];
  killed = 0;
  postMessage(m: unknown): void {
    this.posted.push(m);
  }
  kill(): boolean {
    this.killed++;
    return true;
  }
}
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (path: string, _args: string[], options: Record<string, unknown>) => {
      const child = new FakeUtility();
      forked.push({ path, options, child });
      return child;
    },
  },
}));

const { utilityFork } = await import('../../../src/main/fork');

describe("the supervisor's fork function in Electron (utilityProcess)", () => {
  it('maps messages, output, exit and kill onto a utility process', () => {
    const child = utilityFork('/app/out/main/worker.js', {
      env: { A: '1', B: undefined },
      execArgv: [],
      serviceName: 'QueueDesk worker worker-1',
    });
    const [{ path, options, child: utility }] = forked as [(typeof forked)[0]];
    expect(path).toBe('/app/out/main/worker.js');
    expect(options).toMatchObject({
      env: { A: '1' },
      stdio: 'pipe',
      serviceName: 'QueueDesk worker worker-1',
    });
    expect(options.env).not.toHaveProperty('B');
    expect(child.pid).toBe(4242);

    const got: unknown[] = [];
    const output: string[] = [];
    const exits: unknown[] = [];
    child.onMessage((m) => got.push(m));
    child.onOutput((stream, text) => output.push(`${stream}:${text}`));
    child.onExit((code, signal) => exits.push([code, signal]));
    child.send({ type: 'stop' });
    utility.emit('message', { type: 'ready', pid: 4242 });
    utility.stderr.emit('data', Buffer.from('boom'));
    expect(utility.posted).toEqual([{ type: 'stop' }]);
    expect(got).toEqual([{ type: 'ready', pid: 4242 }]);
    expect(output).toEqual(['stderr:boom']);

    child.kill();
    expect(utility.killed).toBe(1);
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    child.kill('SIGKILL');
    expect(kill).toHaveBeenCalledWith(4242, 'SIGKILL');
    kill.mockRestore();

    utility.emit('exit', 137);
    expect(exits).toEqual([[137, null]]);
    child.send({ type: 'stop' }); // gone: nothing posted
    expect(utility.posted).toHaveLength(1);
  });
});
