// The contract between run.ts and a scenario: given a fresh database and the load settings, measure and
// return the rows (product beside its ceilings) with their targets.
import type { BenchDatabase } from "./databases.js";
import type { Row } from "./report.js";

export interface Settings {
  warmupS: number;
  durationS: number;
  /** Connections for the max-throughput mode. */
  connections: number;
  /** Requests per second for the steady-rate mode; undefined: derived from a ceiling measured in the same run. */
  rate: number | undefined;
  /** Interleaved rounds of max-throughput measurements (product, ceilings, then again). */
  rounds: number;
}

export interface ScenarioResult {
  rows: Row[];
  notes: string[];
}

export interface Scenario {
  name: string;
  summary: string;
  run(database: BenchDatabase, settings: Settings): Promise<ScenarioResult>;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
