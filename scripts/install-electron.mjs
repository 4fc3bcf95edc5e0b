// postinstall: fetch Electron's binary where it can be had. Electron's own install script is not allowed to run
// (package.json allowScripts) because it fails `npm install` on a machine that cannot download it (offline, a
// container, CI); here a failed download is a note, and `npm start` then opens QueueDesk in the browser.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const say = (line) => console.log(`queuedesk: ${line}`);
let installer;
try {
  installer = createRequire(import.meta.url).resolve('electron/install.js');
} catch {
  say('Electron is not installed, so QueueDesk will open in the browser.');
  process.exit(0);
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  say('ELECTRON_SKIP_BINARY_DOWNLOAD is set: no desktop window, QueueDesk will open in the browser.');
  process.exit(0);
}
const run = spawnSync(process.execPath, [installer], {
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
  timeout: 10 * 60_000,
});
if (run.status === 0) {
  say('Electron is ready: QueueDesk opens as a desktop window.');
} else {
  const reason =
    (run.stderr ?? '').split('\n').find((l) => /error/i.test(l)) ?? run.error?.message ?? 'unknown';
  say(`Electron's binary could not be downloaded (${reason.trim()}).`);
  say(
    'QueueDesk will open in the browser instead; `node node_modules/electron/install.js` tries the download again.',
  );
}
