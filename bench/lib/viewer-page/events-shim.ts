/**
 * Browser stand-in for Node's `events` module, for bundling @cornerstonejs/core's dependencies with
 * Vite in the benchmark page only (xmlbuilder2 extends EventEmitter at load time; OHIF's webpack
 * build polyfills the same module). The decode path never emits events.
 */
type Listener = (...args: unknown[]) => void;

export class EventEmitter {
  private listeners = new Map<string | symbol, Listener[]>();
  on(name: string | symbol, l: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), l]);
    return this;
  }
  addListener(name: string | symbol, l: Listener): this {
    return this.on(name, l);
  }
  off(name: string | symbol, l: Listener): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((x) => x !== l));
    return this;
  }
  removeListener(name: string | symbol, l: Listener): this {
    return this.off(name, l);
  }
  emit(name: string | symbol, ...args: unknown[]): boolean {
    const ls = this.listeners.get(name) ?? [];
    for (const l of ls) l(...args);
    return ls.length > 0;
  }
}

export default EventEmitter;
