import * as pulumi from "@pulumi/pulumi";
import { isSecret, isUnknown } from "@pulumi/pulumi/output";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { createMocks, type MockCall } from "./mocks";
import { skipPromiseLeakTracking } from "./sdk-tuning";
import { readProjectFile, stackConfigWithSecrets } from "./stack-files";

/** Shown wherever a value is only known after the resource exists. */
export const KNOWN_AFTER_APPLY = "(known after apply)";

export interface ResourceRef {
  readonly type: string;
  readonly name: string;
}

/** Resource options as the program passed them (mocks never see options; a stack transformation does). */
export interface RecordedOptions {
  readonly protect: boolean;
  readonly dependsOn: readonly ResourceRef[];
  readonly ignoreChanges: readonly string[];
  readonly deleteBeforeReplace: boolean;
  readonly retainOnDelete: boolean;
  readonly replaceOnChanges: readonly string[];
  readonly aliases: number;
  readonly customTimeouts?: { create?: string; update?: string; delete?: string };
}

export interface RegisteredResource extends ResourceRef {
  readonly custom: boolean;
  /** Inputs as the provider receives them; in preview, unknown values are {@link KNOWN_AFTER_APPLY}. */
  readonly inputs: Record<string, unknown>;
  readonly parent?: ResourceRef;
  /** Resources whose outputs flow into this resource's inputs (the engine waits for them). */
  readonly dependencies: readonly ResourceRef[];
  /** `urn:...::id` reference of the explicit provider, if any. */
  readonly provider?: string;
  readonly options: RecordedOptions;
}

export interface ProgramRun {
  readonly stack: string;
  /** Folder the stack files were read from (absent: the repository root). */
  readonly stackDir?: string;
  readonly preview: boolean;
  readonly resources: readonly RegisteredResource[];
  readonly outputs: Record<string, unknown>;
}

export interface RunOptions {
  /** Stack name: reads Pulumi.<stack>.yaml. */
  readonly stack: string;
  /** Folder holding Pulumi.yaml and Pulumi.<stack>.yaml. Default: the repository root. */
  readonly stackDir?: string;
  /** Config keys to set (or, with `undefined`, remove) on top of the stack file. */
  readonly overrides?: Record<string, unknown>;
  /** Preview semantics: computed values unknown. Default: false (mocks return realistic computed state). */
  readonly preview?: boolean;
  /**
   * What to run instead of the stack program, e.g. one component under test. Default: the real program
   * (`storageStack` of stacks/program.ts).
   */
  readonly program?: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Called for every resource registration, also when the program later throws. */
  readonly observe?: (resource: ResourceRef) => void;
}

/** Shown instead of any value the program marked secret (the plan and inventory never print one). */
export const SECRET_VALUE = "(secret)";

// The SDK's wire form of a secret: { [specialSigKey]: secretSig, value } (rpc.ts).
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Unknowns become {@link KNOWN_AFTER_APPLY}. With `hideSecrets` (preview runs, which feed the plan and the
 * committed inventory) secrets become {@link SECRET_VALUE}; test runs keep the wire form so tests can assert
 * that a value is secret.
 */
function normalise(value: unknown, hideSecrets = false): unknown {
  if (isUnknown(value)) return KNOWN_AFTER_APPLY;
  if (hideSecrets && value !== null && typeof value === "object" && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG) return SECRET_VALUE;
  if (Array.isArray(value)) return value.map((v) => normalise(v, hideSecrets));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, hideSecrets)]));
  }
  return value;
}

function refOf(resource: unknown): ResourceRef | undefined {
  const r = resource as { __pulumiType?: string; __name?: string } | undefined;
  return r?.__pulumiType && r.__name ? { type: r.__pulumiType, name: r.__name } : undefined;
}

function recordOptions(opts: pulumi.CustomResourceOptions): RecordedOptions {
  const dependsOn = ([] as unknown[]).concat(opts.dependsOn ?? []).map(refOf).filter((r): r is ResourceRef => r !== undefined);
  return {
    protect: opts.protect === true,
    dependsOn,
    ignoreChanges: opts.ignoreChanges ?? [],
    deleteBeforeReplace: opts.deleteBeforeReplace === true,
    retainOnDelete: opts.retainOnDelete === true,
    replaceOnChanges: opts.replaceOnChanges ?? [],
    aliases: opts.aliases?.length ?? 0,
    customTimeouts: opts.customTimeouts,
  };
}

/**
 * Resolves a stack-output tree leaf by leaf, so known parts stay visible when others are unknown. With
 * `hideSecrets` (preview runs) a secret output becomes {@link SECRET_VALUE}, as it does in inputs.
 */
