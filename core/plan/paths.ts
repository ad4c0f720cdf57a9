/**
 * Path arithmetic for case files, without Node's `path` (the renderer has none). Cases store clip
 * paths relative to the case file's folder with `/` separators, so a case folder can be moved or
 * copied to another computer. Works on POSIX paths, Windows paths (drive letters, `\`) and the bare
 * names browser mode uses.
 */

const isWindowsLike = (p: string) => /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

/** Split into segments, normalising `\` to `/` and dropping `.` and empty segments. */
function segments(p: string): string[] {
  return p.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

/** A location that is an address, not a path (e.g. `pacs://server/…` of a clip retrieved from a PACS): kept as it is. */
const isUrl = (p: string) => /^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(p);

/** True for `/x`, `C:\x`, `C:/x`, UNC paths and addresses (`scheme://…`). */
export function isAbsolute(p: string): boolean {
  return p.startsWith('/') || isWindowsLike(p) || isUrl(p);
}

/** The folder of a path ('' for a bare name). Keeps the path's own separator style. */
export function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '';
  if (i === 0) return p.slice(0, 1);
  if (/^[A-Za-z]:$/.test(p.slice(0, i))) return p.slice(0, i + 1);
  return p.slice(0, i);
}

/** The last segment of a path. */
export function basename(p: string): string {
  const s = segments(p);
  return s[s.length - 1] ?? '';
}

/** Resolve `..` segments; never climbs above the root. */
function normalise(parts: string[]): string[] {
  const out: string[] = [];
  for (const s of parts) {
    if (s === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else out.push('..');
    } else out.push(s);
  }
  return out;
}

/**
 * Join a folder and a path stored in a case (relative with `/`, or absolute). The result uses `\`
 * when the folder is a Windows path.
 */
export function joinPath(dir: string, rel: string): string {
  if (isUrl(rel)) return rel;
  if (isAbsolute(rel) || dir === '') return rel.replace(/\\/g, isWindowsLike(rel) ? '\\' : '/');
  const win = isWindowsLike(dir);
  const root = dir.startsWith('/') ? '/' : win && !dir.startsWith('\\\\') ? '' : win ? '\\\\' : '';
  const parts = normalise([...segments(dir), ...segments(rel)]);
  if (!dir.startsWith('/') && !win) return parts.join('/');
  return root + parts.join(win ? '\\' : '/');
}

/** Case-insensitive comparison of Windows path segments; exact on POSIX. */
function sameSegment(a: string, b: string, win: boolean): boolean {
  return win ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * `target` relative to folder `fromDir`, with `/` separators, for storing in a case. When the two
 * are on different roots (another drive), or one of them is not absolute while the other is, the
 * target is returned unchanged (an absolute path is allowed in a case for that reason).
 */
export function relativePath(fromDir: string, target: string): string {
  if (isUrl(target)) return target;
  const win = isWindowsLike(fromDir) || isWindowsLike(target);
  if (isAbsolute(fromDir) !== isAbsolute(target)) return isAbsolute(target) ? target : segments(target).join('/');
  const a = normalise(segments(fromDir));
  const b = normalise(segments(target));
  if (win && a.length && b.length && !sameSegment(a[0]!, b[0]!, true)) return target; // another drive
  let i = 0;
  while (i < a.length && i < b.length && sameSegment(a[i]!, b[i]!, win)) i++;
  const up = a.slice(i).map(() => '..');
  return [...up, ...b.slice(i)].join('/');
}
