// Pulumi.yaml and every Pulumi.<stack>.yaml against the Pulumi CLI's own loading rules (ported in
// scripts/offline/pulumi-project-rules.ts from pulumi/pulumi's Go sources), plus one counterexample per rule.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkProjectFile, checkStackFile, emptyConfigWarning, type LoadedProject } from "../scripts/offline/pulumi-project-rules";
import { REPO_ROOT } from "../scripts/offline/stack-files";
import { readYaml } from "../scripts/offline/yaml-cache";

const STACK_FILES = readdirSync(REPO_ROOT).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).sort();
const stackNameOf = (file: string) => file.slice("Pulumi.".length, -".yaml".length);

/** The parsed Pulumi.yaml with `edit` applied to its config map. */
function projectWith(edit: (config: Record<string, unknown>) => void): unknown {
  const raw = readYaml(join(REPO_ROOT, "Pulumi.yaml")) as { config: Record<string, unknown> };
  edit(raw.config);
  return raw;
}

function projectErrors(raw: unknown): string[] {
  return checkProjectFile(raw).errors;
}

/** A loaded project, failing the test if the CLI would refuse it. */
function loaded(raw: unknown): LoadedProject {
  const { errors, project } = checkProjectFile(raw);
  expect(errors).toEqual([]);
  return project!;
}

const realProject = () => loaded(readYaml(join(REPO_ROOT, "Pulumi.yaml")));
const devStack = () => readYaml(join(REPO_ROOT, "Pulumi.dev.yaml")) as { config: Record<string, unknown> };

/** The parsed Pulumi.dev.yaml with `edit` applied to its config map. */
function devWith(edit: (config: Record<string, unknown>) => void): unknown {
  const raw = devStack();
  edit(raw.config);
  return raw;
}

describe("the repository's files pass every rule the Pulumi CLI applies when loading them", () => {
  it("finds the dev and prod stack files", () => {
    expect(STACK_FILES).toEqual(expect.arrayContaining(["Pulumi.dev.yaml", "Pulumi.prod.yaml"]));
  });

  it("Pulumi.yaml loads (ValidateProject, Project.Validate)", () => {
    expect(projectErrors(readYaml(join(REPO_ROOT, "Pulumi.yaml")))).toEqual([]);
  });

  it("declares no key outside the project's namespace and types every structured key as object", () => {
    const { config } = realProject();
    expect(Object.keys(config).filter((k) => !k.startsWith("sparki-storage:"))).toEqual([]);
    for (const key of ["network", "alerts", "objectStore", "redis", "postgres", "minio", "costAssumptions"]) {
      expect(config[`sparki-storage:${key}`]).toMatchObject({ type: "object", default: {} });
    }
  });

  it.each(STACK_FILES)("%s passes ValidateStackConfigAndApplyProjectConfig, with no empty-value warning", (file) => {
    const raw = readYaml(join(REPO_ROOT, file));
    expect(checkStackFile(realProject(), stackNameOf(file), raw)).toEqual([]);
    expect(emptyConfigWarning(raw)).toBeUndefined();
  });

  it("also passes when a webhook URL is added as a secure value, as the prod stack file tells to", () => {
    const raw = readYaml(join(REPO_ROOT, "Pulumi.prod.yaml")) as { config: Record<string, { critical: Record<string, unknown> }> };
    raw.config["sparki-storage:alerts"].critical.httpsEndpoints = [{ secure: "v1:AAAA" }];
    expect(checkStackFile(realProject(), "prod", raw)).toEqual([]);
    expect(checkStackFile(realProject(), "prod", raw, { decrypt: () => "https://hooks.example/x" })).toEqual([]);
  });
});

