import type { ProgramRun, RegisteredResource, ResourceRef } from "../run-program";
import { DURATIONS, type DurationVariant, SETUP_SECONDS, UNLISTED_DURATION } from "./durations";

/** Why one resource waits for another. */
export type EdgeKind =
  /** An input of the dependent is an output of the prerequisite. */
  | "data"
  /** The `dependsOn` option. */
  | "dependsOn"
  /** The dependent's parent is a custom resource: the SDK registers a child only once its parent exists. */
  | "parent";

export interface Edge {
  /** Key (`type::name`) of the resource that must finish first. */
  readonly from: string;
  /** Key of the resource that waits. */
  readonly to: string;
  readonly kind: EdgeKind;
  /** Part of the floor: a data edge, or an ordering edge onto a setup resource (see {@link isInherent}). */
  readonly inherent: boolean;
}

export interface Timed {
  readonly key: string;
  readonly resource: RegisteredResource;
  readonly seconds: number;
  readonly variant: string;
  readonly listed: boolean;
}

export interface DeployGraph {
  /** Custom resources only: components create nothing and take no time. */
  readonly nodes: ReadonlyMap<string, Timed>;
  readonly edges: readonly Edge[];
  /** Edges into each node. */
  readonly incoming: ReadonlyMap<string, readonly Edge[]>;
}

export type DurationOf = (resource: RegisteredResource) => { seconds: number; variant: string; listed: boolean };

const KIND_RANK: Readonly<Record<EdgeKind, number>> = { data: 0, dependsOn: 1, parent: 2 };

export const keyOf = (r: ResourceRef): string => `${r.type}::${r.name}`;

function pick(variants: readonly DurationVariant[], inputs: Readonly<Record<string, unknown>>): DurationVariant {
  return variants.find((v) => v.when === undefined || v.when(inputs)) ?? variants[variants.length - 1];
}

/** The typical create time of a resource from the durations table. */
export const tableDuration: DurationOf = (resource) => {
  const variants = DURATIONS[resource.type];
  const chosen = variants ? pick(variants, resource.inputs) : UNLISTED_DURATION;
  const seconds = typeof chosen.seconds === "function" ? chosen.seconds(resource.inputs) : chosen.seconds;
  return { seconds, variant: chosen.variant, listed: variants !== undefined };
};

/**
 * Data edges are always inherent: nothing can create a resource before the values it is given exist.
 * An ordering edge (dependsOn, custom parent) is inherent when it points at a setup resource (at most
 * {@link SETUP_SECONDS}): that is how Pulumi says "must exist first" for prerequisites AWS does not surface
 * as outputs (an IAM policy attached, a log group created before RDS writes to it), and it costs seconds.
 * An ordering edge onto anything slower (a database, a cache, a StatefulSet) is serialisation the stack adds,
 * except into an alarm: an alarm created before what it watches judges a resource that does not exist yet and
 * pages during a normal deploy (the `engine-alarms-quiet-during-create` policy checks each waits for its own).
 */
export function isInherent(kind: EdgeKind, prerequisiteSeconds: number, dependentType?: string): boolean {
  return kind === "data" || prerequisiteSeconds <= SETUP_SECONDS || (kind === "dependsOn" && dependentType === ALARM_TYPE);
}

const ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";

/**
 * The graph the engine schedules creations by. A reference to a component (as dependsOn or in an Output)
 * stands for every custom resource below it, as the SDK expands it.
 */
export function deployGraph(run: ProgramRun, durationOf: DurationOf = tableDuration): DeployGraph {
  const byKey = new Map(run.resources.map((r) => [keyOf(r), r]));
  const children = new Map<string, RegisteredResource[]>();
  for (const r of run.resources) {
    if (!r.parent) continue;
    const siblings = children.get(keyOf(r.parent)) ?? [];
    siblings.push(r);
    children.set(keyOf(r.parent), siblings);
  }
  const customBelow = (key: string, seen = new Set<string>()): string[] => {
    if (seen.has(key)) return [];
    seen.add(key);
    return (children.get(key) ?? []).flatMap((c) => (c.custom ? [keyOf(c)] : []).concat(customBelow(keyOf(c), seen)));
  };
  const expand = (ref: ResourceRef): string[] => {
    const target = byKey.get(keyOf(ref));
    if (!target) return [];
    return target.custom ? [keyOf(target)] : customBelow(keyOf(target));
  };

  const nodes = new Map<string, Timed>();
  for (const r of run.resources) {
    if (r.custom) nodes.set(keyOf(r), { key: keyOf(r), resource: r, ...durationOf(r) });
  }

  const edges = new Map<string, Edge>();
  const add = (from: string, to: string, kind: EdgeKind) => {
    if (from === to || !nodes.has(from)) return;
    const id = `${from}->${to}`;
    const existing = edges.get(id);
    // One edge per pair: the strongest reason wins (data over dependsOn over parent).
    if (existing && KIND_RANK[existing.kind] <= KIND_RANK[kind]) return;
    edges.set(id, { from, to, kind, inherent: isInherent(kind, nodes.get(from)!.seconds, nodes.get(to)?.resource.type) });
  };
  for (const node of nodes.values()) {
    const r = node.resource;
    for (const ref of r.dependencies) for (const from of expand(ref)) add(from, node.key, "data");
    for (const ref of r.options.dependsOn) for (const from of expand(ref)) add(from, node.key, "dependsOn");
    const parent = r.parent ? byKey.get(keyOf(r.parent)) : undefined;
    if (parent?.custom) add(keyOf(parent), node.key, "parent");
  }

  const incoming = new Map<string, Edge[]>();
  for (const edge of edges.values()) {
    const list = incoming.get(edge.to) ?? [];
    list.push(edge);
    incoming.set(edge.to, list);
  }
  return { nodes, edges: [...edges.values()], incoming };
}
