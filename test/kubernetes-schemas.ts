import { validateArangoDeployment } from "./arangodb-crd-schema";
import { validateClickHouseInstallation, validateClickHouseKeeperInstallation } from "./clickhouse-schema";
import {
  validateCouchbaseBackup, validateCouchbaseBucket, validateCouchbaseCluster, validateCouchbaseGroup, validateCouchbaseRoleBinding, validateCouchbaseUser,
} from "./couchbase-schema";
import type { RegisteredResource } from "./harness";

/**
 * A value the program marked secret. The offline runner redacts it to "(secret)"; older runners passed the SDK's
 * wire form `{ <sig key>: <secret sig>, value }`. Either way its content is not for the tests to see.
 */
export const isSecretValue = (value: unknown): boolean =>
  value === "(secret)"
  || (typeof value === "object" && value !== null && (value as Record<string, unknown>)["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270");

/** Inputs as the Kubernetes API would receive them, minus secret payloads (listed in `dropped`). */
export function plainInputs(value: unknown, path = "", dropped: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v, i) => plainInputs(v, `${path}.${i}`, dropped));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => {
      if (isSecretValue(v)) {
        dropped.push(`${path}.${k}`.slice(1));
        return [];
      }
      return [[k, plainInputs(v, `${path}.${k}`, dropped)]];
    }));
  }
  return value;
}

/** `validate()` comes from the models' base class, whose typings `moduleResolution: node` cannot resolve. */
interface Validatable { validate(): void }
type Model = new (data: never) => Validatable;

/**
 * Validators of custom resources whose operators publish no model package: each checks the fields the stack sets
 * against the operator's CRD schema (named in its file). A custom resource type without a model or an entry here
 * fails the manifest test: nothing reaches a cluster unvalidated.
 */
export const CUSTOM_RESOURCE_VALIDATORS: Record<string, (inputs: unknown) => void> = {
  "kubernetes:database.arangodb.com/v1:ArangoDeployment": validateArangoDeployment,
  "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation": validateClickHouseInstallation,
  "kubernetes:clickhouse-keeper.altinity.com/v1:ClickHouseKeeperInstallation": validateClickHouseKeeperInstallation,
  "kubernetes:couchbase.com/v2:CouchbaseCluster": validateCouchbaseCluster,
  "kubernetes:couchbase.com/v2:CouchbaseBucket": validateCouchbaseBucket,
  "kubernetes:couchbase.com/v2:CouchbaseUser": validateCouchbaseUser,
  "kubernetes:couchbase.com/v2:CouchbaseGroup": validateCouchbaseGroup,
  "kubernetes:couchbase.com/v2:CouchbaseRoleBinding": validateCouchbaseRoleBinding,
  "kubernetes:couchbase.com/v2:CouchbaseBackup": validateCouchbaseBackup,
};

/** `kubernetes:apps/v1:StatefulSet` -> the kubernetes-models (or prometheus-operator models) module and class name. */
function modelModule(type: string): { module: string; kind: string } | undefined {
  const match = /^kubernetes:([^:]+):([A-Za-z]+)$/.exec(type);
  if (!match) return undefined;
  const [, apiVersion, kind] = match;
  if (apiVersion.startsWith("monitoring.coreos.com/")) return { module: `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`, kind };
  return { module: apiVersion.startsWith("core/") ? `kubernetes-models/${apiVersion.slice(5)}/${kind}` : `kubernetes-models/${apiVersion}/${kind}`, kind };
}

/** Validates one registered Kubernetes object against its schema; throws what the schema refuses. */
export async function validateKubernetesObject(r: RegisteredResource): Promise<void> {
  const inputs = plainInputs(r.inputs);
  const custom = CUSTOM_RESOURCE_VALIDATORS[r.type];
  if (custom) return custom(inputs);
  const found = modelModule(r.type);
  if (!found) throw new Error(`${r.type} is not a Kubernetes object type`);
  let model: Model;
  try {
    model = ((await import(found.module)) as Record<string, Model>)[found.kind];
  } catch {
    throw new Error(`no schema for ${r.type}: kubernetes-models has no ${found.module}; add a validator to CUSTOM_RESOURCE_VALIDATORS (test/kubernetes-schemas.ts)`);
  }
  new model(inputs as never).validate();
}
