/**
 * Encapsulated pixel data (PS3.5 A.4): items of fragments after a Basic Offset Table, grouped into
 * frames by the Extended Offset Table, the Basic Offset Table, one fragment per frame, or — with
 * none of these — by the codestream start markers (JPEG SOI FFD8, JPEG 2000 SOC FF4F).
 */
import type { PixelEncoding } from './transfer-syntax';

export interface Fragment {
  /** Offset of the fragment's item tag from the first fragment item's tag (as in offset tables). */
  offset: number;
  /** The fragment bytes present (shorter than declared when `complete` is false). */
  data: Uint8Array;
  complete: boolean;
}

export interface FragmentScan {
  /** Basic Offset Table entries (may be empty). */
  bot: number[];
  fragments: Fragment[];
  /** The data ended before a Sequence Delimitation Item. */
  truncated: boolean;
  warning?: string;
}

const ITEM = 0xe000;
const SEQ_DELIM = 0xe0dd;

/** Read the items of encapsulated pixel data starting at `start` (the Basic Offset Table item). */
export function scanFragments(bytes: Uint8Array, start: number, maxFragments = 1_000_000): FragmentScan {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length;
  let pos = start;
  const bot: number[] = [];
  const fragments: Fragment[] = [];
  let firstFragmentPos = -1;
  let truncated = true;
  let warning: string | undefined;
  let itemIndex = 0;
  while (pos + 8 <= end) {
    const group = dv.getUint16(pos, true);
    const elem = dv.getUint16(pos + 2, true);
    const len = dv.getUint32(pos + 4, true);
    if (group === 0xfffe && elem === SEQ_DELIM) {
      truncated = false;
      break;
    }
    if (group !== 0xfffe || elem !== ITEM) {
      warning = `Unexpected element (${hex(group)},${hex(elem)}) inside the encapsulated pixel data; fragments after it are ignored.`;
      truncated = false;
      break;
    }
    if (len === 0xffffffff) {
      warning = 'A pixel data fragment has undefined length; fragments after it are ignored.';
      truncated = false;
      break;
    }
    const dataStart = pos + 8;
    const available = Math.max(0, Math.min(len, end - dataStart));
    const complete = available === len;
    if (itemIndex === 0) {
      // Basic Offset Table: uint32 offsets.
      if (complete) for (let i = 0; i + 4 <= len; i += 4) bot.push(dv.getUint32(dataStart + i, true));
      if (!complete) break;
    } else {
      if (firstFragmentPos < 0) firstFragmentPos = pos;
      fragments.push({ offset: pos - firstFragmentPos, data: bytes.subarray(dataStart, dataStart + available), complete });
      if (fragments.length >= maxFragments) {
        warning = `More than ${maxFragments} fragments; the rest are ignored.`;
        truncated = false;
        break;
      }
      if (!complete) break;
    }
    itemIndex++;
    pos = dataStart + len;
  }
  return { bot, fragments, truncated, ...(warning ? { warning } : {}) };
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

export interface FrameGrouping {
  /** Fragment indices of each frame found, in order. */
  frames: number[][];
  /** Whether each frame's bytes are all present. */
  complete: boolean[];
  warning?: string;
}

function startsFrame(f: Fragment, encoding: PixelEncoding): boolean {
  const d = f.data;
  if (d.length < 2) return false;
  if (encoding === 'jpeg-2000' || encoding === 'htj2k') {
    // Raw codestream (SOC) or a JP2 file signature box.
    return (d[0] === 0xff && d[1] === 0x4f) || (d.length >= 8 && d[4] === 0x6a && d[5] === 0x50 && d[6] === 0x20 && d[7] === 0x20);
  }
  return d[0] === 0xff && d[1] === 0xd8;
}

/** A codestream that ends with EOI/EOC (FFD9), allowing one trailing pad byte. */
function endsCodestream(f: Fragment): boolean {
  const d = f.data;
  const n = d.length;
  if (n >= 2 && d[n - 2] === 0xff && d[n - 1] === 0xd9) return true;
  return n >= 3 && d[n - 3] === 0xff && d[n - 2] === 0xd9 && d[n - 1] === 0x00;
}

/**
 * Group fragments into frames (PS3.5 A.4). Order of preference: Extended Offset Table, Basic
 * Offset Table, one fragment per frame, all fragments for a single frame, codestream start markers.
 */
export function groupFragmentsIntoFrames(
  scan: FragmentScan,
  declaredFrames: number,
  encoding: PixelEncoding,
  eot?: { offsets: number[]; lengths: number[] },
): FrameGrouping {
  const frags = scan.fragments;
  const byOffset = new Map(frags.map((f, i) => [f.offset, i]));
  const finish = (frames: number[][], warning?: string): FrameGrouping => {
    const complete = frames.map((idx, k) => {
      if (idx.length === 0 || !idx.every((i) => frags[i]!.complete)) return false;
      // The last frame of a cut file may lack later fragments: require its end marker.
      if (scan.truncated && k === frames.length - 1 && encoding !== 'rle') return endsCodestream(frags[idx[idx.length - 1]!]!);
      return true;
    });
    return { frames, complete, ...(warning ? { warning } : {}) };
  };
  let warning: string | undefined;

  if (eot && eot.offsets.length === declaredFrames) {
    const frames: number[][] = [];
    let good = true;
    for (let i = 0; i < eot.offsets.length; i++) {
      const fi = byOffset.get(eot.offsets[i]!);
      if (fi === undefined) {
        // Offsets past the data: the rest of the frames are missing (truncated file).
        if (scan.truncated && eot.offsets[i]! >= (frags[frags.length - 1]?.offset ?? 0)) break;
        good = false;
        break;
      }
      frames.push([fi]);
    }
    if (good) return finish(frames);
    warning = 'The Extended Offset Table does not match the fragments; frames were found from the fragments instead.';
  }

  const bot = scan.bot;
  if (bot.length > 0) {
    let valid = bot.length === declaredFrames && bot[0] === 0;
    for (let i = 1; valid && i < bot.length; i++) if (!(bot[i]! > bot[i - 1]!)) valid = false;
    if (valid) {
      const frames: number[][] = [];
      for (let i = 0; i < bot.length; i++) {
        const startIdx = byOffset.get(bot[i]!);
        if (startIdx === undefined) {
          if (scan.truncated && bot[i]! > (frags[frags.length - 1]?.offset ?? 0)) break;
          valid = false;
          break;
        }
        const next = i + 1 < bot.length ? bot[i + 1]! : Infinity;
        const idx: number[] = [];
        for (let k = startIdx; k < frags.length && frags[k]!.offset < next; k++) idx.push(k);
        frames.push(idx);
      }
      if (valid) {
        // A truncated file may have cut the last listed frame's later fragments: check its end marker.
        return finish(frames, warning);
      }
    }
    warning = 'The Basic Offset Table does not match the fragments; frames were found from the fragments instead.';
  }

  if (frags.length === declaredFrames) return finish(frags.map((_, i) => [i]), warning);
  if (declaredFrames === 1) return finish([frags.map((_, i) => i)], warning);
  if (encoding === 'rle') {
    // RLE: exactly one fragment per frame (PS3.5 A.4.2).
    const frames = frags.map((_, i) => [i]);
    return finish(frames, frags.length > declaredFrames ? `The RLE data has ${frags.length} fragments for ${declaredFrames} frames.` : warning);
  }
  const frames: number[][] = [];
  frags.forEach((f, i) => {
    if (frames.length === 0 || startsFrame(f, encoding)) frames.push([i]);
    else frames[frames.length - 1]!.push(i);
  });
  return finish(frames, warning);
}
