/**
 * Reads files the user chose or dropped off the main thread (file-reader.ts): the file's data
 * arrives here in many small chunks, and the whole buffer goes back to the page without a copy.
 */
self.addEventListener('message', (e: MessageEvent<{ id: number; file: File }>) => {
  const { id, file } = e.data;
  const post = (self as unknown as { postMessage(m: unknown, transfer?: Transferable[]): void }).postMessage.bind(self);
  file.arrayBuffer().then(
    (buffer) => post({ id, buffer }, [buffer]),
    (err: unknown) => post({ id, error: String(err) }),
  );
});
