/**
 * The rules the Pulumi CLI applies to a project file (Pulumi.yaml) and a stack file (Pulumi.<stack>.yaml) before
 * it runs anything, ported from its Go sources so that a file the CLI would refuse fails a test here, offline.
 *
 * Source: pulumi/pulumi at commit {@link PULUMI_COMMIT}. The project schema is validated there with
 * santhosh-tekuri/jsonschema {@link JSONSCHEMA_VERSION} (sdk/go.mod); its message formats are copied from that tag.
 *
 * Inputs are parsed YAML (the `yaml` package, YAML 1.2 core schema like the CLI's gopkg.in/yaml.v3). Outputs are the
 * CLI's error strings without the prefix it adds around them ("could not validate '<path>': " for schema errors,
 * "could not unmarshal '<path>': " for Project.Validate errors). Where the CLI stops at its first error, or picks
 * one in Go's random map order, this port reports every error of that stage, sorted by key: the CLI prints one of them.
 */

/** The pulumi/pulumi commit every rule below was read at. */
export const PULUMI_COMMIT = "1b5949891b3cefcb9974752b24a5ecef0acc86c8";
/** The JSON-schema library and version pulumi's sdk/go.mod pins at that commit (messages of schema rules). */
export const JSONSCHEMA_VERSION = "santhosh-tekuri/jsonschema v5.0.0";

/** The config types of sdk/go/common/workspace/project.go (arrayTypeName ... objectTypeName) and project.json. */
export const CONFIG_TYPES = ["string", "integer", "boolean", "array", "object"] as const;

export interface ConfigItemsType {
  type: string;
  items?: ConfigItemsType;
}

/** workspace.ProjectConfigType: one entry of Pulumi.yaml `config` after the CLI has loaded it. */
export interface ProjectConfigType {
  type?: string;
  description?: string;
  items?: ConfigItemsType;
  /** `undefined` when absent or null (Go: a nil `any`). */
  default?: unknown;
  value?: unknown;
  secret: boolean;
}

export interface LoadedProject {
  name: string;
  config: Record<string, ProjectConfigType>;
}

export interface ProjectCheck {
  errors: string[];
  /** The project as the CLI holds it after loading; absent when loading failed. */
  project?: LoadedProject;
}

type YamlMap = Record<string, unknown>;

function isMap(value: unknown): value is YamlMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isGoInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** Go's `%T` of a value gopkg.in/yaml.v3 decodes into `any`. */
function goTypeName(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float64";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "string";
  return "map[string]interface {}";
}

// ---------------------------------------------------------------------------------------------------------------
// Loading Pulumi.yaml: LoadProjectBytes (sdk/go/common/workspace/loaders.go) runs ValidateProject (name, JSON
// schema), then RewriteConfigPathIntoStackConfigDir and RewriteShorthandConfigValues, then Project.Validate.
// ---------------------------------------------------------------------------------------------------------------

/** Levenshtein distance over runes, unit insert, delete and substitute costs (levenshtein.DefaultOptionsWithSub). */
function levenshtein(a: string[], b: string[]): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * findClosestKey (sdk/go/common/workspace/project.go @ PULUMI_COMMIT): the key nearest to `needle`, case-insensitive,
 * within `maxDistance` (maxValidationAttributeDistance = 2); ties go to the alphabetically first key.
 */
function findClosestKey(needle: string, keys: string[], maxDistance = 2): string {
  let match = "";
  let closest = maxDistance + 1;
  for (const key of [...keys].sort()) {
    const d = levenshtein([...needle.toLowerCase()], [...key.toLowerCase()]);
    if (d === 0) return key;
    if (d < closest) {
      closest = d;
      match = key;
    }
  }
  return match;
}

/** JSON-pointer token escaping of an instance location (jsonschema v5 `escape`). */
function pointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** One line of ValidateProject's multierror: `#<instance location>: <message>`. */
function schemaError(path: string[], message: string): string {
  return `#/${path.map(pointerToken).join("/")}: ${message}`;
}

