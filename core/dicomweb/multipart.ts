/**
 * multipart/related (RFC 2387 over RFC 2046 §5.1.1), as DICOMweb uses it for WADO-RS responses and
 * STOW-RS requests (PS3.18 §8.6.1.2).
 *
 * The parser is a push parser: feed it the body chunk by chunk as it arrives; it calls back with each
 * part's headers, then its bytes as VIEWS into the chunks it was given (no copy), then the part's end.
 * The response is therefore never held whole, and never twice: the caller decides where a part's
 * bytes go (a buffer sized from the part's Content-Length, a file, …).
 *
 * Boundary search is Boyer–Moore–Horspool over each chunk. Only when a chunk ends with a possible
 * start of the delimiter (a CR, ~1 chunk in 256 for compressed pixel data) are those few bytes kept
 * and the next chunk prefixed with them.
 */

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
/** Longest header section accepted for one part, bytes. */
export const MAX_PART_HEADER_BYTES = 16 * 1024;

/** Thrown for a body that is not valid multipart (the client reports it as a malformed response). */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

/** The boundary parameter of a multipart Content-Type, or null (RFC 2046 §5.1.1: 1–70 characters). */
export function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** A Content-Type parameter (e.g. `type`, `transfer-syntax`), unquoted, or null. */
export function contentTypeParam(contentType: string | null, name: string): string | null {
  if (!contentType) return null;
  const re = new RegExp(`;\\s*${name.replace(/[-]/g, '\\-')}\\s*=\\s*(?:"([^"]*)"|([^\\s;]*))`, 'i');
  const m = re.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

export interface PartHandlers {
  /** A part starts; header names are lower-case. */
  begin(headers: ReadonlyMap<string, string>): void;
  /** Some of the part's bytes (a view valid for the duration of the call, or as long as the caller keeps the chunk). */
  data(bytes: Uint8Array): void;
  /** The part's closing delimiter was seen: its bytes are complete. */
  end(): void;
}

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'epilogue';

function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, Math.min(b.length, i + 4096)));
  return s;
}

/** Streaming multipart parser; see the module comment. */
export class MultipartParser {
  /** CRLF "--" boundary. */
  private readonly delim: Uint8Array;
  private readonly skip: Int32Array;
  private state: State = 'preamble';
  private carry: Uint8Array | null = null;
  private started = false;
  private inPart = false;
  /** Parts whose closing delimiter was seen. */
  partsCompleted = 0;

  constructor(
    boundary: string,
    private readonly on: PartHandlers,
  ) {
    if (!boundary || boundary.length > 70) throw new MultipartError('the multipart boundary is missing or longer than 70 characters');
    this.delim = ascii(`\r\n--${boundary}`);
    const n = this.delim.length;
    this.skip = new Int32Array(256).fill(n);
    for (let i = 0; i < n - 1; i++) this.skip[this.delim[i]!] = n - 1 - i;
  }

  /** True once the close delimiter (`--boundary--`) has been read. */
  get complete(): boolean {
    return this.state === 'epilogue';
  }

  /** Feed the next chunk of the body. */
  push(chunk: Uint8Array): void {
    let data = chunk;
    if (this.carry) {
      const c = new Uint8Array(this.carry.length + chunk.length);
      c.set(this.carry, 0);
      c.set(chunk, this.carry.length);
      data = c;
      this.carry = null;
    }
    let pos = 0;
    while (pos < data.length) {
      const next = this.step(data, pos);
      if (next < 0) {
        // Need more bytes: keep the unparsed rest (small: a delimiter prefix or a partial header line).
        this.carry = data.slice(pos);
        return;
      }
      pos = next;
    }
  }

  /** The body ended: throws when it ended before the close delimiter (a truncated response). */
  finish(): void {
    if (this.state === 'epilogue') return;
    if (this.state === 'preamble') throw new MultipartError('the response has no multipart boundary line: it is not multipart/related or it is empty');
    throw new MultipartError(this.inPart ? 'the response ended in the middle of an instance (no closing boundary)' : 'the response ended without its closing boundary');
  }

  /** Horspool search for the delimiter in `h` from `from`; -1 when absent. */
  private find(h: Uint8Array, from: number): number {
    const d = this.delim;
    const n = d.length;
    const last = d[n - 1]!;
    let i = from;
    const end = h.length - n;
    while (i <= end) {
      const c = h[i + n - 1]!;
      if (c === last) {
        let j = n - 2;
        while (j >= 0 && h[i + j] === d[j]) j--;
        if (j < 0) return i;
      }
      i += this.skip[c]!;
    }
    return -1;
  }

  /** Length of the longest suffix of h[from..] that is a proper prefix of the delimiter. */
  private partialAtEnd(h: Uint8Array, from: number): number {
    const d = this.delim;
    const start = Math.max(from, h.length - (d.length - 1));
    for (let s = h.indexOf(CR, start); s >= 0 && s < h.length; s = h.indexOf(CR, s + 1)) {
      let k = 0;
      while (s + k < h.length && h[s + k] === d[k]) k++;
      if (s + k === h.length) return h.length - s;
    }
    return 0;
  }