describe("loading Pulumi.yaml: ValidateProject (name, JSON schema)", () => {
  it("refuses a document that is not a map", () => {
    expect(projectErrors("name: x")).toEqual(["expected project to be an object, was 'string'"]);
    expect(projectErrors(null)).toEqual(["expected project to be an object, was '<nil>'"]);
  });

  it("refuses a missing name, pointing at a near miss", () => {
    expect(projectErrors(parse("nmae: sparki-storage\nruntime: nodejs\n"))).toEqual(["project is missing a 'name' attribute; found 'nmae' instead"]);
    expect(projectErrors(parse("runtime: nodejs\n"))).toEqual(["project is missing a 'name' attribute"]);
  });

  it("refuses an empty or non-string name", () => {
    expect(projectErrors(parse("name: ''\nruntime: nodejs\n"))).toEqual(["project is missing a non-empty string 'name' attribute"]);
    expect(projectErrors(parse("name: 12\nruntime: nodejs\n"))).toEqual(["project is missing a non-empty string 'name' attribute"]);
  });

  it("refuses non-string description and main", () => {
    expect(projectErrors(parse("name: p\ndescription: 3\nmain: [stacks]\n"))).toEqual([
      "#/description: expected string or null, but got number",
      "#/main: expected string or null, but got array",
    ]);
  });

  it("refuses a bad runtime", () => {
    expect(projectErrors(parse("name: p\nruntime: ''\n"))).toEqual(["#/runtime: length must be >= 1, but got 0"]);
    expect(projectErrors(parse("name: p\nruntime: 5\n"))).toEqual(["#/runtime: oneOf failed"]);
    expect(projectErrors(parse("name: p\nruntime: { name: nodejs, option: { typescript: true } }\n"))).toEqual([
      "#/runtime: additionalProperties 'option' not allowed",
    ]);
    expect(projectErrors(parse("name: p\nruntime: { name: nodejs, options: true }\n"))).toEqual(["#/runtime/options: expected object, but got boolean"]);
  });

  it("refuses config that is not a map, a string or null", () => {
    expect(projectErrors(parse("name: p\nconfig: 5\n"))).toEqual(["#/config: expected object or string or null, but got number"]);
  });

  it("refuses a config type outside string, integer, boolean, array, object", () => {
    const raw = projectWith((c) => void (c["sparki-storage:replicas"] = { type: "number", default: 1 }));
    expect(projectErrors(raw)).toEqual(['#/config/sparki-storage:replicas/type: value must be one of "string", "integer", "boolean", "array", "object"']);
  });

  it("refuses attributes a config declaration does not have", () => {
    const raw = projectWith((c) => void (c["sparki-storage:owner"] = { type: "string", defualt: "platform-team" }));
    expect(projectErrors(raw)).toEqual(["#/config/sparki-storage:owner: additionalProperties 'defualt' not allowed"]);
  });

  it("refuses a non-string description and a non-boolean secret", () => {
    const raw = projectWith((c) => void (c["sparki-storage:owner"] = { type: "string", description: ["x"], secret: "yes" }));
    expect(projectErrors(raw)).toEqual([
      "#/config/sparki-storage:owner/description: expected string, but got array",
      "#/config/sparki-storage:owner/secret: expected boolean, but got string",
    ]);
  });

  it("refuses items without a type, and nested array items without items", () => {
    const raw = projectWith((c) => {
      c["sparki-storage:zones"] = { type: "array", items: { type: "array" } };
      c["sparki-storage:ports"] = { type: "array", items: { description: "x" } };
    });
    expect(projectErrors(raw)).toEqual([
      "#/config/sparki-storage:ports/items: missing properties: 'type'",
      "#/config/sparki-storage:ports/items: missing properties: 'items'",
      "#/config/sparki-storage:zones/items: missing properties: 'items'",
    ]);
  });

  it("refuses a shorthand value that is no string, integer, boolean, array or declaration", () => {
    expect(projectErrors(projectWith((c) => void (c["sparki-storage:ratio"] = 0.5)))).toEqual(["#/config/sparki-storage:ratio: oneOf failed"]);
    expect(projectErrors(projectWith((c) => void (c["sparki-storage:owner"] = null)))).toEqual(["#/config/sparki-storage:owner: oneOf failed"]);
  });

  it("refuses a config key named secret that is not a boolean", () => {
    expect(projectErrors(projectWith((c) => void (c.secret = "no")))).toEqual(["#/config/secret: expected boolean, but got string"]);
  });

  it("refuses the old config folder string together with stackConfigDir", () => {
    expect(projectErrors(parse("name: p\nconfig: stacks\nstackConfigDir: stacks\n"))).toEqual([
      "Should not use both config and stackConfigDir to define the stack directory. Use only stackConfigDir instead.",
    ]);
  });
});

