// The live page's memory of events: newest first, each sequence once (a resume may repeat the last one),
// capped so a page left open for days stays small.
export const LIVE_CAP = 200;

export interface LiveRow {
  seq: string;
  id: string;
  type: string;
  module: string;
  payload: unknown;
  createdAt: Date;
}

export function addLive(rows: readonly LiveRow[], row: LiveRow, cap = LIVE_CAP): LiveRow[] {
  if (rows.some((r) => r.seq === row.seq)) return rows as LiveRow[];
  const next = [row, ...rows];
  // Usually already in order; a resumed backlog arrives oldest first, which this keeps newest first.
  next.sort((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? 1 : BigInt(b.seq) < BigInt(a.seq) ? -1 : 0));
  return next.length > cap ? next.slice(0, cap) : next;
}
