import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openInBrowser } from './browser';
import { findElectron } from './electron-binary';
import { projectInFolder } from './project-config';
import { runServe, SERVE_OPTIONS, SERVE_OPTIONS_HELP } from './serve';
import { watchLauncher } from './stop-requests';

const HELP = `Usage: queuedesk [open] [options]

Opens QueueDesk on the project in this folder (its queuedesk.config.*, if any): the desktop window where Electron is
installed, otherwise the same UI served on loopback and opened in your browser.
  --browser   use the browser even where the desktop window could open
  --no-open   print the URL, do not launch a browser
${SERVE_OPTIONS_HELP}`;

export async function openCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SERVE_OPTIONS,
      browser: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  // out/main/cli.js → the package root, which Electron runs as the app (its package.json names out/main/index.js).
  const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const electron = findElectron(resolve(appRoot, 'package.json'));
  if (electron.ok && !values.browser) return openDesktop(electron.path, appRoot, values);

  const why = electron.ok ? '--browser was given' : electron.why;
  console.log(`No desktop window: ${why}. Opening QueueDesk in the browser instead.`);
  const server = await runServe(values);
  if (values['no-open']) return;
  if (openInBrowser(server.pageUrl)) console.log('Opened in your default browser.');
  else console.log('No browser to open here: open the URL above.');
}

function openDesktop(
  binary: string,
  appRoot: string,
  values: { config?: string; redis?: string; 'data-dir'?: string },
): void {
  const project = values.config ? resolve(values.config) : projectInFolder(process.cwd());
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (project) env.QUEUEDESK_PROJECT = project;
  if (values.redis) env.QUEUEDESK_REDIS_URL = values.redis;
  if (values['data-dir']) env.QUEUEDESK_DATA_DIR = resolve(values['data-dir']);
  const child = spawn(binary, [appRoot], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  watchLauncher(() => forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
