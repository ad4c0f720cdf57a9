/**
 * The layer boundaries of docs/ARCHITECTURE.md, checked through the real ESLint configuration:
 * each forbidden import must be reported, each allowed one must not.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, source: string): Promise<boolean> {
  const [res] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return res!.messages.some((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax');
}

const cases: [file: string, importFrom: string, forbidden: boolean][] = [
  ['core/geometry/x.ts', 'react', true],
  ['core/geometry/x.ts', 'three', true],
  ['core/anatomy/x.ts', 'three-mesh-bvh', true],
  ['core/dicom/x.ts', 'cornerstone-core', true],
  ['core/plan/x.ts', 'electron', true],
  ['core/plan/x.ts', 'node:fs', true],
  ['core/plan/x.ts', 'zod', false],
  ['core/cli/x.ts', 'node:fs', false],
  ['core/cli/x.ts', 'react', true],
  ['renderer/ui/x.tsx', 'cornerstone-core', true],
  ['renderer/ui/x.tsx', 'three', true],
  ['renderer/ui/x.tsx', '@react-three/fiber', true],
  ['renderer/ui/x.tsx', 'electron', true],
  ['renderer/ui/x.tsx', 'react', false],
  ['renderer/ui/x.tsx', '../../electron/ipc-contract', false],
  ['renderer/viewer2d/x.tsx', 'cornerstone-core', false],
  ['renderer/viewer2d/x.tsx', 'three', true],
  ['renderer/scene3d/x.tsx', 'three', false],
  ['renderer/scene3d/x.tsx', '@react-three/drei', false],
  ['renderer/scene3d/x.tsx', 'cornerstone-core', true],
  ['electron/main/x.ts', 'electron', false],
  ['electron/main/x.ts', 'react', true],
  ['electron/preload/x.ts', 'node:fs', true],
  ['electron/ipc-contract.ts', 'zod', true],
];

/**
 * The renderer's rooms (docs/ARCHITECTURE.md, "Layers"): one rule each, checked at the folder depths
 * the tree uses (a path from renderer/ui/plan/ climbs one folder more than one from renderer/ui/).
 */
