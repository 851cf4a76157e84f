/**
 * Group commit: writes queued during one turn of the event loop are committed together, in one transaction and
 * so one fsync, each in a savepoint of its own so one failing write cannot undo the others. A caller that must
 * not answer before its write is on disk (the intake's 2xx) waits for `enqueue`'s promise.
 */
import type Database from 'better-sqlite3';

interface Queued {
  write: () => void;
  settle?: (error?: unknown) => void;
}

/**
 * Work that joins every group commit after its queued writes, inside the same transaction; what it returns
 * runs once that transaction is on disk. The engine starts the attempts the batch made due this way, so the
 * write that finishes a step also records the start of the next, one commit instead of two.
 */
export type CommitStage = () => (() => void) | void;

export class GroupCommit {
  private queue: Queued[] = [];
  private readonly stages = new Set<CommitStage>();

  constructor(
    private readonly sqlite: Database.Database,
    /** Told when a queued write fails (its savepoint rolled back; the rest committed). */
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Queues a write for the next commit, without waiting for it. */
  add(write: () => void): void {
    this.push({ write });
  }

  /** Queues a write and resolves once it is committed (rejects if it failed or the commit did). */
  enqueue(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => this.push({ write, settle: (error) => (error === undefined ? resolve() : reject(error)) }));
  }

  /** Adds work to every commit from now on (see CommitStage); returns how to take it out again. */
  addStage(stage: CommitStage): () => void {
    this.stages.add(stage);
    return () => this.stages.delete(stage);
  }

  /** Commits everything queued so far, now. */
  flush(): void {
    const batch = this.queue;
    if (!batch.length) return;
    this.queue = [];
    const failures = new Map<Queued, unknown>();
    const afterCommit: (() => void)[] = [];
    try {
      this.sqlite.transaction(() => {
        for (const item of batch) {
          try {
            this.sqlite.transaction(item.write)();
          } catch (error) {
            failures.set(item, error);
            if (!item.settle) this.onError(error);
          }
        }
        for (const stage of this.stages) {
          try {
            const after = this.sqlite.transaction(stage)();
            if (after) afterCommit.push(after);
          } catch (error) {
            this.onError(error);
          }
        }
      })();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing in this batch is on disk.
      for (const item of batch) {
        if (item.settle) item.settle(error);
        else this.onError(error);
      }
      return;
    }
    for (const item of batch) item.settle?.(failures.get(item));
    for (const after of afterCommit) {
      try {
        after();
      } catch (error) {
        this.onError(error);
      }
    }
  }

  private push(item: Queued): void {
    this.queue.push(item);
    if (this.queue.length === 1) setImmediate(() => this.flush());
  }
}