/** jsonschema v5 `jsonType`: the JSON type name used in "expected X, but got Y". */
function jsonType(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "object";
}

function typeMessage(types: string[], value: unknown): string {
  return `expected ${types.join(" or ")}, but got ${jsonType(value)}`;
}

/** jsonschema v5 enumError of project.json's `simpleConfigType` (Go `%#v` of each string). */
const SIMPLE_CONFIG_TYPE_ENUM = `value must be one of ${CONFIG_TYPES.map((t) => `"${t}"`).join(", ")}`;

/**
 * `$defs/configItemsType` of sdk/go/common/workspace/project.json @ PULUMI_COMMIT: an object; `type` required, one
 * of the simple types (or, as the schema allows, another items object); `items` likewise; `type: array` (or no
 * `type`) requires `items` (if/then).
 */
function configItemsTypeErrors(value: unknown, path: string[]): string[] {
  if (!isMap(value)) return [schemaError(path, typeMessage(["object"], value))];
  const errors: string[] = [];
  if (!("type" in value)) errors.push(schemaError(path, "missing properties: 'type'"));
  else if (!isMap(value.type) && !CONFIG_TYPES.some((t) => t === value.type)) {
    // oneOf [simpleConfigType, configItemsType] failed; the enum message is its first cause.
    errors.push(schemaError([...path, "type"], SIMPLE_CONFIG_TYPE_ENUM));
  } else if (isMap(value.type)) errors.push(...configItemsTypeErrors(value.type, [...path, "type"]));
  if ("items" in value) errors.push(...configItemsTypeErrors(value.items, [...path, "items"]));
  // The `if` (properties.type const "array") also holds when `type` is absent, so `then` applies to that too.
  if ((!("type" in value) || value.type === "array") && !("items" in value)) errors.push(schemaError(path, "missing properties: 'items'"));
  return errors;
}

const CONFIG_TYPE_DECLARATION_PROPERTIES = ["type", "items", "description", "secret", "default", "value"];

/**
 * `$defs/configTypeDeclaration` of project.json @ PULUMI_COMMIT: only type, items, description, secret, default
 * and value (additionalProperties: false); `type` one of string, integer, boolean, array, object; `description` a
 * string; `secret` a boolean.
 */
function configTypeDeclarationErrors(declaration: YamlMap, path: string[]): string[] {
  const errors: string[] = [];
  if ("type" in declaration && !CONFIG_TYPES.some((t) => t === declaration.type)) {
    errors.push(schemaError([...path, "type"], SIMPLE_CONFIG_TYPE_ENUM));
  }
  if ("items" in declaration) errors.push(...configItemsTypeErrors(declaration.items, [...path, "items"]));
  if ("description" in declaration && typeof declaration.description !== "string") {
    errors.push(schemaError([...path, "description"], typeMessage(["string"], declaration.description)));
  }
  if ("secret" in declaration && typeof declaration.secret !== "boolean") {
    errors.push(schemaError([...path, "secret"], typeMessage(["boolean"], declaration.secret)));
  }
  const extra = Object.keys(declaration).filter((k) => !CONFIG_TYPE_DECLARATION_PROPERTIES.includes(k)).sort();
  // ValidateProject would add "; did you mean ...?", but getSchemaPathAttributes cannot walk into config's
  // additionalProperties schema, so for a config entry it never does.
  if (extra.length > 0) errors.push(schemaError(path, `additionalProperties ${extra.map((k) => `'${k}'`).join(", ")} not allowed`));
  return errors;
}

const OPTIONAL_STRING_PROPERTIES = ["description", "author", "website", "license", "main", "stackConfigDir"];

