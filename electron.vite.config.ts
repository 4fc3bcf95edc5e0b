import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Electron is optional: npm 10 drops the package when its binary cannot be downloaded. The build needs only its
// major version (for the output format), which package.json names.
try {
  createRequire(import.meta.url).resolve('electron/package.json');
} catch {
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as {
    optionalDependencies: { electron: string };
  };
  process.env.ELECTRON_MAJOR_VER ??= /\d+/.exec(pkg.optionalDependencies.electron)?.[0];
}

// Main holds every plain-Node entry: the Electron main, the CLI (serve/worker/beat) and the child processes,
// so one build serves both the desktop app and the headless mode.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/index.ts'),
          worker: resolve('src/core/worker/main.ts'),
          beat: resolve('src/core/beat/main.ts'),
          tasks: resolve('src/core/tasks/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads must be CommonJS and self-contained.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
