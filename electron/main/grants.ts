/**
 * What the renderer may read and write: real paths (symbolic links resolved) the USER chose.
 *
 * - Read: files picked in an open dialog (a folder: the regular files found in it), dropped files
 *   whose contents the preload proved, files in a dropped folder the user confirmed, the Recent menu,
 *   and the clips and models referenced by a case opened one of those ways.
 * - Write: the file picked in a save dialog (for that kind of save), and a case the user opened
 *   (saving it in place). After a note export's save dialog, the other formats of that export may
 *   be written beside it (each note kind once, within EXPORT_SET_MS, extension matching the kind).
 *
 * Nothing is granted by directory prefix: a grant names one file, so a symbolic link or a `..`
 * cannot reach past it. The renderer can ask for any path; anything else is refused.
 */
import path from 'node:path';
import type { SaveKind } from '../ipc-contract';
import { uncShare } from './paths';

/** How long after a note export's dialog its other formats may be written beside it, ms. */
export const EXPORT_SET_MS = 5 * 60_000;

/** Save kinds of a note export and the extension each is written with. */
export const NOTE_EXTENSIONS: Partial<Record<SaveKind, string>> = {
  'note-pdf': '.pdf',
  'note-md': '.md',
  'note-html': '.html',
  'note-sr': '.dcm',
  'note-fhir': '.json',
};

/** One note export: the folder chosen in its dialog and the kinds not yet written beside it. */
interface ExportSet {
  dir: string;
  remaining: Set<SaveKind>;
  until: number;
}

export class Grants {
  private readonly reads = new Set<string>();
  private readonly writes = new Map<string, Set<SaveKind>>();
  private readonly shares = new Set<string>();
  private exportSet: ExportSet | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Grant reading one file, by its real path. */
  grantRead(real: string): void {
    this.reads.add(path.resolve(real));
  }
  /** True when the real path `real` was granted for reading. */
  canRead(real: string): boolean {
    return this.reads.has(path.resolve(real));
  }
  /** Grant writing the real target `real` for these kinds of save (it is readable too). */
  grantWrite(real: string, kinds: readonly SaveKind[]): void {
    const r = path.resolve(real);
    const set = this.writes.get(r) ?? new Set<SaveKind>();
    for (const k of kinds) set.add(k);
    this.writes.set(r, set);
    this.reads.add(r);
  }
  /**
   * Whether a save of `kind` may replace the real target `real` without a dialog: 'granted' (the
   * user chose this file for it), 'export-set' (another format of the note export just saved
   * beside it; call `usedExportSet` once written), or null.
   */
  writeAllowance(real: string, kind: SaveKind): 'granted' | 'export-set' | null {
    if (this.writes.get(path.resolve(real))?.has(kind)) return 'granted';
    return this.inExportSet(real, kind, false) ? 'export-set' : null;
  }
  /** Record that a companion of the export set was written (each note kind once). */
  usedExportSet(real: string, kind: SaveKind): void {
    this.inExportSet(real, kind, true);
  }
  /** A note export's dialog picked `real` for `kind`: its other formats may follow beside it. */
  startExportSet(real: string, kind: SaveKind): void {
    if (!NOTE_EXTENSIONS[kind]) return;
    const remaining = new Set(Object.keys(NOTE_EXTENSIONS) as SaveKind[]);
    remaining.delete(kind);
    this.exportSet = { dir: path.dirname(path.resolve(real)), remaining, until: this.now() + EXPORT_SET_MS };
  }
  /** Network shares (Windows UNC) of files picked in a dialog: their cases' clips may be read there. */
  allowShareOf(p: string): void {
    const s = uncShare(p);
    if (s) this.shares.add(s);
  }
  get allowedShares(): ReadonlySet<string> {
    return this.shares;
  }
  /** Every read grant (persisted with the autosave so a recovered case finds its clips). */
  readGrants(): string[] {
    return [...this.reads];
  }
  /** Write grants of case saves (persisted with the autosave). */
  caseWriteGrants(): { path: string; kinds: SaveKind[] }[] {
    return [...this.writes].flatMap(([p, kinds]) => {
      const k = [...kinds].filter((x) => x === 'case' || x === 'case-bundle');
      return k.length ? [{ path: p, kinds: k }] : [];
    });
  }

  private inExportSet(real: string, kind: SaveKind, consume: boolean): boolean {
    const set = this.exportSet;
    if (!set || this.now() > set.until || !set.remaining.has(kind)) return false;
    const r = path.resolve(real);
    const name = path.basename(r);
    if (path.dirname(r) !== set.dir || name.startsWith('.') || !name.toLowerCase().endsWith(NOTE_EXTENSIONS[kind]!)) return false;
    if (consume) set.remaining.delete(kind);
    return true;
  }
}