describe("loading Pulumi.yaml: Project.Validate", () => {
  it("refuses a type on a key of another namespace (the review's finding)", () => {
    const raw = projectWith((c) => void (c["aws:region"] = { type: "string", description: "AWS region of every resource. Required." }));
    expect(projectErrors(raw)).toEqual(["Configuration key 'aws:region' is not namespaced by the project and should not define a type"]);
  });

  it("refuses a default on a key of another namespace", () => {
    const raw = projectWith((c) => void (c["aws:region"] = { default: "eu-west-1" }));
    expect(projectErrors(raw)).toEqual([
      "Configuration key 'aws:region' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?",
    ]);
  });

  it("requires a value on a key of another namespace, so a description alone is refused", () => {
    const raw = projectWith((c) => void (c["aws:region"] = { description: "AWS region. Required." }));
    expect(projectErrors(raw)).toEqual(["Configuration key 'aws:region' is namespaced and must provide an attribute 'value'"]);
  });

  it("accepts a value on a key of another namespace, long form or shorthand", () => {
    expect(projectErrors(projectWith((c) => void (c["aws:region"] = { value: "eu-west-1", description: "Region." })))).toEqual([]);
    const shorthand = checkProjectFile(projectWith((c) => void (c["aws:region"] = "eu-west-1")));
    expect(shorthand.errors).toEqual([]);
    expect(shorthand.project!.config["aws:region"]).toEqual({ value: "eu-west-1", secret: false });
  });

  it("turns a shorthand key of the project's namespace into a default", () => {
    const { config } = loaded(projectWith((c) => void (c["sparki-storage:owner"] = "platform-team")));
    expect(config["sparki-storage:owner"]).toEqual({ default: "platform-team", secret: false });
  });

  it("refuses both a default and a value", () => {
    const raw = projectWith((c) => void (c["sparki-storage:owner"] = { type: "string", default: "a", value: "b" }));
    expect(projectErrors(raw)).toEqual(["project config 'sparki-storage:owner' cannot have both a 'default' and 'value' attribute"]);
  });

  it("refuses an array without items", () => {
    const raw = projectWith((c) => void (c["sparki-storage:zones"] = { type: "array", default: [] }));
    expect(projectErrors(raw)).toEqual([
      "The configuration key 'sparki-storage:zones' declares an array but does not specify the underlying type via the 'items' attribute",
    ]);
  });

  it.each([
    ["object", { type: "object", default: [] }, "object"],
    ["object", { type: "object", default: "{}" }, "object"],
    ["string", { type: "string", default: 12 }, "string"],
    ["integer", { type: "integer", default: "12a" }, "integer"],
    ["integer", { type: "integer", default: 1.5 }, "integer"],
    ["boolean", { type: "boolean", default: "yes" }, "boolean"],
    ["array of strings", { type: "array", items: { type: "string" }, default: ["a", 1] }, "array<string>"],
    ["array of arrays", { type: "array", items: { type: "array", items: { type: "integer" } }, default: [[1], ["x"]] }, "array<array<integer>>"],
  ])("refuses a default not matching its type (%s)", (_, declaration, typeName) => {
    const raw = projectWith((c) => void (c["sparki-storage:x"] = declaration));
    expect(projectErrors(raw)).toEqual([`The default value specified for configuration key 'sparki-storage:x' is not of the expected type '${typeName}'`]);
  });

  it.each([
    { type: "integer", default: "42" },
    { type: "integer", default: 42 },
    { type: "boolean", default: "false" },
    { type: "object", default: {} },
    { type: "array", items: { type: "string" }, default: [] },
  ])("accepts a default the CLI accepts: %j", (declaration) => {
    expect(projectErrors(projectWith((c) => void (c["sparki-storage:x"] = declaration)))).toEqual([]);
  });
});

