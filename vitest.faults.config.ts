import { defineConfig } from 'vitest/config';

// The fault suite (npm run test:faults): kills, cuts and a soak against real processes. Minutes, not seconds,
// so the normal `vitest run` leaves it out; files run one at a time because they measure time and memory.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
