import type { z } from "zod";
import type { MatrixAdapterKey } from "../../components/matrix";
import type { Problem } from "../config/problems";
import type { Environment } from "../environment";
import type { SharedBlocks } from "../shared";
import type { Adapter, Deployed, ResourceTypeInfo, StackScope } from "./contract";

/**
 * An adapter as the registry holds it: its types hidden behind `bind`, so adapters with different config,
 * settings and outputs sit in one list while each keeps them consistent inside.
 */
export interface RegisteredAdapter {
  readonly key: MatrixAdapterKey;
  readonly configKey: string;
  readonly schema: z.ZodType;
  readonly resourceTypes: readonly ResourceTypeInfo[];
  /**
   * What its components and test files are named after: the matrix key, and the config key in kebab case
   * (`embeddedKv`: `embedded-kv`) for a component that serves several matrix rows.
   */
  readonly names: readonly string[];
  /** The adapter for one stack: its section parsed, merged over its tier's values. */
  bind(stack: StackContext): BoundAdapter;
}

export interface BoundAdapter {
  readonly key: MatrixAdapterKey;
  readonly configKey: string;
  readonly enabled: boolean;
  /** What the stack deploys (for the generated config reference; the deployment reads it typed). */
  readonly settings: unknown;
  /** Problems of its cross-field rules, paths from the project namespace; none when disabled. */
  problems(): Problem[];
  /** Loads the adapter's deployment code (contract.ts loadDeploy); the function registers its resources. */
  loadDeploy(): Promise<(shared: SharedBlocks) => Deployed<unknown>>;
}

export function registered<C, P, S, O>(adapter: Adapter<C, P, S, O>): RegisteredAdapter {
  return {
    key: adapter.key,
    configKey: adapter.configKey,
    schema: adapter.schema,
    resourceTypes: adapter.resourceTypes,
    names: [...new Set([adapter.key, adapter.configKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)])],
    bind({ scope, sections }) {
      const config = sectionOf(adapter, sections);
      const profile = adapter.profiles[scope.env.profile.name];
      const settings = adapter.settings(config, profile, scope);
      const enabled = adapter.enabled(settings);
      return {
        key: adapter.key,
        configKey: adapter.configKey,
        enabled,
        settings,
        problems: () => !enabled ? [] : adapter.rules.flatMap((rule) => rule({ config, profile, settings, scope }))
          .map((p) => ({ ...p, path: [adapter.configKey, ...p.path], defaultInEffect: "defaultInEffect" in p ? p.defaultInEffect : defaultAt(config, settings, p.path) })),
        loadDeploy: async () => {
          const deploy = await adapter.loadDeploy();
          return (shared) => deploy(settings, shared);
        },
      };
    },
  };
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), root);
}

/** What the stack runs with at `path` when its section leaves the key out: the setting of the same path, if any. */
function defaultAt(config: unknown, settings: unknown, path: readonly string[]): unknown {
  return valueAt(config, path) === undefined ? valueAt(settings, path) : undefined;
}

/** Sections of a validated project config, by config key. */
export type Sections = Readonly<Record<string, unknown>>;

/** One stack as the adapters see it: the scope they may read, and every adapter's section. */
export interface StackContext {
  readonly scope: StackScope;
  readonly sections: Sections;
}

export function stackContext(env: Environment, sections: Sections): StackContext {
  const scope: StackScope = {
    env,
    settingsOf: (adapter) => adapter.settings(sectionOf(adapter, sections), adapter.profiles[env.profile.name], scope),
  };
  return { scope, sections };
}

/** The adapter's section, typed by parsing it with its own schema (the loader has validated it already). */
function sectionOf<C, P, S, O>(adapter: Adapter<C, P, S, O>, sections: Sections): C {
  return adapter.schema.parse(sections[adapter.configKey] ?? {});
}
