/**
 * The few platform globals core/ may use: present in every runtime BlockPlan targets (Node ≥ 20,
 * browsers, Web Workers) but declared only by the DOM or Node typings, which core/ does not load.
 */
declare class TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
