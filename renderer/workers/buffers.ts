/**
 * The buffers that circulate between the main thread and the decode workers: buffers for a frame's
 * compressed bytes (sent with a job, sent back with its answer, used for the next job) and the
 * pixel buffers of greyscale/RGBA frames the viewer dropped (decoded into again). Every buffer a
 * message carries stays referenced by that message until the receiving thread's next garbage
 * collection, so buffers that circulate cost nothing extra while fresh ones per job would pile up
 * by tens of MB (docs/BENCHMARKS.md, Viewer). Bitmap frames need neither: their pixels are freed at
 * once by ImageBitmap.close().
 */

/** Buffers for compressed frame bytes are allocated in multiples of this, bytes. */
const INPUT_QUANTUM = 64 * 1024;

export class PoolBuffers {
  /** Pixel buffers of dropped frames, by size, waiting to be decoded into. */
  private spare = new Map<number, ArrayBuffer[]>();
  /** Buffers for compressed frame bytes, back from the workers. */
  private inputs: ArrayBuffer[] = [];
  /**
   * `maxSpare`: buffers kept per pixel-buffer size and (plus 2) for inputs; `stats` counts the
   * reuses (the pool's stats object).
   */
  constructor(
    private readonly maxSpare: number,
    private readonly stats: { recycled: number; inputsReused: number },
  ) {}

  /** An array of `bytes` over a reused input buffer when one is large enough, else a new one. */
  readonly allocInput = (bytes: number): Uint8Array => {
    let best = -1;
    for (let i = 0; i < this.inputs.length; i++) {
      const b = this.inputs[i]!;
      if (b.byteLength >= bytes && (best < 0 || b.byteLength < this.inputs[best]!.byteLength)) best = i;
    }
    if (best >= 0) this.stats.inputsReused++;
    const buf = best >= 0 ? this.inputs.splice(best, 1)[0]! : new ArrayBuffer(Math.max(INPUT_QUANTUM, Math.ceil(bytes / INPUT_QUANTUM) * INPUT_QUANTUM));
    return new Uint8Array(buf, 0, bytes);
  };

  /** Input buffers a worker sent back. */
  returnInputs(buffers: readonly ArrayBuffer[]): void {
    for (const b of buffers) if (b.byteLength > 0 && this.inputs.length < this.maxSpare + 2) this.inputs.push(b);
  }

  /** Keep a dropped frame's pixel buffer for the next decode of that size (when `wanted`). */
  recycle(buffer: ArrayBuffer, wanted: boolean): void {
    if (!(buffer.byteLength > 0)) return;
    let list = this.spare.get(buffer.byteLength);
    if (!list) {
      if (!wanted) return;
      list = [];
      this.spare.set(buffer.byteLength, list);
    }
    if (list.length < this.maxSpare && !list.includes(buffer)) list.push(buffer);
  }

  /** A recycled pixel buffer of exactly `bytes`, if any. */
  takeSpare(bytes: number | undefined): ArrayBuffer | undefined {
    const b = bytes ? this.spare.get(bytes)?.pop() : undefined;
    if (b) this.stats.recycled++;
    return b;
  }

  /** Forget recycled buffers of sizes no open clip decodes any more. */
  keepSizes(sizes: ReadonlySet<number>): void {
    for (const size of [...this.spare.keys()]) if (!sizes.has(size)) this.spare.delete(size);
  }

  clear(): void {
    this.spare.clear();
    this.inputs = [];
  }
}
