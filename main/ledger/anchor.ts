/**
 * An anchor is an entry's seq and hash written down somewhere else (a PDF report's integrity page, an
 * auditor's notes). The chain alone cannot show that someone rewrote it from some entry on and re-hashed
 * everything after, or cut entries off its end; an anchor can.
 */
import type Database from 'better-sqlite3';

export interface Anchor {
  seq: number;
  hash: string;
}

export type AnchorVerdict = { holds: true } | { holds: false; reason: string };

/** Parses `SEQ:HASH`; returns null when it is not one. */
export function parseAnchor(text: string): Anchor | null {
  const match = /^#?(\d+):([0-9a-fA-F]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2]!.toLowerCase() } : null;
}

/** Meaningful after the chain verified intact: then the stored hash of `anchor.seq` is the one the chain vouches for. */
export function checkAnchor(sqlite: Database.Database, anchor: Anchor): AnchorVerdict {
  const stored = sqlite.prepare('SELECT hash FROM ledger_entries WHERE seq = ?').pluck().get(anchor.seq) as string | undefined;
  if (stored === undefined) return { holds: false, reason: `entry #${anchor.seq} is gone: the ledger was cut short since the anchor was taken` };
  if (stored !== anchor.hash) return { holds: false, reason: `entry #${anchor.seq} no longer has the anchored hash: the chain was rewritten at or before it` };
  return { holds: true };
}