async function resolveDeep(value: unknown, hideSecrets: boolean): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    if (hideSecrets && (await isSecret(value))) return SECRET_VALUE;
    // isKnown/promise are SDK internals (absent from the typings) that the engine itself uses for outputs.
    const output = value as unknown as { isKnown: Promise<boolean>; promise(): Promise<unknown> };
    return (await output.isKnown) ? resolveDeep(await output.promise(), hideSecrets) : KNOWN_AFTER_APPLY;
  }
  if (pulumi.Resource.isInstance(value)) return `(resource ${refOf(value)?.name ?? "?"})`;
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveDeep(v, hideSecrets)));
  if (value !== null && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveDeep(v, hideSecrets)] as const));
    return Object.fromEntries(entries);
  }
  return normalise(value, hideSecrets);
}

// The SDK's own "drain the RPC queue" step (what `disconnect` awaits); @internal, so absent from the typings.
const waitForRPCs = (settings as unknown as { waitForRPCs: () => Promise<void> }).waitForRPCs;

const key = (r: ResourceRef) => `${r.type}::${r.name}`;

/** Resources behind every Output inside a resource's input properties (Output.resources is the SDK's own record). */
function inputDependencies(props: unknown, found = new Map<string, ResourceRef>(), seen = new Set<unknown>()): ResourceRef[] {
  if (props === null || typeof props !== "object" || seen.has(props)) return [...found.values()];
  seen.add(props);
  if (pulumi.Output.isInstance(props)) {
    const resources = (props as unknown as { resources(): Set<unknown> }).resources();
    for (const r of resources) {
      const ref = refOf(r);
      if (ref) found.set(key(ref), ref);
    }
    return [...found.values()];
  }
  if (pulumi.Resource.isInstance(props)) return [...found.values()];
  for (const value of Object.values(props)) inputDependencies(value, found, seen);
  return [...found.values()];
}

skipPromiseLeakTracking();

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the real program (stacks/program.ts) in-process against mocks, with config from the real stack files,
 * and returns every resource it registered. Throws what the program throws (e.g. a ConfigError).
 * Runs are serialised: the Pulumi runtime is process-global state.
 */
export function runProgram(options: RunOptions): Promise<ProgramRun> {
  const run = queue.then(() => runOnce(options));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(options: RunOptions): Promise<ProgramRun> {
  const preview = options.preview ?? false;
  const { config, secretKeys } = stackConfigWithSecrets(options.stack, options.overrides, options.stackDir);
  const project = readProjectFile(options.stackDir).name;
  const scope = { region: config["aws:region"] ?? "eu-west-1", accountId: config[`${project}:accountId`] ?? "000000000000" };

  const calls = new Map<string, MockCall>();
  const recorded = new Map<string, { parent?: ResourceRef; dependencies: ResourceRef[]; options: RecordedOptions }>();
  const duplicates: string[] = [];
  await pulumi.runtime.setMocks(
    createMocks(scope, preview, (call) => {
      options.observe?.(call);
      if (calls.has(key(call))) duplicates.push(key(call));
      calls.set(key(call), call);
    }),
    project, options.stack, preview,
  );
  pulumi.runtime.setAllConfig(config, secretKeys);

  // Imported after the mocks are in place, as `pulumi up` would load it after connecting to the engine.
  const program = options.program ?? (await import("../../stacks/program")).storageStack;
  let failure: Error | undefined;
  let returned: Record<string, unknown> = {};
  try {
    await runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type !== "pulumi:pulumi:Stack") {
          recorded.set(key(args), { parent: refOf(args.opts.parent), dependencies: inputDependencies(args.props), options: recordOptions(args.opts) });
        }
        return undefined;
      });
      try {
        returned = await program();
      } catch (error) {
        failure = error instanceof Error ? error : new Error(JSON.stringify(error));
      }
      return {};
    });
    await waitForRPCs();
  } finally {
    // Leave the process as a fresh one: code that reads the runtime's config outside a run (loadConfig's defaults,
    // the secret-key check) must not see the last run's stack, in whichever test file runs next in this worker.
    pulumi.runtime.setAllConfig({}, []);
  }
  if (failure) throw failure;
  if (duplicates.length > 0) throw new Error(`duplicate logical names (type::name): ${duplicates.join(", ")}`);

  const resources = [...calls.values()]
    .filter((c) => c.type !== "pulumi:pulumi:Stack")
    .map((c): RegisteredResource => {
      const rec = recorded.get(key(c));
      return {
        type: c.type,
        name: c.name,
        custom: c.custom,
        inputs: normalise(c.inputs, preview) as Record<string, unknown>,
        parent: rec?.parent && rec.parent.type !== "pulumi:pulumi:Stack" ? rec.parent : undefined,
        dependencies: rec?.dependencies ?? [],
        provider: c.provider || undefined,
        options: rec?.options ?? recordOptions({}),
      };
    });
  return { stack: options.stack, ...(options.stackDir ? { stackDir: options.stackDir } : {}), preview, resources, outputs: (await resolveDeep(returned, preview)) as Record<string, unknown> };
}
