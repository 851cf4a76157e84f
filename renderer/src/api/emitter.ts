/** A minimal listener set: the event sources below need several of them and nothing more. */
export interface Emitter<T> {
  on(listener: (value: T) => void): () => void;
  emit(value: T): void;
  readonly size: number;
}

export function createEmitter<T>(): Emitter<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(value) {
      // A throwing listener must not starve the others (one broken view should not freeze live updates).
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          console.error('Keel: an event listener failed', error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
