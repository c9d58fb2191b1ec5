// A plan as `npm run plan -- <stack> --format json` prints it: what `--base` reads back from another commit.
import { z } from "zod";
import { type UrnNode, urnOf } from "./inventory";
import type { ProgramRun } from "./run-program";

export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  /** Name of the parent (every version of the JSON plan has it). */
  readonly parent?: string;
  /** Type of the parent (newer JSON plans only; older ones are resolved by name). */
  readonly parentType?: string;
  readonly protect: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface PlannedStack {
  readonly stack: string;
  readonly resources: readonly PlannedResource[];
  /** Monthly cost estimate (JSON plans since the cost estimate). */
  readonly cost?: { readonly totalUsd: number };
  /** Monthly cost estimate per adapter (JSON plans since the per-adapter summary had a cost; older ones lack it). */
  readonly adapters?: readonly { readonly key: string; readonly monthlyUsd: number }[];
}

export function plannedOf(run: ProgramRun): PlannedResource[] {
  return [...run.resources]
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name))
    .map((r) => ({ type: r.type, name: r.name, parent: r.parent?.name, parentType: r.parent?.type, protect: r.options.protect, inputs: r.inputs }));
}

const plannedSchema = z.object({
  stack: z.string(),
  resources: z.array(z.object({
    type: z.string(),
    name: z.string(),
    parent: z.string().optional(),
    parentType: z.string().optional(),
    protect: z.boolean().optional(),
    inputs: z.record(z.string(), z.unknown()).optional(),
  })),
  cost: z.object({ totalUsd: z.number() }).optional(),
  // A base plan whose summary has another shape only loses the per-adapter cost column, never the whole diff.
  adapters: z.array(z.object({ key: z.string(), monthlyUsd: z.number() })).optional().catch(undefined),
});

/** Reads a JSON plan; throws a one-line error when it is not one. */
export function parsePlanned(text: string): PlannedStack {
  const parsed = plannedSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a JSON plan: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}`.trim());
  const { stack, resources, cost, adapters } = parsed.data;
  return { stack, ...(cost ? { cost } : {}), ...(adapters ? { adapters } : {}), resources: resources.map((r) => ({ ...r, protect: r.protect ?? false, inputs: r.inputs ?? {} })) };
}

/** A component type token (`sparki:redis:RedisCache`) rather than a provider resource's (`aws:s3/bucket:Bucket`). */
const looksLikeComponent = (type: string) => !type.split(":")[1]?.includes("/") && !type.startsWith("pulumi:providers:");

/** The parent of a planned resource: by type and name when the plan says both, else the likeliest of that name. */
function parentRef(plan: PlannedStack, r: PlannedResource): UrnNode | undefined {
  if (!r.parent) return undefined;
  if (r.parentType) return { type: r.parentType, name: r.parent };
  const named = plan.resources.filter((p) => p.name === r.parent);
  const found = named.find((p) => looksLikeComponent(p.type)) ?? named[0];
  return found ? { type: found.type, name: found.name } : undefined;
}

/** Every resource of a plan by its URN (inventory.ts `urnOf`, the replacement guard's key). */
export function byUrn(plan: PlannedStack, project: string): Map<string, PlannedResource> {
  const nodes = plan.resources.map((r) => ({ type: r.type, name: r.name, parent: parentRef(plan, r) }));
  const tree = { stack: plan.stack, resources: nodes };
  return new Map(plan.resources.map((r, i) => [urnOf(tree, project, nodes[i]), r]));
}
