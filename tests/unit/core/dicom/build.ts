/**
 * A tiny DICOM writer for tests: builds Part 10 files (explicit VR little endian by default, or
 * implicit VR / no File Meta) from a list of elements, so tests can make exactly the data set
 * they need (palette tables, regions, timing, RLE or encapsulated pixel data).
 */

export type El =
  | { tag: number; vr: 'US' | 'SS' | 'UL' | 'SL' | 'FD'; value: number[] }
  | { tag: number; vr: 'DS' | 'IS' | 'CS' | 'UI' | 'LO' | 'SH' | 'PN' | 'DA' | 'AT_STR'; value: string }
  | { tag: number; vr: 'OB' | 'OW'; bytes: Uint8Array }
  /** A text value given as its encoded bytes (any character set); padded with a space. */
  | { tag: number; vr: 'TEXT'; as: 'PN' | 'LO' | 'SH' | 'CS'; raw: Uint8Array }
  | { tag: number; vr: 'AT'; tags: number[] }
  | { tag: number; vr: 'SQ'; items: El[][] }
  | { tag: number; vr: 'ENCAP'; bot: number[]; fragments: Uint8Array[] };

class W {
  parts: number[] = [];
  u8(...b: number[]) {
    this.parts.push(...b);
  }
  u16(v: number) {
    this.u8(v & 0xff, (v >> 8) & 0xff);
  }
  u32(v: number) {
    this.u8(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }
  bytes(b: Uint8Array | number[]) {
    for (const x of b) this.parts.push(x);
  }
  out() {
    return Uint8Array.from(this.parts);
  }
}

function valueBytes(e: El): Uint8Array {
  const w = new W();
  switch (e.vr) {
    case 'US':
      e.value.forEach((v) => w.u16(v));
      break;
    case 'SS':
      e.value.forEach((v) => w.u16(v & 0xffff));
      break;
    case 'UL':
    case 'SL':
      e.value.forEach((v) => w.u32(v >>> 0));
      break;
    case 'FD':
      e.value.forEach((v) => {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, v, true);
        w.bytes(b);
      });
      break;
    case 'AT':
      e.tags.forEach((t) => {
        w.u16(t >>> 16);
        w.u16(t & 0xffff);
      });
      break;
    case 'TEXT':
      w.bytes(e.raw);
      if (e.raw.length % 2) w.u8(0x20);
      break;
    case 'OB':
    case 'OW':
      w.bytes(e.bytes);
      if (e.bytes.length % 2) w.u8(0);
      break;
    case 'DS':
    case 'IS':
    case 'CS':
    case 'LO':
    case 'SH':
    case 'PN':
    case 'DA':
    case 'AT_STR':
    case 'UI': {
      const s = e.value;
      for (let i = 0; i < s.length; i++) w.u8(s.charCodeAt(i));
      if (s.length % 2) w.u8(e.vr === 'UI' ? 0 : 0x20);
      break;
    }
    default:
      throw new Error('no value bytes');
  }
  return w.out();
}

function writeElements(w: W, els: El[], explicit: boolean): void {
  for (const e of [...els].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0))) {
    const group = e.tag >>> 16;
    const elem = e.tag & 0xffff;
    w.u16(group);
    w.u16(elem);
    if (e.vr === 'SQ') {
      const inner = new W();
      for (const item of e.items) {
        const iw = new W();
        writeElements(iw, item, explicit);
        const ib = iw.out();
        inner.u16(0xfffe);
        inner.u16(0xe000);
        inner.u32(ib.length);
        inner.bytes(ib);
      }
      const body = inner.out();
      if (explicit) {
        w.u8(0x53, 0x51, 0, 0);
        w.u32(body.length);
      } else w.u32(body.length);
      w.bytes(body);
      continue;
    }
    if (e.vr === 'ENCAP') {
      if (explicit) w.u8(0x4f, 0x42, 0, 0);
      w.u32(0xffffffff);
      w.u16(0xfffe);
      w.u16(0xe000);
      w.u32(e.bot.length * 4);
      e.bot.forEach((o) => w.u32(o));
      for (const f of e.fragments) {
        w.u16(0xfffe);
        w.u16(0xe000);
        w.u32(f.length + (f.length % 2));
        w.bytes(f);
        if (f.length % 2) w.u8(0);
      }
      w.u16(0xfffe);
      w.u16(0xe0dd);
      w.u32(0);
      continue;
    }
    const v = valueBytes(e);
    const vr = e.vr === 'AT_STR' ? 'AT' : e.vr === 'TEXT' ? e.as : e.vr;
    if (explicit) {
      w.u8(vr.charCodeAt(0), vr.charCodeAt(1));
      if (vr === 'OB' || vr === 'OW') {
        w.u16(0);
        w.u32(v.length);
      } else w.u16(v.length);
    } else w.u32(v.length);
    w.bytes(v);
  }
}

export interface BuildOptions {
  transferSyntax?: string;
  /** Write no preamble/File Meta (a raw data set). */
  raw?: boolean;
  implicit?: boolean;
}