/**
 * The part of ProjectSchema (project.json @ PULUMI_COMMIT, validated by ValidateProject in project.go) that can
 * concern our file: the optional string attributes, `runtime` (a non-empty string, or an object of `name` and
 * `options` only), and `config` (an object, a string or null; `config.secret` a boolean; every other entry a
 * string, integer, boolean, array or configTypeDeclaration). Not ported: backend, options, template, packages,
 * plugins. The CLI lists every failed keyword including wrappers ("oneOf failed", "doesn't validate with ...");
 * this reports the decisive ones, each of which is one of the CLI's lines.
 */
function projectSchemaErrors(project: YamlMap): string[] {
  const errors: string[] = [];
  for (const key of OPTIONAL_STRING_PROPERTIES) {
    if (key in project && project[key] !== null && typeof project[key] !== "string") {
      errors.push(schemaError([key], typeMessage(["string", "null"], project[key])));
    }
  }

  if ("runtime" in project) {
    const runtime = project.runtime;
    if (typeof runtime === "string") {
      if (runtime.length < 1) errors.push(schemaError(["runtime"], "length must be >= 1, but got 0"));
    } else if (isMap(runtime)) {
      if ("name" in runtime) {
        if (typeof runtime.name !== "string") errors.push(schemaError(["runtime", "name"], typeMessage(["string"], runtime.name)));
        else if (runtime.name.length < 1) errors.push(schemaError(["runtime", "name"], "length must be >= 1, but got 0"));
      }
      if ("options" in runtime && !isMap(runtime.options)) {
        errors.push(schemaError(["runtime", "options"], typeMessage(["object"], runtime.options)));
      }
      const extra = Object.keys(runtime).filter((k) => k !== "name" && k !== "options").sort();
      if (extra.length > 0) errors.push(schemaError(["runtime"], `additionalProperties ${extra.map((k) => `'${k}'`).join(", ")} not allowed`));
    } else {
      errors.push(schemaError(["runtime"], "oneOf failed"));
    }
  }

  if ("config" in project) {
    const config = project.config;
    if (config !== null && typeof config !== "string" && !isMap(config)) {
      errors.push(schemaError(["config"], typeMessage(["object", "string", "null"], config)));
    } else if (isMap(config)) {
      for (const key of Object.keys(config).sort()) {
        const entry = config[key];
        if (key === "secret") {
          // project.json gives `config` a property `secret` (a boolean), which then escapes the oneOf below.
          if (typeof entry !== "boolean") errors.push(schemaError(["config", key], typeMessage(["boolean"], entry)));
          continue;
        }
        if (isMap(entry)) errors.push(...configTypeDeclarationErrors(entry, ["config", key]));
        else if (!(typeof entry === "string" || isGoInt(entry) || typeof entry === "boolean" || Array.isArray(entry))) {
          errors.push(schemaError(["config", key], "oneOf failed"));
        }
      }
    }
  }
  return errors;
}

/** configKeyIsNamespacedByProject (project.go @ PULUMI_COMMIT): no colon at all, or `<project>:` in front. */
export function configKeyIsNamespacedByProject(projectName: string, configKey: string): boolean {
  return !configKey.includes(":") || configKey.startsWith(`${projectName}:`);
}

/**
 * isPrimitiveValue (project.go @ PULUMI_COMMIT): Go string, int or bool. A YAML float is not one; the `yaml` package
 * cannot tell `2.0` from `2`, so a whole-number float counts as an int here.
 */
function isPrimitiveValue(value: unknown): boolean {
  return typeof value === "string" || typeof value === "boolean" || isGoInt(value);
}

/**
 * RewriteShorthandConfigValues (project.go @ PULUMI_COMMIT): a config entry given as a bare string, int, bool or
 * array becomes `{ default: v }` under the project's namespace and `{ value: v }` under any other.
 */
function rewriteShorthandConfigValues(projectName: string, config: YamlMap): YamlMap {
  const rewritten: YamlMap = {};
  for (const [key, entry] of Object.entries(config)) {
    if (isPrimitiveValue(entry) || Array.isArray(entry)) {
      rewritten[key] = configKeyIsNamespacedByProject(projectName, key) ? { default: entry } : { value: entry };
    } else rewritten[key] = entry;
  }
  return rewritten;
}

