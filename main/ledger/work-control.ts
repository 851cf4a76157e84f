/**
 * What long ledger work (a verify, an export) is handed so a person can follow it and stop it: a signal checked
 * between chunks, and a progress callback called there too.
 */
export interface WorkControl {
  signal?: AbortSignal;
  /** Entries done so far, and how many there are when known. */
  onProgress?: (done: number, total: number | null) => void;
}

/** The work stopped because someone asked: an expected outcome, not a failure. */
export class LedgerWorkCancelled extends Error {
  override name = 'LedgerWorkCancelled';
  constructor(
    readonly done: number,
    readonly total: number | null,
    message: string,
  ) {
    super(message);
  }
}

export function isLedgerWorkCancelled(error: unknown): error is LedgerWorkCancelled {
  return error instanceof Error && error.name === 'LedgerWorkCancelled';
}
