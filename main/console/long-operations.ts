/**
 * Long console work (a verify, an export) that a person can follow and stop. The console picks the operation's
 * id and sends it with the call; while the call runs, `view` says how far it is and `cancel` asks it to stop,
 * which the work honours between chunks. Nothing here outlives the call: progress is for watching, the ledger
 * is the record.
 */
import type { LongOperationView } from '../../preload/api';
import { isLedgerWorkCancelled, type WorkControl } from '../ledger/work-control';
import { ConsoleProblem } from './dispatch';

type Kind = LongOperationView['kind'];

interface Running {
  kind: Kind;
  controller: AbortController;
  done: number;
  total: number | null;
}

export class LongOperations {
  private readonly running = new Map<string, Running>();

  /** Runs `work`; with an id, it can be followed and cancelled meanwhile. A cancel answers as a conflict, in words. */
  async run<T>(operationId: string | undefined, kind: Kind, work: (control: WorkControl) => Promise<T> | T): Promise<T> {
    if (operationId === undefined) return work({});
    if (this.running.has(operationId)) {
      throw new ConsoleProblem('conflict', `Operation ${operationId} is already running; wait for it or cancel it before starting another with that id.`);
    }
    const entry: Running = { kind, controller: new AbortController(), done: 0, total: null };
    this.running.set(operationId, entry);
    try {
      return await work({
        signal: entry.controller.signal,
        onProgress: (done, total) => Object.assign(entry, { done, total }),
      });
    } catch (error) {
      if (isLedgerWorkCancelled(error)) throw new ConsoleProblem('conflict', error.message);
      throw error;
    } finally {
      this.running.delete(operationId);
    }
  }

  view(operationId: string): LongOperationView | null {
    const entry = this.running.get(operationId);
    if (!entry) return null;
    return { operationId, kind: entry.kind, done: entry.done, total: entry.total, cancelling: entry.controller.signal.aborted };
  }

  /** False when there is nothing running under that id (it finished already, or never started). */
  cancel(operationId: string): { cancelling: boolean } {
    const entry = this.running.get(operationId);
    if (!entry) return { cancelling: false };
    entry.controller.abort();
    return { cancelling: true };
  }
}
