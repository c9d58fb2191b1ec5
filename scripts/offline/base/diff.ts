// The difference between the plan of a base commit and the plan of the working tree, by URN.
import { redact, STATEFUL_TYPES } from "../inventory";
import { byUrn, type PlannedResource, type PlannedStack } from "../planned";
import { SECRET_VALUE } from "../run-program";

export interface DiffEntry {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Its type holds data, credentials or identity (STATEFUL_RESOURCE_TYPES of the registry). */
  readonly stateful: boolean;
  readonly protect: boolean;
}

/** One input path whose value differs; values as displayed (secrets redacted), `(none)` when absent. */
export interface InputChange {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

export interface ChangedEntry extends DiffEntry {
  readonly changes: readonly InputChange[];
}

export interface ReplacedEntry extends DiffEntry {
  /** The URN the same type and name has now (re-parented), if any. */
  readonly now?: string;
}

export interface PlanDiff {
  /** Stateful URNs of the base missing from the head: the resource is deleted, or replaced under a new URN. */
  readonly statefulReplaced: readonly ReplacedEntry[];
  readonly added: readonly DiffEntry[];
  /** Removed resources that are not stateful (stateful ones are in {@link statefulReplaced}). */
  readonly removed: readonly DiffEntry[];
  /** Inputs or protect flag differ; stateful resources first, then protected ones. */
  readonly changed: readonly ChangedEntry[];
  readonly costUsd?: { readonly before: number; readonly after: number };
  /** Monthly cost per adapter key, base and head (absent when the base plan has no per-adapter cost). */
  readonly adapterCostUsd?: Readonly<Record<string, { readonly before: number; readonly after: number }>>;
}

export const ABSENT = "(none)";

// The SDK's wire form of a secret (older plans printed it as it was).
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";

/** Every leaf of a value by path (`rules[0].transitions[1].days`), as JSON text for comparison. */
function leaves(value: unknown, path: string, out: Map<string, string>): void {
  if (value !== null && typeof value === "object" && SPECIAL_SIG_KEY in value) out.set(path, JSON.stringify(SECRET_VALUE));
  else if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, "[]");
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(path, "{}");
    for (const [k, v] of entries) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, JSON.stringify(value ?? null));
}

const shown = (json: string | undefined): string => {
  if (json === undefined) return ABSENT;
  const value: unknown = JSON.parse(json);
  return typeof value === "string" ? value : json;
};

/** The input paths that differ between two versions of a resource (secret-looking keys redacted on both sides). */
export function inputChanges(before: PlannedResource, after: PlannedResource): InputChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  leaves(redact(before.inputs), "", a);
  leaves(redact(after.inputs), "", b);
  const changes: InputChange[] = [];
  if (before.protect !== after.protect) changes.push({ path: "(protect)", before: String(before.protect), after: String(after.protect) });
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(path) !== b.get(path)) changes.push({ path, before: shown(a.get(path)), after: shown(b.get(path)) });
  }
  return changes;
}

const entry = (urn: string, r: PlannedResource): DiffEntry => ({ urn, type: r.type, name: r.name, stateful: STATEFUL_TYPES.has(r.type), protect: r.protect });
const byUrnOrder = (x: DiffEntry, y: DiffEntry) => (x.urn < y.urn ? -1 : x.urn > y.urn ? 1 : 0);
const weight = (e: DiffEntry) => (e.stateful ? 0 : 2) + (e.protect ? 0 : 1);

export function diffPlans(base: PlannedStack, head: PlannedStack, project: string): PlanDiff {
  const before = byUrn(base, project);
  const after = byUrn(head, project);
  const statefulReplaced: ReplacedEntry[] = [];
  const removed: DiffEntry[] = [];
  const added: DiffEntry[] = [];
  const changed: ChangedEntry[] = [];
  for (const [urn, r] of before) {
    const now = after.get(urn);
    if (now) {
      const changes = inputChanges(r, now);
      if (changes.length > 0) changed.push({ ...entry(urn, now), changes });
    } else if (STATEFUL_TYPES.has(r.type)) {
      const moved = [...after].find(([u, x]) => x.type === r.type && x.name === r.name && !before.has(u));
      statefulReplaced.push({ ...entry(urn, r), ...(moved ? { now: moved[0] } : {}) });
    } else removed.push(entry(urn, r));
  }
  for (const [urn, r] of after) if (!before.has(urn)) added.push(entry(urn, r));
  return {
    statefulReplaced: statefulReplaced.sort(byUrnOrder),
    added: added.sort(byUrnOrder),
    removed: removed.sort(byUrnOrder),
    changed: changed.sort((x, y) => weight(x) - weight(y) || byUrnOrder(x, y)),
    ...(base.cost && head.cost ? { costUsd: { before: base.cost.totalUsd, after: head.cost.totalUsd } } : {}),
    ...(base.adapters && head.adapters ? { adapterCostUsd: adapterCosts(base.adapters, head.adapters) } : {}),
  };
}

/** Each adapter's monthly cost in the base and the head; an adapter on one side only costs $0 on the other. */
function adapterCosts(base: NonNullable<PlannedStack["adapters"]>, head: NonNullable<PlannedStack["adapters"]>): Record<string, { before: number; after: number }> {
  const costs: Record<string, { before: number; after: number }> = {};
  for (const a of base) costs[a.key] = { before: a.monthlyUsd, after: 0 };
  for (const a of head) costs[a.key] = { before: costs[a.key]?.before ?? 0, after: a.monthlyUsd };
  return costs;
}

export const isEmpty = (d: PlanDiff) => d.statefulReplaced.length + d.added.length + d.removed.length + d.changed.length === 0;

/** A plan compared with its base: the diff, or why there is none. */
export type Comparison =
  | { readonly ref: string; readonly commit: string; readonly diff: PlanDiff }
  | { readonly ref: string; readonly error: string };
