#!/usr/bin/env node
// The CLI runs from the build: `npm run build` makes out/main/cli.js (npm run serve does it for you).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('QueueDesk is not built yet: run `npm run build` (or `npm run serve`) in its folder first.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
