// The answers of the pipeline analytics routes (GET /api/analytics/processes/:key/snapshot and
// /funnel): exact aggregates over the stage history read model, scoped like every record read.
import type { EndNode } from '../generated/process.generated';

/** A sum of money in one currency; amounts in different currencies are never added up. */
export interface MoneyTotal {
  currency: string;
  amount: number;
  /** The amount times the stage's probability (snapshot of open stages only). */
  weighted?: number;
}

/** The process the figures are about, and the money field that is summed (null when the entity has none). */
export interface ProcessHeader {
  key: string;
  label: string;
  entity: string;
  amountField: { key: string; label: string } | null;
}

/** The records resting in one end node of the process. */
export interface EndFigures {
  id: string;
  label: string;
  outcome: EndNode['outcome'];
  count: number;
  totals: MoneyTotal[];
}

export interface SnapshotStage {
  id: string;
  label: string;
  probability: number;
  count: number;
  /** Records in the stage without an amount (counted, not summed). */
  withoutAmount: number;
  totals: MoneyTotal[];
  /** Mean time the records have been sitting in the stage so far. */
  avgAgeMs: number | null;
}

/**
 * Records sitting in a stage or end that the latest version of the process no longer has: their
 * instances run on the earlier version they started with, until they move on.
 */
export interface RetiredNodeFigures {
  id: string;
  /** The label in the newest version that has the node. */
  label: string;
  kind: 'stage' | 'end';
  /** For an end: its outcome in that version. */
  outcome?: 'won' | 'lost' | 'closed';
  /** The newest version that has the node. */
  lastVersion: number;
  /** The stage's win probability in that version (0 for an end). */
  probability: number;
  count: number;
  withoutAmount: number;
  totals: MoneyTotal[];
  avgAgeMs: number | null;
}

/** Where the records are now: open stages in pipeline order, and the ends. */
export interface Snapshot {
  process: ProcessHeader;
  ownerId: string | null;
  stages: SnapshotStage[];
  /** Records resting in each end node (all time). */
  ends: EndFigures[];
  /** Records in stages or ends that the latest version removed (counted in `open` when a stage). */
  retired: RetiredNodeFigures[];
  open: { count: number; totals: MoneyTotal[] };
  currencies: string[];
}

export interface FunnelStage {
  id: string;
  label: string;
  /**
   * Set for a stage the latest version no longer has (removed or renamed) that records entered
   * during the period: the newest version that has it. Listed after the latest version's stages.
   */
  retiredAfter?: number;
  probability: number;
  entered: number;
  advanced: number;
  lost: number;
  stillIn: number;
  /** advanced / entered in percent (one decimal); null when nothing entered. */
  conversion: number | null;
  completedStays: number;
  medianMs: number | null;
  avgMs: number | null;
}

/** One owner's figures in the period; `userId` null gathers unowned records and activities without an actor. */
export interface RepStats {
  userId: string | null;
  name: string;
  role: string | null;
  active: number;
  openNow: number;
  won: number;
  lost: number;
  winRate: number | null;
  activities: number;
  activitiesByType: Record<string, number>;
}

/** How records moved through the pipeline in a period. */
export interface Funnel {
  process: ProcessHeader;
  period: { from: string; to: string };
  ownerId: string | null;
  stages: FunnelStage[];
  outcomes: { won: number; lost: number; closed: number; winRate: number | null; ends: EndFigures[] };
  reps: RepStats[];
  activities: { total: number; byType: Record<string, number> };
}
