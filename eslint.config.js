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

const DICOM_PARSER = { regex: '^dicom-parser(/.*)?$', message: 'Only core/ parses DICOM (dicom-parser): call core/dicom.' };
const ZUSTAND = { regex: '^zustand(/.*)?$', message: 'Every store lives in renderer/state: create it there.' };

/**
 * The renderer's rooms and the one import rule of each (docs/ARCHITECTURE.md, "Layers"). `may` lists
 * the other rooms a room may import; a room named `x/index` may be imported only through its public
 * index; `x/leaf` names the one module of room x it may use (ui/Icon, state/messages). Every room may
 * import core/ and assets/ (fonts, images as URLs).
 * `contract`: may import electron/ipc-contract (data types that cross the bridge).
 */
const ROOMS = {
  bridge: { may: ['state/messages'], contract: true, rule: 'renderer/bridge is the platform (Electron or browser): it imports core, the IPC contract and the messages store (every user-facing error goes through it), never another store or the UI.' },
  state: { may: [], contract: true, rule: 'renderer/state holds the stores: they import core, the IPC contract’s data types and each other; never the platform (bridge), services or UI.' },
  services: { may: ['bridge', 'state', 'workers', 'viewer2d/index', 'scene3d/index'], rule: 'renderer/services adapt core and the platform to the app: core, bridge, state, workers, and viewer2d/scene3d through their public index; never ui or annotate.' },
  annotate: { may: ['state', 'ui/Icon'], rule: 'renderer/annotate is what the 2D viewer’s overlay slot receives: it imports core and state (and the ui Icon glyphs), never the viewer, services, the bridge or other ui.' },
  viewer2d: { may: ['bridge', 'state', 'workers'], lib: 'cornerstone', rule: 'renderer/viewer2d offers an overlay slot and never imports the plan or the UI: core, bridge, state and workers only.' },
  scene3d: { may: ['bridge', 'state'], lib: 'three', rule: 'renderer/scene3d imports core, bridge and state only; its panels come from ui (never imported here).' },
  ui: { may: ['bridge', 'state', 'services', 'annotate', 'viewer2d/index', 'scene3d/index'], contract: true, rule: 'renderer/ui reaches viewer2d and scene3d only through their public index (renderer/viewer2d/index.ts, renderer/scene3d/index.tsx), and never a library’s objects.' },
  workers: { may: [], rule: 'renderer/workers (decode workers) import core only.' },
};
const ROOM_NAMES = Object.keys(ROOMS);
/** Top-level folders beside renderer/ that renderer code must not reach (core/ is allowed). */
const OUTSIDE = ['electron', 'tests', 'bench', 'build', 'scripts', 'native'];
/** Deepest folder level below a room that the rules cover (renderer/ui/a/b/c/x.tsx is level 3). */
const MAX_DEPTH = 3;

/** `ImportExpression` selectors for no-restricted-syntax (esquery regexes may not contain a slash). */
const dynamic = (pattern) => ({ selector: `ImportExpression[source.value=/${pattern.regex.replaceAll('/', '\\x2F')}/]`, message: pattern.message });

/** The patterns that break `room`'s rule, for a file `depth` folders below the room. */
function roomPatterns(room, depth) {
  const { may, contract, rule } = ROOMS[room];
  const up = `^(\\.\\./){${depth + 1}}`; // from the file to renderer/
  const out = [];
  for (const other of ROOM_NAMES) {
    if (other === room) continue;
    if (may.includes(other)) continue;
    if (may.includes(`${other}/index`)) out.push({ regex: `${up}${other}/(?!index$).+`, message: rule });
    else if (may.some((m) => m.startsWith(`${other}/`))) {
      const leaves = may.filter((m) => m.startsWith(`${other}/`)).map((m) => m.slice(other.length + 1));
      out.push({ regex: `${up}${other}(/(?!(${leaves.join('|')})$).*)?$`, message: rule });
    } else out.push({ regex: `${up}${other}(/.*)?$`, message: rule });
  }
  out.push({ regex: `${up}\\.\\./(${OUTSIDE.join('|')})(/(?!${contract ? 'ipc-contract$' : '$'}).*)?$`, message: rule });
  return out;
}

/** One config object per room and folder depth, with the room's library rules and its room rule. */
function roomConfigs() {
  const configs = [];
  for (const room of ROOM_NAMES) {
    const libs = [ELECTRON, NODE, DICOM_PARSER, ...(room === 'state' ? [] : [ZUSTAND]), ...(ROOMS[room].lib === 'three' ? [] : [THREE]), ...(ROOMS[room].lib === 'cornerstone' ? [] : [CORNERSTONE])];
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      const patterns = [...libs, ...roomPatterns(room, depth)];
      configs.push({
        files: [`renderer/${room}/${'*/'.repeat(depth)}*.{ts,tsx}`],
        rules: {
          'no-restricted-imports': ['error', { patterns }],
          'no-restricted-syntax': ['error', ...patterns.map(dynamic)],
        },
      });
    }
  }
  return configs;
}

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
  // renderer: browser code, never Electron or Node; cornerstone only in viewer2d, three only in
  // scene3d, dicom-parser only in core, zustand (stores) only in state. Each room has one import rule (ROOMS above; the layer table
  // of docs/ARCHITECTURE.md), for static imports and for dynamic import() alike.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': ['error', { patterns: [ELECTRON, THREE, CORNERSTONE, NODE, DICOM_PARSER, ZUSTAND] }],
    },
  },
  ...roomConfigs(),
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}', 'bin/**/*.mjs', '*.config.{js,ts}', 'build/**/*.{js,mjs,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
