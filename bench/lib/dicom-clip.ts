/**
 * Synthetic ultrasound-like clips for the DICOM decode benchmark: a sector of speckle that moves
 * from frame to frame, over black, with a bright text-like band. Encoded as JPEG baseline
 * YBR_FULL_422 (libjpeg-turbo WebAssembly encoder; other chroma layouts on request) and as RLE lossless, wrapped in Part 10 files.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** RGB frame `index` of a W×H clip (deterministic). */
export function syntheticFrame(width: number, height: number, index: number): Uint8Array {
  const px = new Uint8Array(width * height * 3);
  let seed = (index + 1) * 2654435761;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 24);
  const cx = width / 2;
  const cy = -height * 0.1;
  const r0 = height * 0.2;
  const r1 = height * 1.05;
  const half = 0.6; // sector half-angle, rad
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const dx = x - cx;
      const dy = y - cy;
      const r = Math.hypot(dx, dy);
      const a = Math.atan2(dx, dy);
      if (r > r0 && r < r1 && Math.abs(a) < half) {
        const band = 0.5 + 0.5 * Math.sin(r / 18 + index / 5);
        const v = Math.min(255, (rnd() * 0.6 + 60) * band + ((y + index * 3) % 97 < 3 ? 120 : 0));
        px[o] = v;
        px[o + 1] = v;
        px[o + 2] = v;
      } else if (y < 40 && x % 9 < 6 && (x >> 4) % 3 !== 0) {
        px[o] = 230; // overlay text band
        px[o + 1] = 230;
        px[o + 2] = 90;
      }
    }
  }
  return px;
}

interface JpegEncoderWasm {
  getDecodedBuffer(info: { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean }): Uint8Array;
  getEncodedBuffer(): Uint8Array;
  encode(): void;
  setProgressive(p: number): void;
  setQuality(q: number): void;
  setSubSampling(s: number): void;
  delete(): void;
}

/** Encoder options: TurboJPEG chroma layout (TJSAMP_444 = 0, 422 = 1, 420 = 2, GRAY = 3, 440 = 4, 411 = 5) and progressive mode. */
export interface JpegEncodeOptions {
  subsampling?: number;
  progressive?: boolean;
}

/** libjpeg-turbo's encoder (WebAssembly build): baseline, 4:2:2 chroma (TJSAMP_422 = 1) unless told otherwise. */
export async function jpegEncoder(): Promise<(rgb: Uint8Array, w: number, h: number, quality: number, options?: JpegEncodeOptions) => Uint8Array> {
  const factory = require('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs') as (o: object) => Promise<{ JPEGEncoder: new () => JpegEncoderWasm }>;
  const mod = await factory({ wasmBinary: readFileSync(require.resolve('@cornerstonejs/codec-libjpeg-turbo-8bit/wasm')), print: () => {}, printErr: () => {} });
  return (rgb, w, h, quality, options = {}) => {
    const enc = new mod.JPEGEncoder();
    try {
      enc.getDecodedBuffer({ width: w, height: h, bitsPerSample: 8, componentCount: 3, isSigned: false }).set(rgb);
      enc.setProgressive(options.progressive ? 1 : 0);
      enc.setQuality(quality);
      enc.setSubSampling(options.subsampling ?? 1);
      enc.encode();
      return Uint8Array.from(enc.getEncodedBuffer());
    } finally {
      enc.delete();
    }
  };
}

function packBits(src: Uint8Array, out: number[]): void {
  let i = 0;
  while (i < src.length) {
    let run = 1;
    while (i + run < src.length && src[i + run] === src[i] && run < 128) run++;
    if (run >= 2) {
      out.push(257 - run, src[i]!);
      i += run;
      continue;
    }
    const start = i;
    let lit = 0;
    while (i < src.length && lit < 128 && !(i + 1 < src.length && src[i] === src[i + 1])) {
      i++;
      lit++;
    }
    out.push(lit - 1);
    for (let k = start; k < start + lit; k++) out.push(src[k]!);
  }
}

/** RLE Lossless frame (PS3.5 Annex G) of interleaved RGB: three byte-plane segments. */
export function rleEncodeRgb(rgb: Uint8Array, w: number, h: number): Uint8Array {
  const n = w * h;
  const segs: number[][] = [];
  for (let c = 0; c < 3; c++) {
    const plane = new Uint8Array(n);
    for (let p = 0; p < n; p++) plane[p] = rgb[p * 3 + c]!;
    const s: number[] = [];
    packBits(plane, s);
    if (s.length % 2) s.push(0x80);
    segs.push(s);
  }
  const total = 64 + segs.reduce((a, s) => a + s.length, 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 3, true);
  let off = 64;
  segs.forEach((s, i) => {
    dv.setUint32(4 + 4 * i, off, true);
    out.set(s, off);
    off += s.length;
  });
  return out;
}