function toItemsType(value: unknown): ConfigItemsType | undefined {
  if (!isMap(value) || typeof value.type !== "string") return undefined;
  const items = toItemsType(value.items);
  return items ? { type: value.type, items } : { type: value.type };
}

/** The unmarshalled workspace.ProjectConfigType; a YAML null is Go's nil `any`, i.e. absent. */
function toProjectConfigType(entry: YamlMap): ProjectConfigType {
  const declared: ProjectConfigType = { secret: entry.secret === true };
  if (typeof entry.type === "string") declared.type = entry.type;
  if (typeof entry.description === "string") declared.description = entry.description;
  const items = toItemsType(entry.items);
  if (items) declared.items = items;
  if (entry.default !== null && entry.default !== undefined) declared.default = entry.default;
  if (entry.value !== null && entry.value !== undefined) declared.value = entry.value;
  return declared;
}

/** Go's strconv.Atoi on a 64-bit platform: optional sign, decimal digits, within int64. */
function atoiSucceeds(text: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(text)) return false;
  const n = BigInt(text);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/** The plaintext of a `secure:` value that was not decrypted: some string, content unknown. */
const UNKNOWN_SECRET = Symbol("unknown secret plaintext");

/**
 * ValidateConfigValue (project.go @ PULUMI_COMMIT), used for project defaults and for stack values:
 * string: a string. integer: an int, a whole-number float, or a string strconv.Atoi accepts. boolean: a bool, or
 * the string "true" or "false". object: a map. Anything else (array, or an unknown type name): an array, with
 * `items` declared, whose every element passes for items.type/items.items.
 * Returns undefined when an undecrypted secret decides the answer.
 */
export function validateConfigValue(typeName: string, items: ConfigItemsType | undefined, value: unknown): boolean | undefined {
  if (typeName === "string") return typeof value === "string" || value === UNKNOWN_SECRET;
  if (typeName === "integer") {
    if (isGoInt(value)) return true;
    if (typeof value === "string") return atoiSucceeds(value);
    return value === UNKNOWN_SECRET ? undefined : false;
  }
  if (typeName === "boolean") {
    if (value === "true" || value === "false" || typeof value === "boolean") return true;
    return value === UNKNOWN_SECRET ? undefined : false;
  }
  if (typeName === "object") return isMap(value);
  if (!Array.isArray(value) || items === undefined) return false;
  let result: boolean | undefined = true;
  for (const item of value) {
    const ok = validateConfigValue(items.type, items.items, item);
    if (ok === false) return false;
    if (ok === undefined) result = undefined;
  }
  return result;
}

/** InferFullTypeName (project.go @ PULUMI_COMMIT): `array<...>` as deep as `items` goes. */
export function inferFullTypeName(typeName: string, items: ConfigItemsType | undefined): string {
  return items ? `array<${inferFullTypeName(items.type, items.items)}>` : typeName;
}

/**
 * Project.Validate (project.go @ PULUMI_COMMIT), run by LoadProjectBytes on every command. Per config key:
 * - never both `default` and `value`;
 * - of the project's namespace: `type: array` needs `items`; a `default` of a typed key must pass
 *   ValidateConfigValue for that type;
 * - of another namespace (e.g. aws:region): no `type`, no `default`, and a `value` is required.
 * Go returns the first failure in its random map order; this returns all of them, sorted by key.
 */
