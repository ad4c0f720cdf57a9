// Layer boundaries are enforced here (no-restricted-imports), after Kitware VolView's eslint.config.js.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ELECTRON = { regex: '^electron(/.*)?$', message: 'Only electron/main imports Electron main-process APIs (and only the preload imports ipcRenderer).' };
const REACT = { regex: '^(react|react-dom|zustand)(/.*)?$', message: 'core/ is framework-free: no React.' };
const THREE = { regex: '^((three|three-mesh-bvh)(/.*)?|@react-three/.*)$', message: 'Only renderer/scene3d imports three, three-mesh-bvh and @react-three/*.' };
const CORNERSTONE = { regex: '^cornerstone-core(/.*)?$', message: 'Only renderer/viewer2d imports cornerstone-core.' };
const NODE = { regex: '^(node:.*|fs|fs/promises|path|os|child_process|crypto|zlib|url|worker_threads|http|https|net)$', message: 'No Node APIs here.' };

export default tseslint.config(
  {
    ignores: ['.exp/**', 'node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', '.tsbuild/**', 'test-output/**', 'assets/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  // core: pure domain (no React, DOM, three, cornerstone, electron, Node). The DOM is kept out by
  // core/tsconfig.json (lib without DOM). The CLI is the one Node entry point inside core/.
  {
    files: ['core/**/*.ts'],
    ignores: ['core/cli/**', 'core/node/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ELECTRON, REACT, THREE, CORNERSTONE, NODE] }] },
  },
  {
    files: ['core/cli/**/*.ts', 'core/node/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { patterns: [ELECTRON, REACT, THREE, CORNERSTONE] }] },
  },
  // electron/main: the only place for Electron main-process APIs; never ipcRenderer.
  {
    files: ['electron/main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [REACT, THREE, CORNERSTONE], paths: [{ name: 'electron', importNames: ['ipcRenderer', 'contextBridge'], message: 'ipcRenderer/contextBridge belong to the preload.' }] }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [REACT, THREE, CORNERSTONE, NODE],
        paths: [{ name: 'electron', importNames: ['app', 'BrowserWindow', 'ipcMain', 'dialog', 'Menu', 'protocol', 'session', 'shell', 'net'], message: 'The preload may use only contextBridge, ipcRenderer and webUtils.' }],
      }],
    },
  },
  {
    files: ['electron/ipc-contract.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '.*', message: 'The IPC contract imports nothing.' }] }] },
  },
  // renderer: browser code. cornerstone only in viewer2d; three only in scene3d; never electron or Node.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': ['error', { patterns: [ELECTRON, THREE, CORNERSTONE, NODE] }],
    },
  },
  {
    files: ['renderer/viewer2d/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ELECTRON, THREE, NODE] }] },
  },
  {
    files: ['renderer/scene3d/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ELECTRON, CORNERSTONE, NODE] }] },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}', 'bin/**/*.mjs', '*.config.{js,ts}', 'build/**/*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
