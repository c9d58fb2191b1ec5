import type { ProgramRun } from "../run-program";
import { SETUP_SECONDS } from "./durations";
import { deployGraph, type DeployGraph, type DurationOf, type Edge, type EdgeKind, tableDuration, type Timed } from "./graph";

/** One creation on a chain. */
export interface ChainStep {
  readonly type: string;
  readonly name: string;
  readonly variant: string;
  readonly seconds: number;
  readonly startSeconds: number;
  readonly finishSeconds: number;
  /** Why it waited for the step before (absent on the first step). */
  readonly after?: EdgeKind;
}

/** A resource that waits on slow resources through ordering edges only (it consumes none of their outputs). */
export interface OrderingWait {
  readonly resource: string;
  readonly waitsOn: readonly string[];
}

/**
 * The deploy-time estimate of a stack created from nothing, with unlimited parallelism (Pulumi's default).
 *
 * - total: the critical path, the longest chain over every edge the engine honours (data, dependsOn,
 *   custom parent).
 * - floor: the longest chain over the inherent edges only: data edges, and ordering edges onto setup
 *   resources (created in at most {@link SETUP_SECONDS} s). No reordering of the program can go below it.
 * - total == floor means the stack adds no serialisation of its own; otherwise `addedEdges` names the
 *   ordering edges on the critical path that the floor does without.
 */
export interface DeployTimeReport {
  readonly totalSeconds: number;
  readonly floorSeconds: number;
  readonly critical: readonly ChainStep[];
  readonly floor: readonly ChainStep[];
  /** Non-inherent edges on the critical chain. */
  readonly addedEdges: readonly Edge[];
  /** Resources waiting on a slow resource (> setup time) only through non-inherent edges: worth a look. */
  readonly orderingOnlyWaits: readonly OrderingWait[];
  /** Custom resource types without a row in the durations table (a default was assumed). */
  readonly unlistedTypes: readonly string[];
  /** The slowest resources, slowest first. */
  readonly slowest: readonly ChainStep[];
  readonly resourceCount: number;
}

type EdgeFilter = (edge: Edge) => boolean;
const ALL: EdgeFilter = () => true;
const INHERENT: EdgeFilter = (e) => e.inherent;

interface Schedule {
  readonly finish: ReadonlyMap<string, number>;
  /** The predecessor that finishes last (the one the node really waits for). */
  readonly via: ReadonlyMap<string, Edge | undefined>;
}

/** Earliest finish of every node when each starts as soon as its (filtered) prerequisites finish. */
export function schedule(graph: DeployGraph, filter: EdgeFilter = ALL): Schedule {
  const finish = new Map<string, number>();
  const via = new Map<string, Edge | undefined>();
  const visiting = new Set<string>();
  const visit = (key: string): number => {
    const known = finish.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) throw new Error(`dependency cycle through ${key}`);
    visiting.add(key);
    let start = 0;
    let chosen: Edge | undefined;
    // Sorted so that ties pick the same predecessor on every run.
    const edges = [...(graph.incoming.get(key) ?? [])].filter(filter).sort((a, b) => a.from.localeCompare(b.from));
    for (const edge of edges) {
      const f = visit(edge.from);
      if (f > start || (chosen === undefined && f === start && f > 0)) [start, chosen] = [f, edge];
    }
    visiting.delete(key);
    const node = graph.nodes.get(key)!;
    finish.set(key, start + node.seconds);
    via.set(key, chosen);
    return start + node.seconds;
  };
  for (const key of [...graph.nodes.keys()].sort()) visit(key);
  return { finish, via };
}

function stepOf(node: Timed, finish: number, after?: EdgeKind): ChainStep {
  return {
    type: node.resource.type, name: node.resource.name, variant: node.variant, seconds: node.seconds,
    startSeconds: finish - node.seconds, finishSeconds: finish, ...(after ? { after } : {}),
  };
}

/** The chain ending at the node that finishes last, first creation first. */
function longestChain(graph: DeployGraph, s: Schedule): { steps: ChainStep[]; edges: Edge[] } {
  let last: string | undefined;
  for (const [key, f] of [...s.finish.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (last === undefined || f > s.finish.get(last)!) last = key;
  }
  const steps: ChainStep[] = [];
  const edges: Edge[] = [];
  for (let key = last; key !== undefined;) {
    const edge = s.via.get(key);
    steps.unshift(stepOf(graph.nodes.get(key)!, s.finish.get(key)!, edge?.kind));
    if (edge) edges.unshift(edge);
    key = edge?.from;
  }
  return { steps, edges };
}

/** Every resource a node waits for, directly or not, over the filtered edges. */
export function ancestors(graph: DeployGraph, key: string, filter: EdgeFilter = ALL): Set<string> {
  const seen = new Set<string>();
  const stack = [key];
  while (stack.length > 0) {
    for (const edge of graph.incoming.get(stack.pop()!) ?? []) {
      if (filter(edge) && !seen.has(edge.from)) {
        seen.add(edge.from);
        stack.push(edge.from);
      }
    }
  }
  return seen;
}

/** Which slow resources a resource waits on although no inherent edge leads there (dependsOn/parent only). */
function orderingOnlyWaits(graph: DeployGraph): OrderingWait[] {
  const slow = (key: string) => graph.nodes.get(key)!.seconds > SETUP_SECONDS;
  const found: OrderingWait[] = [];
  for (const key of [...graph.nodes.keys()].sort()) {
    const inherent = ancestors(graph, key, INHERENT);
    const extra = [...ancestors(graph, key)].filter((a) => slow(a) && !inherent.has(a)).sort();
    if (extra.length > 0) found.push({ resource: key, waitsOn: extra });
  }
  return found;
}

export function deployTime(run: ProgramRun, durationOf: DurationOf = tableDuration): DeployTimeReport {
  const graph = deployGraph(run, durationOf);
  const all = schedule(graph, ALL);
  const inherent = schedule(graph, INHERENT);
  const critical = longestChain(graph, all);
  const floor = longestChain(graph, inherent);
  const nodes = [...graph.nodes.values()];
  return {
    totalSeconds: critical.steps.at(-1)?.finishSeconds ?? 0,
    floorSeconds: floor.steps.at(-1)?.finishSeconds ?? 0,
    critical: critical.steps,
    floor: floor.steps,
    addedEdges: critical.edges.filter((e) => !e.inherent),
    orderingOnlyWaits: orderingOnlyWaits(graph),
    unlistedTypes: [...new Set(nodes.filter((n) => !n.listed).map((n) => n.resource.type))].sort(),
    slowest: nodes
      .filter((n) => n.seconds > SETUP_SECONDS)
      .sort((a, b) => b.seconds - a.seconds || a.key.localeCompare(b.key))
      .slice(0, 8)
      .map((n) => stepOf(n, all.finish.get(n.key)!)),
    resourceCount: nodes.length,
  };
}