function projectValidateErrors(project: LoadedProject): string[] {
  const errors: string[] = [];
  if (project.name === "") return ["project is missing a 'name' attribute"];
  for (const key of Object.keys(project.config).sort()) {
    const declared = project.config[key];
    if (declared.default !== undefined && declared.value !== undefined) {
      errors.push(`project config '${key}' cannot have both a 'default' and 'value' attribute`);
      continue;
    }
    if (configKeyIsNamespacedByProject(project.name, key)) {
      if (declared.type === "array" && declared.items === undefined) {
        errors.push(`The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`);
        continue;
      }
      if (declared.type !== undefined && declared.default !== undefined && validateConfigValue(declared.type, declared.items, declared.default) !== true) {
        errors.push(`The default value specified for configuration key '${key}' is not of the expected type '${inferFullTypeName(declared.type, declared.items)}'`);
      }
    } else if (declared.type !== undefined) {
      errors.push(`Configuration key '${key}' is not namespaced by the project and should not define a type`);
    } else if (declared.default !== undefined) {
      errors.push(`Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`);
    } else if (declared.value === undefined) {
      errors.push(`Configuration key '${key}' is namespaced and must provide an attribute 'value'`);
    }
  }
  return errors;
}

/**
 * A parsed Pulumi.yaml through the CLI's LoadProjectBytes (loaders.go @ PULUMI_COMMIT):
 * 1. SimplifyMarshalledProject: the document must be a map ("expected project to be an object, was '%T'").
 * 2. ValidateProject (project.go): `name` present (else a hint at the closest attribute, Levenshtein <= 2) and a
 *    non-empty string; then the JSON schema (see projectSchemaErrors). Failures end loading here.
 * 3. RewriteConfigPathIntoStackConfigDir: `config` as a string (the old stack-config folder) together with
 *    `stackConfigDir` is refused.
 * 4. RewriteShorthandConfigValues, then Project.Validate.
 */
export function checkProjectFile(raw: unknown): ProjectCheck {
  if (!isMap(raw)) return { errors: [`expected project to be an object, was '${goTypeName(raw)}'`] };
  if (!("name" in raw)) {
    const closest = findClosestKey("name", Object.keys(raw));
    return { errors: [closest ? `project is missing a 'name' attribute; found '${closest}' instead` : "project is missing a 'name' attribute"] };
  }
  if (typeof raw.name !== "string" || raw.name === "") return { errors: ["project is missing a non-empty string 'name' attribute"] };
  const schema = projectSchemaErrors(raw);
  if (schema.length > 0) return { errors: schema };

  if (typeof raw.config === "string" && "stackConfigDir" in raw) {
    return { errors: ["Should not use both config and stackConfigDir to define the stack directory. Use only stackConfigDir instead."] };
  }
  const rawConfig = isMap(raw.config) ? rewriteShorthandConfigValues(raw.name, raw.config) : {};
  const config: Record<string, ProjectConfigType> = {};
  for (const [key, entry] of Object.entries(rawConfig)) if (isMap(entry)) config[key] = toProjectConfigType(entry);
  const project: LoadedProject = { name: raw.name, config };
  const errors = projectValidateErrors(project);
  return errors.length > 0 ? { errors } : { errors, project };
}

// ---------------------------------------------------------------------------------------------------------------
// A stack file against the project: LoadProjectStackBytes (loaders.go), then ValidateStackConfigAndApplyProjectConfig
// (pkg/workspace/config.go), which `pulumi preview` / `up` run before the program starts.
// ---------------------------------------------------------------------------------------------------------------

/**
 * config.Value (sdk/go/common/resource/config/value.go @ PULUMI_COMMIT) as the stack loader builds it: a scalar
 * is kept as text (a YAML number or bool as its JSON text; YAML null never reaches the unmarshaller, leaving ""),
 * `{ secure: <ciphertext> }` is a secure scalar, any other map or array is an object value, secure when a leaf is.
 */
type StackValue =
  | { kind: "text"; text: string }
  | { kind: "secure"; ciphertext: string }
  | { kind: "object"; value: unknown; secure: boolean };

