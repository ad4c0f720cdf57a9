/** Bundle reader worker (see bundleReader.ts): one request, one answer, then the client ends it. */
import { answerBundleRequest, type BundleRequest } from './bundleReader';

self.onmessage = (e: MessageEvent<BundleRequest>) => {
  const { reply, transfer } = answerBundleRequest(e.data);
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(reply, transfer);
};
