import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const BULLMQ_USERS = ['src/core/queues/drivers/bullmq/**', 'src/core/worker/**', 'src/core/beat/**'];
const CELERY_USERS = ['src/core/queues/drivers/celery/**', 'src/core/queues/engines.ts'];
const BULL_USERS = ['src/core/queues/drivers/bull/**'];
const NO_BULLMQ = { name: 'bullmq', message: 'only src/core/queues/drivers/bullmq imports bullmq' };
const NO_BULL = { name: 'bull', message: 'only src/core/queues/drivers/bull imports bull (legacy Bull)' };
const NO_CELERY = { group: ['**/drivers/celery/*'], message: 'reach the Celery driver through the engine registry' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Engines are reached through the QueueDriver interface and the engine registry: only a driver's folder imports
  // its engine's library or modules (the worker and beat still use bullmq directly: next to move behind it).
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: [...BULLMQ_USERS, ...CELERY_USERS, ...BULL_USERS],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_BULLMQ, NO_BULL], patterns: [NO_CELERY] }] },
  },
  { files: BULLMQ_USERS, rules: { 'no-restricted-imports': ['error', { paths: [NO_BULL], patterns: [NO_CELERY] }] } },
  { files: CELERY_USERS, rules: { 'no-restricted-imports': ['error', { paths: [NO_BULLMQ, NO_BULL] }] } },
  { files: BULL_USERS, rules: { 'no-restricted-imports': ['error', { paths: [NO_BULLMQ], patterns: [NO_CELERY] }] } },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