describe("a stack file against the project: ValidateStackConfigAndApplyProjectConfig", () => {
  it("refuses a stack value of the wrong type", () => {
    const raw = devWith((c) => {
      c["sparki-storage:network"] = "10.40.0.0/16";
      c["sparki-storage:profile"] = { name: "dev" };
    });
    expect(checkStackFile(realProject(), "dev", raw)).toEqual([
      "Stack 'dev' with configuration key 'sparki-storage:network' must be of type 'object'",
      "Stack 'dev' with configuration key 'sparki-storage:profile' must be of type 'string'",
    ]);
  });

  it("checks integer, boolean and array values the way the CLI reads them (as text, or JSON for structures)", () => {
    const project = loaded(projectWith((c) => {
      c["sparki-storage:replicas"] = { type: "integer", default: 0 };
      c["sparki-storage:flag"] = { type: "boolean", default: false };
      c["sparki-storage:zones"] = { type: "array", items: { type: "string" }, default: [] };
    }));
    const good = devWith((c) => Object.assign(c, { "sparki-storage:replicas": "3", "sparki-storage:flag": true, "sparki-storage:zones": ["a"] }));
    expect(checkStackFile(project, "dev", good)).toEqual([]);
    const bad = devWith((c) => Object.assign(c, { "sparki-storage:replicas": 2.5, "sparki-storage:flag": "yes", "sparki-storage:zones": [1] }));
    expect(checkStackFile(project, "dev", bad)).toEqual([
      "Stack 'dev' with configuration key 'sparki-storage:flag' must be of type 'boolean'",
      "Stack 'dev' with configuration key 'sparki-storage:replicas' must be of type 'integer'",
      "Stack 'dev' with configuration key 'sparki-storage:zones' must be of type 'array<string>'",
    ]);
  });

  it("does not judge a scalar against type string: any YAML scalar reaches the check as text", () => {
    expect(checkStackFile(realProject(), "dev", devWith((c) => void (c["sparki-storage:owner"] = 42)))).toEqual([]);
  });

  it("accepts keys of the project's namespace that Pulumi.yaml does not declare (the program's own schema refuses them)", () => {
    expect(checkStackFile(realProject(), "dev", devWith((c) => void (c["sparki-storage:typo"] = 1)))).toEqual([]);
  });

  it("names the required keys (no default) a stack lacks, in one error", () => {
    const project = loaded(projectWith((c) => {
      c["sparki-storage:teamId"] = { type: "string" };
      c["sparki-storage:zone"] = { type: "string" };
    }));
    expect(checkStackFile(realProject(), "dev", devWith((c) => void delete c["sparki-storage:accountId"]))).toEqual([
      "Stack 'dev' is missing configuration value 'sparki-storage:accountId'",
    ]);
    expect(checkStackFile(project, "dev", devWith(() => undefined))).toEqual(["Stack 'dev' is missing configuration values 'sparki-storage:teamId' and 'sparki-storage:zone'"]);
    expect(checkStackFile(project, "dev", devWith((c) => void delete c["sparki-storage:accountId"]))).toEqual([
      "Stack 'dev' is missing configuration values 'sparki-storage:accountId', 'sparki-storage:teamId' and 'sparki-storage:zone'",
    ]);
    expect(checkStackFile(project, "dev", null)[0]).toMatch(/^Stack 'dev' is missing configuration values 'sparki-storage:accountId', /);
  });

  it("reports missing keys before wrong types", () => {
    const raw = devWith((c) => {
      delete c["sparki-storage:accountId"];
      c["sparki-storage:network"] = "x";
    });
    expect(checkStackFile(realProject(), "dev", raw)).toEqual(["Stack 'dev' is missing configuration value 'sparki-storage:accountId'"]);
  });

  it("puts a stack key without a namespace in the project's, and reads the old <ns>:config:<name> form", () => {
    const raw = devWith((c) => {
      delete c["sparki-storage:accountId"];
      c["sparki-storage:config:accountId"] = "111111111111";
    });
    expect(checkStackFile(realProject(), "dev", raw)).toEqual([]);
    const bare = devWith((c) => {
      delete c["sparki-storage:network"];
      c.network = "10.40.0.0/16";
    });
    expect(checkStackFile(realProject(), "dev", bare)).toEqual(["Stack 'dev' with configuration key 'sparki-storage:network' must be of type 'object'"]);
  });

  it("refuses a stack key that is not <namespace>:<name>", () => {
    expect(checkStackFile(realProject(), "dev", devWith((c) => void (c["aws:eu:region"] = "x")))).toEqual([
      "invalid YAML file: could not unmarshal map: could not parse aws:eu:region as a configuration key (configuration keys should be of the form `<namespace>:<name>`)",
    ]);
  });

  it("requires a secure value for a key the project marks secret", () => {
    const project = loaded(projectWith((c) => void (c["sparki-storage:accountId"] = { type: "string", secret: true })));
    expect(checkStackFile(project, "dev", devStack())).toEqual(["Stack 'dev' with configuration key 'sparki-storage:accountId' must be encrypted as it's secret"]);
    expect(checkStackFile(project, "dev", devWith((c) => void (c["sparki-storage:accountId"] = { secure: "v1:AAAA" })))).toEqual([]);
    const alerts = loaded(projectWith((c) => void (c["sparki-storage:alerts"] = { type: "object", secret: true, default: {} })));
    expect(checkStackFile(alerts, "dev", devStack())).toEqual(["Stack 'dev' with configuration key 'sparki-storage:alerts' must be encrypted as it's secret"]);
    const nested = devWith((c) => void (c["sparki-storage:alerts"] = { critical: { httpsEndpoints: [{ secure: "v1:AAAA" }] } }));
    expect(checkStackFile(alerts, "dev", nested)).toEqual([]);
  });

  it("type-checks a secure value by its plaintext: a secure scalar is never an object", () => {
    expect(checkStackFile(realProject(), "dev", devWith((c) => void (c["sparki-storage:network"] = { secure: "v1:AAAA" })))).toEqual([
      "Stack 'dev' with configuration key 'sparki-storage:network' must be of type 'object'",
    ]);
    const project = loaded(projectWith((c) => void (c["sparki-storage:replicas"] = { type: "integer", default: 0 })));
    const raw = devWith((c) => void (c["sparki-storage:replicas"] = { secure: "v1:AAAA" }));
    expect(checkStackFile(project, "dev", raw)).toEqual([]); // undecidable without the plaintext
    expect(checkStackFile(project, "dev", raw, { decrypt: () => "2" })).toEqual([]);
    expect(checkStackFile(project, "dev", raw, { decrypt: () => "two" })).toEqual(["Stack 'dev' with configuration key 'sparki-storage:replicas' must be of type 'integer'"]);
  });

  it("reads a key left empty as an empty string, and warns about it", () => {
    const raw = devWith((c) => {
      c["sparki-storage:owner"] = null;
      c["sparki-storage:network"] = null;
    });
    expect(checkStackFile(realProject(), "dev", raw)).toEqual(["Stack 'dev' with configuration key 'sparki-storage:network' must be of type 'object'"]);
    expect(emptyConfigWarning(raw)).toBe(
      'No value for configuration keys "sparki-storage:network" and "sparki-storage:owner". This is currently treated as an empty string `""`, ' +
        "but will be treated as `null` in a future version of pulumi.\nSet the values to `\"\"` to avoid this warning.",
    );
  });

  it("refuses a stack document that is not a map", () => {
    expect(checkStackFile(realProject(), "dev", ["config"])).toEqual(["expected project to be an object, was '[]interface {}'"]);
  });
});
