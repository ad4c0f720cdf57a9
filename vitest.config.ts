import { defineConfig } from 'vitest/config';

/**
 * Three projects:
 *  - node:  core, CLI, electron main (Electron mocked), scripts/config checks
 *  - jsdom: renderer components
 *  - e2e:   playwright-core driving Debian's Chromium against the built browser mode
 *           (run by scripts/test.mjs after `vite build`; needs /usr/bin/chromium)
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/{core,cli,electron,build}/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        define: { __APP_VERSION__: JSON.stringify('test') },
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['tests/unit/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