function secureCiphertext(value: unknown): string | undefined {
  if (!isMap(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "secure" && typeof value.secure === "string" ? value.secure : undefined;
}

function containsSecure(value: unknown): boolean {
  if (secureCiphertext(value) !== undefined) return true;
  if (Array.isArray(value)) return value.some(containsSecure);
  return isMap(value) && Object.values(value).some(containsSecure);
}

function stackValueOf(value: unknown): StackValue {
  if (value === null || value === undefined) return { kind: "text", text: "" };
  if (typeof value === "string") return { kind: "text", text: value };
  if (typeof value === "number" || typeof value === "boolean") return { kind: "text", text: String(value) };
  const ciphertext = secureCiphertext(value);
  if (ciphertext !== undefined) return { kind: "secure", ciphertext };
  return { kind: "object", value, secure: containsSecure(value) };
}

/**
 * createConfigValue (pkg/workspace/config.go @ PULUMI_COMMIT): a project default/value put on a stack that lacks
 * the key. A string, int or bool becomes text (`%v`), anything else a (non-secure) object value.
 */
function configValueOf(value: unknown): StackValue {
  if (typeof value === "string") return { kind: "text", text: value };
  if (typeof value === "boolean" || isGoInt(value)) return { kind: "text", text: String(value) };
  return { kind: "object", value, secure: false };
}

/**
 * config.ParseKey (sdk/go/common/resource/config/key.go @ PULUMI_COMMIT): `<namespace>:<name>`, or the old
 * `<namespace>:config:<name>`. (tokens.ParseModuleMember's further checks on the old form are not ported.)
 */
function parseKey(key: string): string | Error {
  const parts = key.split(":");
  if (parts.length === 2) return key;
  if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
  return new Error(`could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`);
}

/** parseConfigKey (pkg/workspace/config.go @ PULUMI_COMMIT): a key without a colon is the project's. */
function parseConfigKey(projectName: string, key: string): string | Error {
  return key.includes(":") ? parseKey(key) : `${projectName}:${key}`;
}

/**
 * formatMissingKeys + missingStackConfigurationKeysError (pkg/workspace/config.go @ PULUMI_COMMIT).
 * Keys are sorted only when there are several.
 */
function missingKeysError(stackName: string, keys: string[]): string {
  let formatted: string;
  if (keys.length === 1) formatted = `'${keys[0]}'`;
  else {
    const sorted = [...keys].sort();
    formatted = sorted.map((k, i) => (i === sorted.length - 1 ? `and '${k}'` : i === sorted.length - 2 ? `'${k}' ` : `'${k}', `)).join("");
  }
  return `Stack '${stackName}' is missing configuration ${keys.length > 1 ? "values" : "value"} ${formatted}`;
}

export interface StackCheckOptions {
  /**
   * Plaintext of a `secure:` ciphertext, standing in for the stack's secrets provider. Without it, a secure
   * scalar passes a `string` check, fails `object`/`array` (a decrypted scalar is a string), and is not judged
   * for `integer`/`boolean`.
   */
  decrypt?: (ciphertext: string) => string;
}

function decrypted(value: StackValue, decrypt: StackCheckOptions["decrypt"]): unknown {
  const plaintext = (ciphertext: string) => (decrypt ? decrypt(ciphertext) : UNKNOWN_SECRET);
  const walk = (v: unknown): unknown => {
    const ciphertext = secureCiphertext(v);
    if (ciphertext !== undefined) return plaintext(ciphertext);
    if (Array.isArray(v)) return v.map(walk);
    return isMap(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
  };
  if (value.kind === "text") return value.text;
  if (value.kind === "secure") return plaintext(value.ciphertext);
  return walk(value.value);
}

/**
 * A parsed Pulumi.<stack>.yaml checked as the CLI does before a preview or update:
 * - LoadProjectStackBytes (loaders.go @ PULUMI_COMMIT): the document must be a map; config keys without a colon
 *   are put in the project's namespace (stackConfigNamespacedWithProject); every key must parse (config.Map
 *   UnmarshalYAML, map.go: "could not unmarshal map: ...", which sdk/go/common/encoding/marshal.go prefixes with
 *   "invalid YAML file: "). Keys the project does not declare are accepted.
 * - mergeConfig via ValidateStackConfigAndApplyProjectConfig (pkg/workspace/config.go @ PULUMI_COMMIT): a declared
 *   key missing on the stack takes the project's `value` or `default`; a key of the project's namespace with
 *   neither is missing, and all missing keys make one error, before any type check.
 * - validateStackConfigValues / validateStackConfigValue (same file), for explicitly typed keys in sorted order:
 *   `secret: true` needs an encrypted (`secure:`) value, then the (decrypted) value must pass ValidateConfigValue.
 *   Go stops at the first failure; this returns all of them, so the CLI's is the first.
 * Not ported: ESC environments (`environment:` in the stack file), key paths such as `ns:a.b` in Pulumi.yaml.
 */
export function checkStackFile(project: LoadedProject, stackName: string, raw: unknown, options: StackCheckOptions = {}): string[] {
  const stack = new Map<string, StackValue>();
  if (raw !== null && raw !== undefined) {
    if (!isMap(raw)) return [`expected project to be an object, was '${goTypeName(raw)}'`];
    if (isMap(raw.config)) {
      for (const [rawKey, value] of Object.entries(raw.config)) {
        const key = parseKey(rawKey.includes(":") ? rawKey : `${project.name}:${rawKey}`);
        // config.Map's UnmarshalYAML error, passed through by yaml.v3 and prefixed by encoding.YAML's Unmarshal.
        if (key instanceof Error) return [`invalid YAML file: could not unmarshal map: ${key.message}`];
        stack.set(key, stackValueOf(value));
      }
    }
  }

  const keys = Object.keys(project.config).sort();
  const missing: string[] = [];
  for (const projectKey of keys) {
    const declared = project.config[projectKey];
    const key = parseConfigKey(project.name, projectKey);
    if (key instanceof Error) return [key.message];
    if (stack.has(key)) continue;
    const projectValue = declared.default ?? declared.value;
    if (projectValue !== undefined) stack.set(key, configValueOf(projectValue));
    else if (key.slice(0, key.indexOf(":")) === project.name) missing.push(projectKey);
  }
  if (missing.length > 0) return [missingKeysError(stackName, missing)];

  const errors: string[] = [];
  for (const projectKey of keys) {
    const declared = project.config[projectKey];
    if (declared.type === undefined) continue;
    const key = parseConfigKey(project.name, projectKey) as string;
    const value = stack.get(key);
    if (value === undefined) continue;
    const secure = value.kind === "secure" || (value.kind === "object" && value.secure);
    if (declared.secret && !secure) {
      errors.push(`Stack '${stackName}' with configuration key '${projectKey}' must be encrypted as it's secret`);
      continue;
    }
    if (validateConfigValue(declared.type, declared.items, decrypted(value, options.decrypt)) === false) {
      errors.push(`Stack '${stackName}' with configuration key '${projectKey}' must be of type '${inferFullTypeName(declared.type, declared.items)}'`);
    }
  }
  return errors;
}

/**
 * checkForEmptyConfig (loaders.go @ PULUMI_COMMIT): the warning (not an error) the CLI prints for stack config keys
 * with no value, as written in the stack file (sorted here; Go's order is random). undefined when there is none.
 */
export function emptyConfigWarning(raw: unknown): string | undefined {
  if (!isMap(raw) || !isMap(raw.config)) return undefined;
  const config = raw.config;
  const keys = Object.keys(config).filter((k) => config[k] === null).sort().map((k) => `"${k}"`);
  if (keys.length === 0) return undefined;
  const plural = keys.length > 1 ? "s" : "";
  const keyString = keys.join(keys.length === 2 ? " and " : ", ");
  return `No value for configuration key${plural} ${keyString}. This is currently treated as an empty string \`""\`, but will be treated as \`null\` in a future version of pulumi.\nSet the value${plural} to \`""\` to avoid this warning.`;
}
