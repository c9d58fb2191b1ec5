import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type EnforcementLevel, type Policies, type Policy, type PolicyResource, type ResourceValidationArgs, type ResourceValidationPolicy,
  type StackValidationPolicy, UnknownValueError,
} from "@pulumi/policy";
import * as proxyInternals from "@pulumi/policy/proxy";
import { POLICIES } from "../policy/policies";
import { KNOWN_AFTER_APPLY, type ProgramRun, type RegisteredResource } from "./harness";

/**
 * Runs policies the way the policy SDK's analyzer server does, without the server (importing policy/index would
 * start it): props wrapped in `unknownCheckingProxy`, `notApplicable` as an exception, config reconciled like the
 * CLI (schema defaults, then "all", then per-policy entries).
 */

// Typed view of the SDK's proxy module (its .d.ts declares nothing): the proxy the analyzer wraps props in, and
// the "unknown during preview" sentinel the engine sends (@internal).
const sdkProxy = proxyInternals as unknown as { unknownCheckingProxy: <T>(value: T) => T; unknownStringValue: string };
const unknownCheckingProxy = sdkProxy.unknownCheckingProxy;
export const UNKNOWN = sdkProxy.unknownStringValue;

/** The type token of a resource class, e.g. `aws:rds/instance:Instance` (the SDK's own `__pulumiType`). */
export function pulumiType(resourceClass: unknown): string {
  const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== "string") throw new Error("not a Pulumi resource class");
  return token;
}

class NotApplicable extends Error {}

/** What one policy said about one resource or stack. */
export interface Outcome {
  readonly violations: string[];
  /** The URN each violation names (stack policies may name one), parallel to `violations`. */
  readonly urns: (string | undefined)[];
  /** Set when the policy declared itself not applicable. */
  readonly notApplicable?: string;
  /** Set when the policy read an unknown value without guarding it (the server would skip the policy). */
  readonly unknownError?: string;
}

type Config = Record<string, unknown>;

function configWithDefaults(policy: Policy, config: Config | undefined): Config {
  const defaults = Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {})
    .filter(([, schema]) => (schema as { default?: unknown }).default !== undefined)
    .map(([key, schema]) => [key, (schema as { default?: unknown }).default]));
  return { ...defaults, ...config };
}

function typeMatcher(type: string) {
  return (resourceClass: unknown) => {
    const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
    return token === type;
  };
}

async function capture(run: (report: (message: string, urn?: string) => void) => Promise<void> | void): Promise<Outcome> {
  const violations: string[] = [];
  const urns: (string | undefined)[] = [];
  try {
    await run((message, urn) => {
      violations.push(message);
      urns.push(urn);
    });
    return { violations, urns };
  } catch (error) {
    if (error instanceof NotApplicable) return { violations, urns, notApplicable: error.message };
    if (error instanceof UnknownValueError) return { violations, urns, unknownError: (error as Error).message };
    throw error;
  }
}

const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "not applicable");
};

export interface ResourceInput {
  /** Type token, e.g. from {@link pulumiType}. */
  readonly type: string;
  readonly name?: string;
  readonly props: Record<string, unknown>;
  readonly urn?: string;
  readonly protect?: boolean;
  readonly parentUrn?: string;
}