/** Build a DICOM file. The File Meta names `transferSyntax` (default explicit VR little endian). */
export function buildDicom(elements: El[], opts: BuildOptions = {}): Uint8Array {
  const ts = opts.transferSyntax ?? (opts.implicit ? '1.2.840.10008.1.2' : '1.2.840.10008.1.2.1');
  const explicit = !opts.implicit;
  const body = new W();
  writeElements(body, elements, explicit);
  if (opts.raw) return body.out();
  return withFileMeta(body.out(), ts);
}

/** Preamble, "DICM" and a File Meta naming `transferSyntax`, then `dataSet` as it is (whatever its encoding). */
export function withFileMeta(dataSet: Uint8Array, transferSyntax: string): Uint8Array {
  const meta = new W();
  writeElements(
    meta,
    [
      { tag: 0x00020001, vr: 'OB', bytes: Uint8Array.from([0, 1]) },
      { tag: 0x00020002, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.6.1' },
      { tag: 0x00020003, vr: 'UI', value: '1.2.3.4' },
      { tag: 0x00020010, vr: 'UI', value: transferSyntax },
    ],
    true,
  );
  const m = meta.out();
  const head = new W();
  head.bytes(new Uint8Array(128));
  head.u8(0x44, 0x49, 0x43, 0x4d);
  writeElements(head, [{ tag: 0x00020000, vr: 'UL', value: [m.length] }], true);
  head.bytes(m);
  const h = head.out();
  const out = new Uint8Array(h.length + dataSet.length);
  out.set(h);
  out.set(dataSet, h.length);
  return out;
}

/** The data set of a Part 10 file: the bytes after its File Meta (group 0002, explicit VR little endian). */
export function dataSetOf(part10: Uint8Array): Uint8Array {
  const dv = new DataView(part10.buffer, part10.byteOffset, part10.byteLength);
  let p = 132;
  while (p + 8 <= part10.length && dv.getUint16(p, true) === 0x0002) {
    const vr = String.fromCharCode(part10[p + 4]!, part10[p + 5]!);
    const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN'].includes(vr);
    p += long ? 12 + dv.getUint32(p + 8, true) : 8 + dv.getUint16(p + 6, true);
  }
  return part10.subarray(p);
}

/** Elements of a basic image pixel module. */
export function imageElements(o: {
  rows: number;
  columns: number;
  spp?: number;
  pi: string;
  bits?: number;
  stored?: number;
  signed?: boolean;
  planar?: number;
  frames?: number;
}): El[] {
  const bits = o.bits ?? 8;
  const els: El[] = [
    { tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.6.1' },
    { tag: 0x00080060, vr: 'CS', value: 'US' },
    { tag: 0x00280002, vr: 'US', value: [o.spp ?? 1] },
    { tag: 0x00280004, vr: 'CS', value: o.pi },
    { tag: 0x00280010, vr: 'US', value: [o.rows] },
    { tag: 0x00280011, vr: 'US', value: [o.columns] },
    { tag: 0x00280100, vr: 'US', value: [bits] },
    { tag: 0x00280101, vr: 'US', value: [o.stored ?? bits] },
    { tag: 0x00280102, vr: 'US', value: [(o.stored ?? bits) - 1] },
    { tag: 0x00280103, vr: 'US', value: [o.signed ? 1 : 0] },
  ];
  if (o.planar !== undefined) els.push({ tag: 0x00280006, vr: 'US', value: [o.planar] });
  if (o.frames !== undefined) els.push({ tag: 0x00280008, vr: 'IS', value: String(o.frames) });
  return els;
}

/** PackBits-encode one segment (reference encoder for tests: literal runs and replicate runs). */
export function packBits(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < src.length) {
    let run = 1;
    while (i + run < src.length && src[i + run] === src[i] && run < 128) run++;
    if (run >= 3) {
      out.push(257 - run, src[i]!);
      i += run;
      continue;
    }
    const start = i;
    let lit = 0;
    while (i < src.length && lit < 128) {
      if (i + 2 < src.length && src[i] === src[i + 1] && src[i] === src[i + 2]) break;
      i++;
      lit++;
    }
    out.push(lit - 1, ...src.subarray(start, start + lit));
  }
  return Uint8Array.from(out);
}

/** Build an RLE frame (PS3.5 G) from byte planes. */
export function rleFrame(planes: Uint8Array[]): Uint8Array {
  const segs = planes.map(packBits).map((s) => (s.length % 2 ? Uint8Array.from([...s, 0x80]) : s));
  const header = new Uint8Array(64);
  const dv = new DataView(header.buffer);
  dv.setUint32(0, segs.length, true);
  let off = 64;
  segs.forEach((s, i) => {
    dv.setUint32(4 + 4 * i, off, true);
    off += s.length;
  });
  const out = new Uint8Array(off);
  out.set(header, 0);
  let o = 64;
  for (const s of segs) {
    out.set(s, o);
    o += s.length;
  }
  return out;
}