  /** Parse from `pos`; returns the next position, or -1 when more bytes are needed. */
  private step(h: Uint8Array, pos: number): number {
    switch (this.state) {
      case 'preamble': {
        // The first delimiter may open the body without the leading CRLF.
        const dashes = this.delim.subarray(2);
        if (!this.started) {
          if (h.length - pos < dashes.length) return -1;
          this.started = true;
          if (h.subarray(pos, pos + dashes.length).every((b, i) => b === dashes[i])) {
            this.state = 'after-delimiter';
            return pos + dashes.length;
          }
        }
        const at = this.find(h, pos);
        if (at < 0) {
          const keep = this.partialAtEnd(h, pos);
          if (h.length - pos > 64 * 1024 && keep === 0) throw new MultipartError('no multipart boundary in the first 64 KB of the response');
          return keep ? -1 : h.length;
        }
        this.state = 'after-delimiter';
        return at + this.delim.length;
      }
      case 'after-delimiter': {
        if (h.length - pos < 2) return -1;
        if (h[pos] === DASH && h[pos + 1] === DASH) {
          this.state = 'epilogue';
          return h.length;
        }
        // Transport padding (spaces/tabs) then CRLF.
        let p = pos;
        while (p < h.length && (h[p] === 0x20 || h[p] === 0x09)) p++;
        if (h.length - p < 2) return -1;
        if (h[p] !== CR || h[p + 1] !== LF) throw new MultipartError('a multipart boundary line is not followed by CRLF');
        this.state = 'headers';
        return p + 2;
      }
      case 'headers': {
        // Headers end at an empty line. A part with no headers starts with CRLF at once.
        let endAt = -1;
        if (h.length - pos >= 2 && h[pos] === CR && h[pos + 1] === LF) endAt = pos;
        else {
          for (let i = h.indexOf(CR, pos); i >= 0 && i + 3 < h.length; i = h.indexOf(CR, i + 1)) {
            if (h[i + 1] === LF && h[i + 2] === CR && h[i + 3] === LF) {
              endAt = i + 2;
              break;
            }
          }
        }
        if (endAt < 0) {
          if (h.length - pos > MAX_PART_HEADER_BYTES) throw new MultipartError(`a part's header section is longer than ${MAX_PART_HEADER_BYTES} bytes`);
          return -1;
        }
        const text = latin1(h.subarray(pos, endAt));
        const headers = new Map<string, string>();
        for (const line of text.split('\r\n')) {
          if (!line) continue;
          const c = line.indexOf(':');
          if (c <= 0) throw new MultipartError(`a part header line is not "Name: value" ("${line.slice(0, 40)}")`);
          headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
        }
        this.state = 'body';
        this.inPart = true;
        this.on.begin(headers);
        return endAt + 2;
      }
      case 'body': {
        const at = this.find(h, pos);
        if (at >= 0) {
          if (at > pos) this.on.data(h.subarray(pos, at));
          this.inPart = false;
          this.partsCompleted++;
          this.on.end();
          this.state = 'after-delimiter';
          return at + this.delim.length;
        }
        const keep = this.partialAtEnd(h, pos);
        const upto = h.length - keep;
        if (upto > pos) this.on.data(h.subarray(pos, upto));
        return keep ? (upto === pos ? -1 : upto) : h.length;
      }
      case 'epilogue':
        return h.length;
    }
  }
}

/** First index of `needle` in `h`, or -1 (plain search; for the small parts BlockPlan stores). */
export function indexOfBytes(h: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  const first = needle[0]!;
  for (let i = h.indexOf(first); i >= 0 && i + needle.length <= h.length; i = h.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && h[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** A random-looking boundary that cannot occur in the parts (checked by the caller). */
export function makeBoundary(seed: number): string {
  return `blockplan-${seed.toString(36)}-${Math.floor(Math.random() * 2 ** 52).toString(36)}`;
}

/**
 * A multipart/related body for STOW-RS (PS3.18 §10.5.1.2.1): each part `Content-Type:
 * application/dicom`, the boundary chosen so it appears in no part.
 */
export function buildMultipart(parts: readonly Uint8Array[], contentType = 'application/dicom'): { body: Uint8Array; contentType: string } {
  let boundary = makeBoundary(parts.length);
  for (let tries = 0; tries < 8 && parts.some((p) => indexOfBytes(p, ascii(`--${boundary}`)) >= 0); tries++) boundary = makeBoundary(parts.length + tries + 1);
  const head = ascii(`Content-Type: ${contentType}\r\n\r\n`);
  const open = (first: boolean) => ascii(`${first ? '' : '\r\n'}--${boundary}\r\n`);
  const close = ascii(`\r\n--${boundary}--\r\n`);
  let size = close.length;
  parts.forEach((p, i) => (size += open(i === 0).length + head.length + p.length));
  const body = new Uint8Array(size);
  let o = 0;
  parts.forEach((p, i) => {
    const d = open(i === 0);
    body.set(d, o);
    o += d.length;
    body.set(head, o);
    o += head.length;
    body.set(p, o);
    o += p.length;
  });
  body.set(close, o);
  return { body, contentType: `multipart/related; type="${contentType}"; boundary=${boundary}` };
}
