// The shapes every pricer shares (estimate.ts and the usage drivers in usage.ts) and the helpers that build them.
import type { CostAssumptionsConfig } from "../../../stacks/config/cost-assumptions";
import { KNOWN_AFTER_APPLY, type ProgramRun, type RegisteredResource } from "../run-program";
import { type Price, type PriceCheck, PRICES_TAKEN } from "./prices";

/** One priced quantity. */
export interface CostLine {
  /** Logical name of the resource it belongs to. */
  readonly resource: string;
  readonly type: string;
  /** What is billed, e.g. `db.r7g.large Multi-AZ (primary + standby)`. */
  readonly item: string;
  readonly quantity: number;
  /** Unit of `quantity`, e.g. `instance-hours`, `GB-month`. */
  readonly unit: string;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
  readonly check: PriceCheck;
  /** The price page the unit price comes from, and the date it was taken or last checked. */
  readonly source?: { readonly page: string; readonly date: string };
}

/** Something the estimate could not price; never silently $0. */
export interface Unpriced {
  readonly resource: string;
  readonly type: string;
  readonly kind: "unknown-type" | "unknown-sku" | "usage-not-assumed" | "cluster-billed";
  readonly reason: string;
}

/**
 * The usage assumptions as the estimate reads them: every field of `sparki-storage:costAssumptions` optional (volumes
 * absent are reported as not assumed, rates absent take COST_RATE_DEFAULTS).
 */
export type CostAssumptions = Partial<Omit<CostAssumptionsConfig, "objectStorageGb" | "internetEgressGbPerMonth">> & {
  readonly objectStorageGb: Readonly<Partial<Record<string, number>>>;
  readonly internetEgressGbPerMonth?: Readonly<Partial<Record<string, number>>>;
};

export const NO_ASSUMPTIONS: CostAssumptions = { objectStorageGb: {} };

/** What a pricer found; `free` marks a resource that costs nothing in its configuration. */
export type Priced = { lines: CostLine[]; unpriced: Unpriced[]; free?: boolean };

export interface Context {
  readonly run: ProgramRun;
  readonly assumptions: CostAssumptions;
  readonly byKey: ReadonlyMap<string, RegisteredResource>;
}

export const keyOf = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
export const known = (v: unknown): boolean => v !== undefined && v !== null && v !== KNOWN_AFTER_APPLY;
export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== KNOWN_AFTER_APPLY ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export function line(r: RegisteredResource, item: string, quantity: number, unit: string, price: Price, factor = 1): CostLine {
  const unitUsd = price.usd * factor;
  return { resource: r.name, type: r.type, item, quantity, unit, unitUsd, monthlyUsd: quantity * unitUsd, check: price.check, source: { page: price.page, date: price.checked ?? PRICES_TAKEN } };
}

export const unknownSku = (r: RegisteredResource, reason: string): Unpriced => ({ resource: r.name, type: r.type, kind: "unknown-sku", reason });

/** A usage driver whose volume the stack does not assume: reported, never $0. */
export const notAssumed = (r: RegisteredResource, what: string, key: string): Unpriced =>
  ({ resource: r.name, type: r.type, kind: "usage-not-assumed", reason: `${what} not assumed: set sparki-storage:costAssumptions.${key}` });

export function add(priced: Priced, more: Priced): void {
  priced.lines.push(...more.lines);
  priced.unpriced.push(...more.unpriced);
}
