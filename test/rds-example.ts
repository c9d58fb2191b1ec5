import { join } from "node:path";
import { expect } from "vitest";
import { REPO_ROOT, stackConfig } from "../scripts/offline/stack-files";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { capturedRun, ofType, one, type ProgramRun, type RegisteredResource } from "./harness";
import { isSecretWire, secretValue } from "./secret-wire";
import { runProgram } from "../scripts/offline/run-program";

/** What test/mysql*.test.ts and test/mssql*.test.ts share: the example stacks of an RDS adapter and how to read them. */

export const INSTANCE = "aws:rds/instance:Instance";
export const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const GIB = 1024 ** 3;

export interface Statement { Sid?: string; Effect: string; Action: string | string[]; Resource?: string | string[]; Principal?: unknown; Condition?: unknown }

/** One example stack of an RDS adapter: examples/<folder>/Pulumi.<stack>.yaml. */
export interface RdsExample {
  readonly folder: "mysql" | "mssql";
  readonly stack: string;
  readonly profile: "dev" | "prod";
}

/** An adapter's two example stacks, examples/<folder>/Pulumi.<folder>-{dev,prod}.yaml. */
export const examplesOf = (folder: RdsExample["folder"]): readonly [dev: RdsExample, prod: RdsExample] =>
  [{ folder, stack: `${folder}-dev`, profile: "dev" }, { folder, stack: `${folder}-prod`, profile: "prod" }];

export const stackDirOf = (ex: Pick<RdsExample, "folder">) => join(REPO_ROOT, "examples", ex.folder);
export const runOf = (ex: RdsExample) => capturedRun({ stack: ex.stack, stackDir: stackDirOf(ex) });
/** The physical identifier of the adapter's primary: `sparki-<stack>-<folder>`. */
export const identifierOf = (ex: RdsExample) => `sparki-${ex.stack}-${ex.folder}`;

/** The adapter's instances (primary and replicas) in a run, by identifier. */
export const instancesOf = (run: ProgramRun, id: string) =>
  ofType(run, INSTANCE).filter((r) => r.inputs.identifier === id || String(r.inputs.identifier).startsWith(`${id}-replica-`));
export const replicasOf = (run: ProgramRun, id: string) => instancesOf(run, id).filter((r) => r.inputs.replicateSourceDb !== undefined)
  .sort((a, b) => String(a.inputs.identifier).localeCompare(String(b.inputs.identifier)));
/** Resources of the adapter's component: their logical names start with the identifier. */
export const ownedBy = (run: ProgramRun, id: string) => run.resources.filter((r) => r.name === id || r.name.startsWith(`${id}-`));

export interface ParameterEntry { name: string; value: string; applyMethod: string }
export const parametersOf = (run: ProgramRun, id: string) => new Map(
  (one(run, "aws:rds/parameterGroup:ParameterGroup", `${id}-params`).inputs.parameters as ParameterEntry[]).map((p) => [p.name, p]));

/** The JSON a secret version writes first (the value must be marked secret). */
export function secretJson(run: ProgramRun, name: string): Record<string, unknown> {
  const secretString = one(run, "aws:secretsmanager/secretVersion:SecretVersion", name).inputs.secretString;
  if (!isSecretWire(secretString)) throw new Error(`${name}: secretString is not marked secret`);
  return JSON.parse(String(secretValue(secretString))) as Record<string, unknown>;
}

/** Where a generated password appears unmarked as secret in any input (the generators themselves excepted). */
export function plaintextPasswords(run: ProgramRun): string[] {
  const plain: string[] = [];
  const walk = (value: unknown, where: string, secret: boolean): void => {
    if (isSecretWire(value)) return walk(secretValue(value), where, true);
    if (typeof value === "string" && /mock-password-/.test(value) && !secret) plain.push(where);
    if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`, secret);
  };
  for (const r of run.resources.filter((x) => x.type !== "random:index/randomPassword:RandomPassword")) walk(r.inputs, r.name, false);
  return plain;
}

/** Any value marked secret, anywhere in a value. */
export function containsSecret(value: unknown): boolean {
  if (isSecretWire(value)) return true;
  return typeof value === "object" && value !== null && Object.values(value).some(containsSecret);
}

/** The security group a rule (by logical name) is attached to. */
export const groupOfRule = (run: ProgramRun, type: string, name: string) => String(one(run, type, name).inputs.securityGroupId);
/** Sources admitted into a group: CIDR blocks and referenced groups, in registration order. */
export const sourcesInto = (run: ProgramRun, sg: string) => ofType(run, INGRESS).filter((r) => r.inputs.securityGroupId === sg)
  .map((r) => r.inputs.cidrIpv4 ?? r.inputs.referencedSecurityGroupId);

/** The adapter's alarms as `<dimension> <metric>` -> { warning, critical }, and every alarm's source and unit facts. */
export function alarmLevels(run: ProgramRun, prefix: string): { levels: Record<string, Record<string, number>>; alarms: RegisteredResource[] } {
  const alarms = ofType(run, ALARM).filter((a) => String(a.inputs.name).startsWith(prefix));
  const levels: Record<string, Record<string, number>> = {};
  for (const a of alarms) {
    const dims = a.inputs.dimensions as Record<string, string>;
    const key = `${dims.DBInstanceIdentifier ?? dims.ProxyName} ${String(a.inputs.metricName)}`;
    levels[key] = { ...levels[key], [(a.inputs.tags as Record<string, string>).Severity]: Number(a.inputs.threshold) };
  }
  return { levels, alarms };
}

type Section = Record<string, unknown>;

/** The example stack file's own section of the adapter (`sparki-storage:<key>`). */
export const sectionOf = (ex: RdsExample, key: string) => JSON.parse(stackConfig(ex.stack, {}, stackDirOf(ex))[key]) as Section;

/** Loads an example stack's config with a section in place of its own (none given: the stack file's own). */
export const loadExample = (ex: RdsExample, key: string, section?: Section) =>
  loadConfig(ex.stack, stackConfig(ex.stack, section === undefined ? {} : { [key]: section }, stackDirOf(ex)));

/** Runs the real program on an example stack with a section in place of its own; returns the refusal's lines and what was registered. */
export async function refused(ex: RdsExample, key: string, section: Section, more: Section = {}) {
  const registered: string[] = [];
  const failure = await runProgram({ stack: ex.stack, stackDir: stackDirOf(ex), overrides: { [key]: section, ...more }, observe: (r) => registered.push(r.type) })
    .then(() => undefined, (e: unknown) => e);
  expect(failure, JSON.stringify(section)).toBeInstanceOf(ConfigError);
  return { problems: (failure as ConfigError).problems, registered: registered.filter((t) => t !== "pulumi:pulumi:Stack") };
}
