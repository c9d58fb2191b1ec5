import type { Adapter } from "./adapters/contract";
import { ADAPTER_REGISTRY } from "./adapters/registry";
import { type BoundAdapter, stackContext } from "./adapters/registered";
import { disasterRecoveryProblems } from "./config/disaster-recovery-rules";
import { foundationProblems } from "./config/foundation-rules";
import type { Problem } from "./config/problems";
import { section } from "./config/rules";
import { ESTIMATE_SHAPE, FOUNDATION_SHAPE, type FoundationConfig } from "./config/schema";
import { type Environment, type FoundationInput, resolveEnvironment } from "./environment";

/** Every `sparki-storage:*` key: the foundation's, one section per registered adapter, then the plan's estimate inputs. */
export const projectSchema = section({
  ...FOUNDATION_SHAPE,
  ...Object.fromEntries(ADAPTER_REGISTRY.map((a) => [a.configKey, a.schema.prefault({})])),
  ...ESTIMATE_SHAPE,
});

/** A validated project config: the foundation's keys typed; each adapter reads its own section through its schema. */
export type ProjectConfig = FoundationConfig & { readonly [configKey: string]: unknown };

/** A stack's validated config, as the loader returns it. */
export interface StackConfig extends FoundationInput {
  readonly project: ProjectConfig;
}

/** Every registered adapter bound to one stack's config, in deployment order. */
export function bindAdapters(env: Environment, project: ProjectConfig): BoundAdapter[] {
  const stack = stackContext(env, project);
  return ADAPTER_REGISTRY.map((adapter) => adapter.bind(stack));
}

/** The cross-field problems of a stack: the foundation's rules, then each enabled adapter's. */
export function crossFieldProblems(config: StackConfig): Problem[] {
  const env = resolveEnvironment(config);
  return [...foundationProblems(config), ...bindAdapters(env, config.project).flatMap((a) => a.problems()), ...disasterRecoveryProblems(env, config.project)];
}

/** One adapter's settings for a validated stack config, typed (tests and tools; the program binds the registry). */
export function adapterSettings<C, P, S, O>(adapter: Adapter<C, P, S, O>, config: StackConfig): S {
  return stackContext(resolveEnvironment(config), config.project).scope.settingsOf(adapter);
}
