import { createHash } from 'node:crypto';
import { MAX_INPUT_BYTES, openRegularFile } from './read';

/**
 * SHA-256 of a file, streamed (constant memory), as 64 lower-case hex digits. Only a regular file
 * of at most `maxBytes` (default MAX_INPUT_BYTES) is hashed, and only the size seen when it was
 * opened: a device such as /dev/zero or a FIFO is refused instead of read forever. Rejects with an
 * Error whose message is the reason (and `appError` the AppError) on any failure.
 */
export async function sha256File(path: string, opts: { maxBytes?: number } = {}): Promise<string> {
  const o = await openRegularFile(path, { maxBytes: opts.maxBytes ?? MAX_INPUT_BYTES });
  if (!o.ok) throw Object.assign(new Error(o.error.title), { appError: o.error });
  const { fh, size } = o.value;
  const h = createHash('sha256');
  if (size === 0) {
    await fh.close();
    return h.digest('hex');
  }
  return new Promise((resolve, reject) => {
    const s = fh.createReadStream({ start: 0, end: size - 1 });
    s.on('data', (c) => h.update(c));
    s.on('error', reject);
    s.on('end', () => resolve(h.digest('hex')));
  });
}