/** A minimal Part 10 writer (explicit VR little endian header) for an encapsulated or native RGB clip. */
export function writeClip(o: {
  transferSyntax: string;
  photometric: 'RGB' | 'YBR_FULL_422';
  width: number;
  height: number;
  frameTimeMs: number;
  frames: Uint8Array[];
  encapsulated: boolean;
}): Uint8Array {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  const el = (g: number, e: number, vr: string, value: Uint8Array) => {
    const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
    const h = new Uint8Array(long ? 12 : 8);
    const dv = new DataView(h.buffer);
    dv.setUint16(0, g, true);
    dv.setUint16(2, e, true);
    h[4] = vr.charCodeAt(0);
    h[5] = vr.charCodeAt(1);
    if (long) dv.setUint32(8, value.length, true);
    else dv.setUint16(6, value.length, true);
    parts.push(h, value);
  };
  const str = (s: string, pad = ' ') => enc.encode(s.length % 2 ? s + pad : s);
  const us = (v: number) => Uint8Array.from([v & 0xff, v >> 8]);
  const metaTs = str(o.transferSyntax, '\0');
  const metaBody: [number, string, Uint8Array][] = [
    [0x0001, 'OB', Uint8Array.from([0, 1])],
    [0x0002, 'UI', str('1.2.840.10008.5.1.4.1.1.3.1', '\0')],
    [0x0003, 'UI', str('2.25.1', '\0')],
    [0x0010, 'UI', metaTs],
  ];
  const metaLen = metaBody.reduce((a, [, vr, v]) => a + (vr === 'OB' ? 12 : 8) + v.length, 0);
  parts.push(new Uint8Array(128), enc.encode('DICM'));
  el(0x0002, 0x0000, 'UL', Uint8Array.from([metaLen & 0xff, (metaLen >> 8) & 0xff, 0, 0]));
  for (const [e, vr, v] of metaBody) el(0x0002, e, vr, v);
  el(0x0008, 0x0016, 'UI', str('1.2.840.10008.5.1.4.1.1.3.1', '\0'));
  el(0x0008, 0x0060, 'CS', str('US'));
  el(0x0018, 0x1063, 'DS', str(String(o.frameTimeMs)));
  el(0x0028, 0x0002, 'US', us(3));
  el(0x0028, 0x0004, 'CS', str(o.photometric));
  el(0x0028, 0x0006, 'US', us(0));
  el(0x0028, 0x0008, 'IS', str(String(o.frames.length)));
  el(0x0028, 0x0009, 'AT', Uint8Array.from([0x18, 0x00, 0x63, 0x10]));
  el(0x0028, 0x0010, 'US', us(o.height));
  el(0x0028, 0x0011, 'US', us(o.width));
  el(0x0028, 0x0100, 'US', us(8));
  el(0x0028, 0x0101, 'US', us(8));
  el(0x0028, 0x0102, 'US', us(7));
  el(0x0028, 0x0103, 'US', us(0));
  if (!o.encapsulated) {
    const total = o.frames.reduce((a, f) => a + f.length, 0);
    const all = new Uint8Array(total);
    let off = 0;
    for (const f of o.frames) {
      all.set(f, off);
      off += f.length;
    }
    el(0x7fe0, 0x0010, 'OB', all);
  } else {
    const h = new Uint8Array(12);
    const dv = new DataView(h.buffer);
    dv.setUint16(0, 0x7fe0, true);
    dv.setUint16(2, 0x0010, true);
    h[4] = 0x4f;
    h[5] = 0x42;
    dv.setUint32(8, 0xffffffff, true);
    parts.push(h);
    const item = (len: number) => {
      const b = new Uint8Array(8);
      const d = new DataView(b.buffer);
      d.setUint16(0, 0xfffe, true);
      d.setUint16(2, 0xe000, true);
      d.setUint32(4, len, true);
      return b;
    };
    const padded = o.frames.map((f) => (f.length % 2 ? Uint8Array.from([...f, 0]) : f));
    const bot = new Uint8Array(padded.length * 4);
    let off = 0;
    padded.forEach((f, i) => {
      new DataView(bot.buffer).setUint32(i * 4, off, true);
      off += 8 + f.length;
    });
    parts.push(item(bot.length), bot);
    for (const f of padded) parts.push(item(f.length), f);
    const end = new Uint8Array(8);
    new DataView(end.buffer).setUint16(0, 0xfffe, true);
    new DataView(end.buffer).setUint16(2, 0xe0dd, true);
    parts.push(end);
  }
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