/** What a resource policy and a stack policy both see of one resource: props behind the preview-unknown proxy. */
function policyView(input: ResourceInput) {
  const props = unknownCheckingProxy(input.props);
  const is = typeMatcher(input.type);
  return {
    type: input.type,
    props,
    urn: input.urn ?? `urn:pulumi:test::sparki-storage::${input.type}::${input.name ?? "r"}`,
    name: input.name ?? "r",
    opts: {
      protect: input.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      ...(input.parentUrn ? { parent: input.parentUrn } : {}),
    },
    isType: is,
    asType: ((resourceClass: unknown) => (is(resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
  };
}

function resourceArgs(policy: Policy, input: ResourceInput, config?: Config): ResourceValidationArgs {
  return {
    ...policyView(input),
    stackTags: new Map(),
    getConfig: <T extends object>() => configWithDefaults(policy, config) as T,
    notApplicable,
  };
}

/** Runs a resource policy on one resource, as `pulumi preview` would. */
export function checkResource(policy: ResourceValidationPolicy, input: ResourceInput, config?: Config): Promise<Outcome> {
  const validations = [policy.validateResource ?? []].flat();
  return capture(async (report) => {
    for (const validate of validations) await validate(resourceArgs(policy, input, config), report);
  });
}

/** A resource for a stack policy; `propertyDependencies` names, per property, the resources (by name) it was computed from. */
export interface StackInput extends ResourceInput {
  readonly propertyDependencies?: Record<string, readonly string[]>;
  /** The resources (`type::name` or name) whose outputs flow into this one's inputs. */
  readonly dependsOnNames?: readonly string[];
  readonly parentName?: string;
}

function stackResources(inputs: readonly StackInput[]): PolicyResource[] {
  const resources = inputs.map((input): PolicyResource => ({ ...policyView(input), dependencies: [], propertyDependencies: {} }));
  // References are `type::name` (unique) or, in hand-built tests, a bare name.
  const byRef = new Map<string, PolicyResource>();
  for (const r of [...resources].reverse()) byRef.set(r.name, r);
  for (const r of resources) byRef.set(`${r.type}::${r.name}`, r);
  const lookup = (ref: string) => byRef.get(ref);
  inputs.forEach((input, i) => {
    const resource = resources[i];
    for (const [property, names] of Object.entries(input.propertyDependencies ?? {})) {
      resource.propertyDependencies[property] = names.map(lookup).filter((r): r is PolicyResource => r !== undefined);
    }
    resource.dependencies = (input.dependsOnNames ?? []).map(lookup).filter((r): r is PolicyResource => r !== undefined);
    if (input.parentName) resource.parent = lookup(input.parentName);
  });
  return resources;
}

/** Runs a stack policy over hand-built resources, as the end of `pulumi preview` would. */
export function checkStack(policy: StackValidationPolicy, inputs: readonly StackInput[], config?: Config): Promise<Outcome> {
  return capture((report) => policy.validateStack({
    resources: stackResources(inputs),
    stackTags: new Map(),
    getConfig: <T extends object>() => configWithDefaults(policy, config) as T,
    notApplicable,
  }, report));
}

// ---------------------------------------------------------------------------------------------------------
// Policy config files, reconciled as the CLI does (pulumi/pkg/resource/analyzer/config.go ReconcilePolicyPackConfig).

export interface ResolvedPolicyConfig {
  readonly enforcementLevel: EnforcementLevel;
  readonly properties: Config;
}

export function readPolicyConfigFile(stack: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, "..", "policy", "config", `${stack}.json`), "utf8")) as Record<string, unknown>;
}

/** Enforcement level and properties of every policy under a config file, on top of the pack default. */
export function reconcilePolicyConfig(file: Record<string, unknown>, packLevel: EnforcementLevel, policies: Policies = POLICIES): Map<string, ResolvedPolicyConfig> {
  const result = new Map<string, ResolvedPolicyConfig>();
  for (const policy of policies) {
    result.set(policy.name, { enforcementLevel: policy.enforcementLevel ?? packLevel, properties: configWithDefaults(policy, undefined) });
  }
  const entry = (value: unknown): { level?: EnforcementLevel; properties: Config } => {
    if (typeof value === "string") return { level: value as EnforcementLevel, properties: {} };
    const { enforcementLevel, ...properties } = value as Config & { enforcementLevel?: EnforcementLevel };
    return { level: enforcementLevel, properties };
  };
  const all = file.all === undefined ? undefined : entry(file.all).level;
  if (all) for (const [name, c] of result) result.set(name, { ...c, enforcementLevel: all });
  for (const [name, value] of Object.entries(file)) {
    if (name === "all") continue;
    const current = result.get(name);
    if (!current) throw new Error(`policy config names an unknown policy "${name}"`);
    const { level, properties } = entry(value);
    result.set(name, { enforcementLevel: level ?? current.enforcementLevel, properties: { ...current.properties, ...properties } });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// The real program's resources (test/harness.ts) as the engine would hand them to the pack.

/** One diagnostic of a pack run: which policy, at which level, about which resource, saying what. */
export interface Diagnostic {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  /** `type::name` of the resource, or `stack` for a stack-wide violation. */
  readonly resource: string;
  readonly message: string;
}

export interface PackRun {
  readonly violations: Diagnostic[];
  /** Policies that applied to at least one resource (or the stack): the run exercised them. */
  readonly applied: ReadonlySet<string>;
  /** Policies that read an unknown value unguarded (in the CLI: "can't run policy during preview"). */
  readonly couldNotRun: Diagnostic[];
}

// The SDK's wire form of a secret, { [sig key]: secret sig, value }, which test (apply) runs keep.
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Inputs as the analyzer hands them to policies: unknowns as the SDK's sentinel, secrets unwrapped to their value. */
function asAnalyzerSees(value: unknown): unknown {
  if (value === KNOWN_AFTER_APPLY) return UNKNOWN;
  if (Array.isArray(value)) return value.map(asAnalyzerSees);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SECRET_SIG_KEY] === SECRET_SIG) return asAnalyzerSees(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, asAnalyzerSees(v)]));
  }
  return value;
}