const rooms: [file: string, importFrom: string, forbidden: boolean][] = [
  // viewer2d offers an overlay slot and never imports the plan or the UI
  ['renderer/viewer2d/x.tsx', '../ui/App', true],
  ['renderer/viewer2d/x.tsx', '../annotate/AnnotationLayer', true],
  ['renderer/viewer2d/x.tsx', '../services/caseFiles', true],
  ['renderer/viewer2d/x.tsx', '../scene3d', true],
  ['renderer/viewer2d/x.tsx', '../state/viewer', false],
  ['renderer/viewer2d/x.tsx', '../workers/pool', false],
  ['renderer/viewer2d/x.tsx', '../../core/geometry/view-transform', false],
  // ui reaches viewer2d and scene3d only through their public index; no dicom-parser
  ['renderer/ui/x.tsx', '../viewer2d/clips', true],
  ['renderer/ui/x.tsx', '../viewer2d/setup', true],
  ['renderer/ui/x.tsx', '../viewer2d', false],
  ['renderer/ui/x.tsx', '../viewer2d/index', false],
  ['renderer/ui/plan/x.tsx', '../../viewer2d/clips', true],
  ['renderer/ui/plan/x.tsx', '../../scene3d/models', true],
  ['renderer/ui/plan/x.tsx', '../../scene3d', false],
  ['renderer/ui/plan/x.tsx', '../scene3d/ClipTrajectoryOverlay', false], // ui/scene3d is ui
  ['renderer/ui/x.tsx', 'dicom-parser', true],
  ['renderer/ui/x.tsx', 'zustand', true],
  ['renderer/ui/x.tsx', '../annotate/AnnotationLayer', false],
  ['renderer/ui/x.tsx', '../services/caseFiles', false],
  ['renderer/ui/note/x.ts', '../../../tests/support/shared', true],
  // state holds every store and imports neither the platform, services nor UI
  ['renderer/state/x.ts', 'zustand', false],
  ['renderer/state/x.ts', '../bridge/types', true],
  ['renderer/state/x.ts', '../bridge', true],
  ['renderer/state/x.ts', '../annotate/tools', true],
  ['renderer/state/x.ts', '../services/caseFiles', true],
  ['renderer/state/x.ts', '../ui/Icon', true],
  ['renderer/state/x.ts', '../viewer2d', true],
  ['renderer/state/x.ts', './case', false],
  ['renderer/state/x.ts', '../../core/plan/index', false],
  ['renderer/state/x.ts', '../../electron/ipc-contract', false],
  ['renderer/state/x.ts', '../../electron/main/index', true],
  // services: core, bridge, state, viewer2d/scene3d through their index; never ui or annotate
  ['renderer/services/x.ts', '../ui/App', true],
  ['renderer/services/x.ts', '../annotate/actions', true],
  ['renderer/services/x.ts', '../viewer2d/clips', true],
  ['renderer/services/x.ts', '../viewer2d', false],
  ['renderer/services/x.ts', '../bridge', false],
  ['renderer/services/x.ts', '../state/case', false],
  ['renderer/services/x.ts', 'zustand', true],
  // annotate: core and state (and the ui Icon glyphs)
  ['renderer/annotate/x.tsx', '../ui/Icon', false],
  ['renderer/annotate/x.tsx', '../state/tool', false],
  ['renderer/annotate/x.tsx', '../ui/plan/PlanPanel', true],
  ['renderer/annotate/x.tsx', '../ui/scene3d/ClipTrajectoryOverlay', true],
  ['renderer/annotate/x.tsx', '../viewer2d', true],
  ['renderer/annotate/x.tsx', '../services/caseFiles', true],
  ['renderer/annotate/x.tsx', '../bridge', true],
  // scene3d never imports its panels (ui) or the 2D viewer
  ['renderer/scene3d/x.tsx', '../ui/scene3d/Sidebar', true],
  ['renderer/scene3d/lib/x.ts', '../../ui/scene3d/Sidebar', true],
  ['renderer/scene3d/x.tsx', '../viewer2d', true],
  ['renderer/scene3d/x.tsx', '../state/scene3d', false],
  // workers and bridge
  ['renderer/workers/x.ts', '../state/viewer', true],
  ['renderer/workers/x.ts', '../../core/dicom/index', false],
  ['renderer/bridge/x.ts', '../state/case', true],
  ['renderer/bridge/x.ts', '../state/messages', false], // every user-facing error goes through the messages store
  ['renderer/services/x.ts', '../workers/bundleReader', false],
  ['renderer/ui/note/x.ts', '../../../assets/fonts/DejaVuSans.ttf?url', false],
  ['renderer/bridge/x.ts', '../../electron/ipc-contract', false],
];

describe('import boundaries (ESLint)', () => {
  it.each(cases)('%s importing %s → forbidden: %s', async (file, from, forbidden) => {
    expect(await restricted(file, `import m from '${from}';\nexport const x = m;\n`)).toBe(forbidden);
  });

  it.each(rooms)('%s importing %s → forbidden: %s', async (file, from, forbidden) => {
    expect(await restricted(file, `import m from '${from}';\nexport const x = m;\n`)).toBe(forbidden);
  });

  it.each(rooms)('%s importing %s with import() → forbidden: %s', async (file, from, forbidden) => {
    expect(await restricted(file, `export const load = () => import('${from}');\n`)).toBe(forbidden);
  });

  it('only the preload may take ipcRenderer; main may not', async () => {
    expect(await restricted('electron/main/x.ts', `import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n`)).toBe(true);
    expect(await restricted('electron/preload/x.ts', `import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n`)).toBe(false);
    expect(await restricted('electron/preload/x.ts', `import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n`)).toBe(true);
  });
});
