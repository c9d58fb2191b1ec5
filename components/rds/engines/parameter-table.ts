import type { ParameterSpec } from "./types";

/** One parameter as the engine's documentation states it: what RDS accepts for it and when it applies. */
export interface DocumentedParameter {
  /** `boolean` takes 0 or 1; `integer`/`float` a number in `range`; `enum` one of `values`. */
  readonly type: "boolean" | "integer" | "float" | "enum";
  /** Inclusive bounds of an integer or float, in the parameter's own unit. */
  readonly range?: { readonly min: number; readonly max: number };
  /** Allowed values of an enum (exactly as RDS takes them). */
  readonly values?: readonly string[];
  /** `dynamic` may apply immediately; `static` only at the next reboot (RDS refuses `immediate` for it). */
  readonly applyType: "dynamic" | "static";
  /** Where the facts above are written. */
  readonly source: string;
}

/** A dated table of the parameters one engine family's group sets. */
export interface ParameterTable {
  /** The parameter group family it describes, e.g. `mysql8.4`. */
  readonly family: string;
  /** When the sources were read. */
  readonly checked: string;
  readonly parameters: Readonly<Record<string, DocumentedParameter>>;
}

/** Why RDS would refuse a parameter entry, by the table; empty when every entry is documented and valid. */
export function parameterTableProblems(specs: readonly ParameterSpec[], table: ParameterTable): string[] {
  return specs.flatMap(({ name, value, applyMethod }) => {
    const documented = table.parameters[name];
    if (!documented) return [`parameter ${name} is not in the ${table.family} table (checked ${table.checked}): add it with its source`];
    const problems: string[] = [];
    const number = Number(value);
    if (documented.type === "boolean" && value !== "0" && value !== "1") problems.push(`must be 0 or 1`);
    if ((documented.type === "integer" || documented.type === "float") && documented.range) {
      const { min, max } = documented.range;
      const ok = value.trim() !== "" && Number.isFinite(number) && number >= min && number <= max && (documented.type === "float" || Number.isInteger(number));
      if (!ok) problems.push(`must be ${documented.type === "integer" ? "an integer" : "a number"} ${min}..${max}`);
    }
    if (documented.type === "enum" && !(documented.values ?? []).includes(value)) problems.push(`must be one of ${(documented.values ?? []).join(", ")}`);
    if (documented.applyType === "static" && applyMethod !== "pending-reboot") problems.push("is static: its apply method must be pending-reboot");
    return problems.map((p) => `parameter ${name} ${p} (${documented.source}), got ${value}`);
  });
}

/** Accepted range of a numeric setting. */
export interface SettingLimit {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/** Settings outside their limits, each as `parameters.<key> must be ...`; empty when all are in range. */
export function settingRangeProblems<K extends string>(settings: Readonly<Record<K, unknown>>, limits: Readonly<Record<K, SettingLimit>>): string[] {
  return (Object.keys(limits) as K[]).flatMap((key) => {
    const { min, max, integer } = limits[key];
    const value = settings[key];
    const ok = typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
    return ok ? [] : [`parameters.${key} must be ${integer ? "an integer" : "a number"} ${min}..${max}, got ${String(value)}`];
  });
}
