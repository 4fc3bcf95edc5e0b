import { serveCommand } from './serve';

const USAGE = `Usage: queuedesk <command> [options]

Commands:
  serve    run QueueDesk in a browser tab (headless; no Electron needed)

Run "queuedesk <command> --help" for its options.
`;

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  serve: serveCommand,
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
