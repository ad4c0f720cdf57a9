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
  return res!.messages.some((m) => m.ruleId === 'no-restricted-imports');
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

describe('import boundaries (ESLint)', () => {
  it.each(cases)('%s importing %s → forbidden: %s', async (file, from, forbidden) => {
    expect(await restricted(file, `import m from '${from}';\nexport const x = m;\n`)).toBe(forbidden);
  });

  it('only the preload may take ipcRenderer; main may not', async () => {
    expect(await restricted('electron/main/x.ts', `import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n`)).toBe(true);
    expect(await restricted('electron/preload/x.ts', `import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n`)).toBe(false);
    expect(await restricted('electron/preload/x.ts', `import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n`)).toBe(true);
  });
});
