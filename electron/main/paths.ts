/**
 * Path shapes the main process never opens, and resolving a path to the file it really names.
 *
 * - Windows device paths (`\\.\PhysicalDrive0`, `\\?\…`, `C:\x\NUL.dcm`, `COM1`) and alternate data
 *   streams (`clip.dcm:hidden`) are refused everywhere.
 * - Windows UNC paths (`\\server\share\…`) are refused unless they lie on the share of a file the
 *   user picked in a native dialog: a case file or a drop must not make BlockPlan contact a server
 *   (Windows would send the user's credentials to it).
 * - On Linux and macOS, the kernel's pseudo-file systems (/proc, /sys, /dev) are refused.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';

export type Platform = NodeJS.Platform;

/** Windows device names (any extension): CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$. */
const WIN_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** `\\server\share` of a Windows UNC path (lower case), or null. */
export function uncShare(p: string): string | null {
  const m = /^[\\/]{2}([^\\/?.][^\\/]*)[\\/]+([^\\/]+)/.exec(p);
  return m ? `\\\\${m[1]!.toLowerCase()}\\${m[2]!.toLowerCase()}` : null;
}

/**
 * Why `p` must not be opened, in words, or null when its shape is fine. `allowShares`: UNC shares
 * (`\\server\share`, lower case) that may be used (those of files picked in a dialog).
 */
export function refusedPathReason(p: string, platform: Platform = process.platform, allowShares: ReadonlySet<string> = new Set()): string | null {
  if (p.includes('\0')) return 'the path contains a NUL character';
  if (platform === 'win32') {
    if (/^[\\/]{2}[?.][\\/]/.test(p)) return 'it is a Windows device path';
    const share = uncShare(p);
    if (/^[\\/]{2}/.test(p) && (!share || !allowShares.has(share))) return 'it is on a network share (UNC path) that was not chosen in a dialog';
    if (!share && !path.win32.isAbsolute(p)) return 'it is not an absolute path';
    const parts = p.split(/[\\/]+/).filter(Boolean);
    const rest = share ? parts.slice(2) : parts.slice(1); // after \\server\share or C:
    if (rest.some((seg) => WIN_DEVICE.test(seg.replace(/[ .]+$/, '')))) return 'it names a Windows device';
    if (rest.some((seg) => seg.includes(':'))) return 'it names an alternate data stream';
    return null;
  }
  if (!path.posix.isAbsolute(p)) return 'it is not an absolute path';
  const norm = path.posix.normalize(p);
  if (/^\/(proc|sys|dev)(\/|$)/.test(norm)) return 'it is a system device or kernel file';
  return null;
}

/** The real path of an existing file or folder (symbolic links resolved), or null. */
export async function realPathOf(p: string): Promise<string | null> {
  try {
    return await realpath(p);
  } catch {
    return null;
  }
}
