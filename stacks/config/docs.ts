import { z } from "zod";

/**
 * What one config key means, for people: the configuration reference (docs/configuration.md) and Pulumi.yaml's `config:` block are
 * generated from these (scripts/config-docs.ts), so a key documented here is documented everywhere.
 */
export interface ConfigDoc {
  /** What the key does and why; the reference's "Meaning" column and, for a top-level key, Pulumi.yaml's description. */
  readonly description: string;
  /** Type, allowed values and unit, e.g. "integer days 1..36500". Leaves only. */
  readonly type?: string;
  /**
   * Default as the reference shows it, when it is not simply the profiles' value: e.g. "`sparki`", "— (required)".
   * Absent on an adapter key: "dev X, prod Y" from the adapter's settings of an empty section.
   */
  readonly default?: string;
  /** Path in the adapter's settings holding the key's value, when it is not the key's own path. */
  readonly setting?: string;
  /** Sections only: how one reference row names several of this section's keys, e.g. "<class>". */
  readonly each?: string;
}

export const CONFIG_DOCS = z.registry<ConfigDoc>();

/**
 * `schema` documented for the generated config reference. Leaves sharing one ConfigDoc object form one reference row
 * (e.g. the five transition days of every data class).
 */
export function documented<T extends z.ZodType>(schema: T, doc: ConfigDoc): T {
  CONFIG_DOCS.add(schema, doc);
  return schema;
}
