/**
 * The parts of a WADO-RS multipart response, collected as the parser hands out their bytes: each into
 * one buffer of its Content-Length when the part declares one (no copy later), else a chunk list
 * joined once. Every check names what is wrong with the part; the client turns a PartError into a
 * "malformed response" message naming the server.
 */
import type { RetrievedPart } from './client';

/** A part that breaks the multipart rules (type, length, empty). */
export class PartError extends Error {}

/** Collects each part's bytes: into one buffer of the part's Content-Length when given, else a chunk list joined once. */
export class PartAssembler {
  completed: RetrievedPart[] = [];
  private buf: Uint8Array | null = null;
  private chunks: Uint8Array[] = [];
  private n = 0;
  private type = '';
  private expected: number | null = null;

  constructor(private readonly limit: number) {}

  begin(headers: ReadonlyMap<string, string>): void {
    this.type = headers.get('content-type') ?? '';
    if (!/^application\/dicom\s*(;|$)/i.test(this.type)) throw new PartError(`a part is "${this.type || 'without Content-Type'}", not application/dicom`);
    const len = headers.get('content-length');
    this.expected = len !== undefined && /^\d+$/.test(len) ? Number(len) : null;
    if (this.expected !== null && this.expected > this.limit) throw new PartError(`a part declares ${this.expected} bytes, more than the limit`);
    this.buf = this.expected !== null ? new Uint8Array(this.expected) : null;
    this.chunks = [];
    this.n = 0;
  }

  data(bytes: Uint8Array): void {
    if (this.buf) {
      if (this.n + bytes.length > this.buf.length) throw new PartError(`a part is longer than its Content-Length (${this.buf.length} bytes)`);
      this.buf.set(bytes, this.n);
    } else this.chunks.push(bytes); // readers hand out fresh arrays (ByteReader), so a view stays valid
    this.n += bytes.length;
  }

  end(): void {
    if (this.expected !== null && this.n !== this.expected) throw new PartError(`a part has ${this.n} bytes, its Content-Length says ${this.expected}`);
    if (this.n === 0) throw new PartError('a part is empty');
    const bytes = this.buf ?? concat(this.chunks, this.n);
    this.buf = null;
    this.chunks = [];
    this.completed.push({ bytes, contentType: this.type });
  }
}

/** The chunks joined into one array of n bytes (the only chunk itself when there is one). */
export function concat(chunks: readonly Uint8Array[], n: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
