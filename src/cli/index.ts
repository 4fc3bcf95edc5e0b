import { beatCommand } from './beat';
import { openCommand } from './open';
import { serveCommand } from './serve';
import { workerCommand } from './worker';

const USAGE = `Usage: queuedesk [command] [options]

Commands:
  open     (the default) open QueueDesk on this folder's project: the desktop window, or the browser where
           Electron cannot run
  serve    run QueueDesk for a browser tab (headless; no Electron needed)
  worker   run a project's tasks for its queues (queuedesk.config.*), headless
  beat     enqueue a project's scheduled tasks, headless

Common options: --config <file|folder> (default: this folder's queuedesk.config.*), --redis URL; worker and
beat also take --cluster host:port,… or --sentinel host:port,… --master NAME and --tls; serve, worker and beat
take --tls-ca FILE (a PEM CA bundle) and --tls-skip-verify.
Run "queuedesk <command> --help" for all of a command's options.
`;

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  open: openCommand,
  serve: serveCommand,
  worker: workerCommand,
  beat: beatCommand,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  // No command, or options only: open.
  if (name === undefined || name.startsWith('-')) return openCommand(argv);
  const command = commands[name];
  if (!command) {
    process.stderr.write(`unknown command: ${name}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  await command(rest);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