/** `type::name` of a URN. */
function urnKey(urn: string): string {
  const parts = urn.split("::");
  return `${parts[2].split("$").at(-1)}::${parts[3]}`;
}

/** URN of a registered resource: the type chain of its parents, as the engine builds it. */
function urnOf(stack: string, resource: RegisteredResource, byKey: Map<string, RegisteredResource>): string {
  const types: string[] = [resource.type];
  let parent = resource.parent;
  while (parent) {
    types.unshift(parent.type);
    parent = byKey.get(`${parent.type}::${parent.name}`)?.parent;
  }
  return `urn:pulumi:${stack}::sparki-storage::${types.join("$")}::${resource.name}`;
}

/**
 * Runs every policy over a program run: each resource policy on each resource, then each stack policy once,
 * at the enforcement level the stack's policy config gives it. Resource inputs stand in for the engine's
 * outputs in stack policies (the mocks' computed values are not recorded); dependencies are recorded per
 * resource but not per property, so S3 side resources link to buckets by name (known here: names are explicit).
 */
export async function runPack(run: ProgramRun, configFile: Record<string, unknown>, policies: Policies = POLICIES): Promise<PackRun> {
  const config = reconcilePolicyConfig(configFile, "mandatory", policies);
  const byKey = new Map(run.resources.map((r) => [`${r.type}::${r.name}`, r]));
  const inputs = run.resources.map((r): StackInput => ({
    type: r.type,
    name: r.name,
    urn: urnOf(run.stack, r, byKey),
    props: asAnalyzerSees(r.inputs) as Record<string, unknown>,
    // The engine's dependency list holds both: resources whose outputs flow in, and explicit dependsOn.
    dependsOnNames: [...new Set([...r.dependencies, ...r.options.dependsOn].map((d) => `${d.type}::${d.name}`))],
    protect: r.options.protect,
    ...(r.parent ? { parentName: `${r.parent.type}::${r.parent.name}` } : {}),
  }));
  const violations: Diagnostic[] = [];
  const couldNotRun: Diagnostic[] = [];
  const applied = new Set<string>();
  for (const policy of policies) {
    const { enforcementLevel, properties } = config.get(policy.name)!;
    if (enforcementLevel === "disabled") continue;
    const record = (resource: string, outcome: Outcome) => {
      outcome.violations.forEach((message, i) => {
        const urn = outcome.urns[i];
        violations.push({ policy: policy.name, enforcementLevel, resource: urn ? urnKey(urn) : resource, message });
      });
      if (outcome.unknownError) couldNotRun.push({ policy: policy.name, enforcementLevel: "advisory", resource, message: outcome.unknownError });
      if (outcome.notApplicable === undefined) applied.add(policy.name);
    };
    if ("validateStack" in policy) {
      record("stack", await checkStack(policy, inputs, properties));
    } else {
      for (const input of inputs) record(`${input.type}::${input.name}`, await checkResource(policy, input, properties));
    }
  }
  return { violations, applied, couldNotRun };
}

/** The dev advisories docs/policy.md lists: `policy @ resource name` per row between its policy-dev-advisories markers. */
export function documentedDevAdvisories(): string[] {
  const readme = readFileSync(join(__dirname, "..", "docs", "policy.md"), "utf8");
  const section = /<!-- policy-dev-advisories:begin -->([\s\S]*?)<!-- policy-dev-advisories:end -->/.exec(readme)?.[1] ?? "";
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \| `([a-z0-9-]+)` \|/gm)].map(([, policy, resource]) => `${policy} @ ${resource}`).sort();
}

/** `policy @ type::name: message`, one line per violation: readable in a failed expectation. */
export function listViolations(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.policy} @ ${d.resource}: ${d.message}`);
}
