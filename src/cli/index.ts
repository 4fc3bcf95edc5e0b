import { beatCommand } from './beat';
import { serveCommand } from './serve';
import { workerCommand } from './worker';

const USAGE = `Usage: queuedesk <command> [options]

Commands:
  serve    run QueueDesk in a browser tab (headless; no Electron needed)
  worker   run a project's tasks for its queues (queuedesk.config.*), headless
  beat     enqueue a project's scheduled tasks, headless

Run "queuedesk <command> --help" for its options.
`;

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  serve: serveCommand,
  worker: workerCommand,
  beat: beatCommand,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stdout.write(USAGE);
    process.exitCode = name && name !== '--help' && name !== '-h' ? 2 : 0;
    return;
  }
  await command(rest);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
