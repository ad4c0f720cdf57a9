import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const cfg = pkg.build;
const require = createRequire(import.meta.url);

describe('electron-builder configuration', () => {
  it("validates against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(cfg), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('targets AppImage and deb, NSIS, and dmg, with app id, product name and icon', () => {
    expect(cfg.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(cfg.win.target).toEqual(['nsis']);
    expect(cfg.mac.target).toEqual(['dmg']);
    expect(cfg.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(cfg.productName).toBe('BlockPlan');
    const icon = path.join(root, cfg.icon);
    expect(existsSync(icon)).toBe(true);
    const png = readFileSync(icon);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width: electron-builder needs ≥ 512 px
  });

  it('associates .dcm and the case file extensions', () => {
    const exts = cfg.fileAssociations.map((a: { ext: string }) => a.ext);
    expect(exts).toEqual(expect.arrayContaining(['dcm', 'bpcase', 'bpcasez']));
  });

  it('packs the renderer, the main/preload bundles and the anatomy atlas', () => {
    expect(cfg.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', 'assets/anatomy/**']));
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(existsSync(path.join(root, 'assets/anatomy'))).toBe(true);
  });

  it('builds main and preload entry points; the sandboxed preload requires only electron', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bp-build-'));
    const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, external: ['electron'], write: true, logLevel: 'silent' as const };
    await build({ ...common, entryPoints: [path.join(root, 'electron/main/index.ts')], outfile: path.join(out, 'main.cjs') });
    await build({ ...common, entryPoints: [path.join(root, 'electron/preload/index.ts')], outfile: path.join(out, 'preload.cjs') });
    const preload = readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(readFileSync(path.join(out, 'main.cjs'), 'utf8')).toContain('registerSchemesAsPrivileged');
    // `npm run dist` builds these exact files first.
    expect(pkg.scripts.dist).toMatch(/npm run build/);
    expect(readFileSync(path.join(root, 'scripts/build-electron.mjs'), 'utf8')).toContain('dist-electron/preload.cjs');
  });
});
