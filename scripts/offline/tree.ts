// The plan's resources as trees by component, and which adapter of the registry each tree belongs to.
import { ADAPTER_REGISTRY } from "../../stacks/adapters/registry";
import type { ProgramRun, RegisteredResource, ResourceRef } from "./run-program";

export interface Node {
  readonly resource: RegisteredResource;
  readonly children: Node[];
}

/** The group of the foundation: provider, key, topics, network and the composition's dashboard. */
export const FOUNDATION = "foundation";
/** The group of the copies in the second Region (stacks/disaster-recovery.ts): neither an adapter nor the foundation. */
export const DISASTER_RECOVERY = "disaster-recovery";

export const keyOf = (r: ResourceRef) => `${r.type}::${r.name}`;

/** A type token as the Pulumi CLI shows it: `aws:s3/bucket:Bucket` -> `aws:s3:Bucket`; others unchanged. */
export function displayType(type: string): string {
  const [pkg, module, name] = type.split(":");
  const slash = module?.lastIndexOf("/") ?? -1;
  if (name === undefined || slash < 0) return type;
  const last = module.slice(slash + 1);
  return last === `${name.charAt(0).toLowerCase()}${name.slice(1)}` ? `${pkg}:${module.slice(0, slash)}:${name}` : type;
}

/** Resources as a tree by component, siblings sorted by type then name for a stable diff. */
export function resourceTree(run: ProgramRun): Node[] {
  const nodes = new Map(run.resources.map((r) => [keyOf(r), { resource: r, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const p = node.resource.parent;
    const parent = p ? nodes.get(keyOf(p)) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: Node[]) => {
    list.sort((a, b) => a.resource.type.localeCompare(b.resource.type) || a.resource.name.localeCompare(b.resource.name));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export function countsByType(run: ProgramRun): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of run.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

const walk = (node: Node): RegisteredResource[] => [node.resource, ...node.children.flatMap(walk)];

/**
 * The adapter (registry key) a top-level resource belongs to. Each adapter registers one top-level component
 * named `<base>-<key>` (stacks/adapters/<key>/deploy.ts); a provider belongs to the adapter whose resources
 * alone use it (MinIO's Kubernetes provider); everything else is the foundation's.
 */
function ownerOf(root: RegisteredResource, run: ProgramRun, componentOwner: ReadonlyMap<string, string>): string {
  if (root.type === "sparki:disaster-recovery:DisasterRecovery") return DISASTER_RECOVERY;
  // A component is named `<base>-<one of the adapter's names>`.
  if (!root.custom) return ADAPTER_REGISTRY.find((a) => a.names.some((n) => root.name.endsWith(`-${n}`)))?.key ?? FOUNDATION;
  if (!root.type.startsWith("pulumi:providers:")) return FOUNDATION;
  const users = new Set(run.resources.filter((r) => r.provider?.includes(`${root.type}::${root.name}::`)).map((r) => componentOwner.get(keyOf(r)) ?? FOUNDATION));
  return users.size === 1 ? [...users][0] : FOUNDATION;
}

export interface AdapterGroup {
  /** A registry key, or {@link FOUNDATION}. */
  readonly key: string;
  readonly roots: readonly Node[];
  readonly resources: readonly RegisteredResource[];
}

/** The trees grouped by adapter: the foundation first, then the adapters in registry order (empty when disabled). */
export function adapterGroups(run: ProgramRun): AdapterGroup[] {
  const roots = resourceTree(run);
  const componentOwner = new Map<string, string>();
  for (const root of roots.filter((n) => !n.resource.custom)) {
    const owner = ownerOf(root.resource, run, componentOwner);
    for (const r of walk(root)) componentOwner.set(keyOf(r), owner);
  }
  const keys = [FOUNDATION, ...ADAPTER_REGISTRY.map((a) => a.key), DISASTER_RECOVERY];
  const byKey = new Map(keys.map((k) => [k, [] as Node[]]));
  for (const root of roots) byKey.get(componentOwner.get(keyOf(root.resource)) ?? ownerOf(root.resource, run, componentOwner))!.push(root);
  return keys.map((key) => ({ key, roots: byKey.get(key)!, resources: byKey.get(key)!.flatMap(walk) }));
}
