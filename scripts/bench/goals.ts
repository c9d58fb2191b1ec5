import type { Sample } from "./measure";

/** The issue-14 goals, measured here and never by a timed test. */
export const GOALS = { planProdOverFloor: 1.4, suiteSeconds: 40, adapterSuiteSeconds: 1.5, adapterPlanShare: 0.05 } as const;

export interface Row {
  readonly label: string;
  readonly command: readonly string[];
  readonly samples: Sample[];
}

export interface AdapterCost {
  readonly adapterKey: string;
  /** Plan of prod minus plan of prod without it, s, and that as a share of the plan of prod. */
  readonly planSeconds: number;
  readonly planShare: number;
  /** Its test files' time in the suite, plus the capture of its example stacks (examples/<key>/), s. */
  readonly suiteSeconds: number;
  readonly testFiles: readonly string[];
}

export interface BenchResult {
  readonly cores: number;
  readonly load: { readonly before: number; readonly after: number };
  readonly rows: readonly { label: string; medianSeconds: number; minSeconds: number; maxSeconds: number; failures: number; failure?: string; peakTreeMb?: number; peakProcessMb?: number }[];
  readonly floorSeconds: number;
  readonly adapters: readonly AdapterCost[];
  readonly slowestTestFiles: readonly { file: string; seconds: number }[];
  readonly suite?: { seconds: number; passed: number; failed: number; failedTests: readonly string[] };
}
