import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";
import { Service } from "kubernetes-models/v1/Service";
import { z } from "zod";

/**
 * The Altinity clickhouse-operator's `ClickHouseInstallation` (clickhouse.altinity.com/v1) and
 * `ClickHouseKeeperInstallation` (clickhouse-keeper.altinity.com/v1) schemas for the fields components/clickhouse sets,
 * written from the operator's CRDs: Altinity/clickhouse-operator 0.25.6 (commit 50e8d049),
 * deploy/helm/clickhouse-operator/crds/CustomResourceDefinition-clickhouseinstallations.clickhouse.altinity.com.yaml and
 * CustomResourceDefinition-clickhousekeeperinstallations.clickhouse-keeper.altinity.com.yaml
 * (spec.versions[0].schema.openAPIV3Schema.properties.spec; read 2026-11-29). Types, enums, name patterns and length
 * limits are the CRDs'; where the CRD preserves unknown fields (users, settings, files) only the value shapes the
 * operator documents are accepted (a string, a number, a list of strings, or `valueFrom.secretKeyRef`). The pod
 * templates' `spec` and the claim templates' `spec` are Kubernetes PodSpec / PersistentVolumeClaimSpec / ServiceSpec (the CRD says
 * "TODO specify PodSpec" and preserves them), so they are checked with kubernetes-models. Objects are strict: a
 * misspelt field fails here rather than being dropped by the operator. kubernetes-models has no model for these kinds.
 */

/** TypeStringBool: the operator's string booleans. */
const stringBool = z.enum(["", "0", "1", "False", "false", "True", "true", "No", "no", "Yes", "yes", "Off", "off", "On", "on", "Disable", "disable", "Enable", "enable", "Disabled", "disabled", "Enabled", "enabled"]);
/** Cluster, shard and replica names: `^[a-zA-Z0-9-]{0,15}$`, 1..15 characters. */
const clusterName = z.string().min(1).max(15).regex(/^[a-zA-Z0-9-]{0,15}$/);
const secretKeyRef = z.object({ name: z.string(), key: z.string(), optional: z.boolean().optional() }).strict();
const fromSecret = z.object({ valueFrom: z.object({ secretKeyRef }).strict() }).strict();
/** A value of users/settings/files as the operator takes it. */
const settingValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), fromSecret]);
const settings = z.record(z.string(), settingValue);

const templateNames = z.object({
  podTemplate: z.string().optional(),
  dataVolumeClaimTemplate: z.string().optional(),
  logVolumeClaimTemplate: z.string().optional(),
  serviceTemplate: z.string().optional(),
}).strict();

const reclaimPolicy = z.enum(["", "Retain", "Delete"]);
/** `validate()` comes from the models' base class, whose typings `moduleResolution: node` cannot resolve. */
interface Validatable { validate(): void }
const validate = (model: unknown) => (model as Validatable).validate();
const validPodSpec = z.unknown().superRefine((spec, ctx) => {
  try {
    validate(new Pod({ metadata: { name: "template" }, spec }));
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `pod template spec: ${(e as Error).message}` });
  }
});
const validClaimSpec = z.unknown().superRefine((spec, ctx) => {
  try {
    validate(new PersistentVolumeClaim({ metadata: { name: "template" }, spec }));
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `volume claim template spec: ${(e as Error).message}` });
  }
});
const validServiceSpec = z.unknown().superRefine((spec, ctx) => {
  try {
    validate(new Service({ metadata: { name: "template" }, spec }));
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `service template spec: ${(e as Error).message}` });
  }
});
const metadata = z.object({ labels: z.record(z.string(), z.string()).optional(), annotations: z.record(z.string(), z.string()).optional() }).strict();
const templates = z.object({
  podTemplates: z.array(z.object({ name: z.string(), metadata: metadata.optional(), spec: validPodSpec }).strict()).optional(),
  volumeClaimTemplates: z.array(z.object({ name: z.string(), reclaimPolicy: reclaimPolicy.optional(), metadata: metadata.optional(), spec: validClaimSpec }).strict()).optional(),
  serviceTemplates: z.array(z.object({ name: z.string(), generateName: z.string().optional(), metadata: metadata.optional(), spec: validServiceSpec }).strict()).optional(),
}).strict();

const objectMeta = z.object({ name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/), namespace: z.string(), labels: z.record(z.string(), z.string()).optional() }).strict();

/** `namespaceDomainPattern`: a string in both CRDs ("Example: %s.svc.my.test"); the operator fills `%s` with the namespace. */
const domainPattern = z.string().regex(/^%s\.svc(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);

const chiSpec = z.object({
  namespaceDomainPattern: domainPattern.optional(),
  defaults: z.object({
    replicasUseFQDN: stringBool.optional(),
    storageManagement: z.object({ provisioner: z.enum(["", "StatefulSet", "Operator"]).optional(), reclaimPolicy: reclaimPolicy.optional() }).strict().optional(),
    templates: templateNames.optional(),
  }).strict().optional(),
  configuration: z.object({
    zookeeper: z.object({
      nodes: z.array(z.object({ host: z.string(), port: z.number().int().min(0).max(65_535), secure: stringBool.optional() }).strict()),
    }).strict().optional(),
    users: settings.optional(),
    profiles: settings.optional(),
    settings: settings.optional(),
    files: settings.optional(),
    clusters: z.array(z.object({
      name: clusterName,
      secure: stringBool.optional(),
      insecure: stringBool.optional(),
      secret: z.object({ auto: stringBool.optional(), value: z.string().optional(), valueFrom: z.object({ secretKeyRef }).strict().optional() }).strict().optional(),
      schemaPolicy: z.object({ replica: z.enum(["", "None", "All"]).optional(), shard: z.enum(["", "None", "All", "DistributedTablesOnly"]).optional() }).strict().optional(),
      layout: z.object({ shardsCount: z.number().int().optional(), replicasCount: z.number().int().optional() }).strict(),
    }).strict()),
  }).strict(),
  templates: templates.optional(),
}).strict();

const chkSpec = z.object({
  namespaceDomainPattern: domainPattern.optional(),
  defaults: z.object({ templates: templateNames.optional() }).strict().optional(),
  configuration: z.object({
    settings: settings.optional(),
    files: settings.optional(),
    clusters: z.array(z.object({ name: clusterName, layout: z.object({ replicasCount: z.number().int().optional() }).strict() }).strict()),
  }).strict(),
  templates: templates.optional(),
}).strict();

function validator(apiVersion: string, kind: string, spec: z.ZodType) {
  const schema = z.object({ apiVersion: z.literal(apiVersion), kind: z.literal(kind), metadata: objectMeta, spec }).strict();
  return (inputs: unknown): void => {
    const result = schema.safeParse(inputs);
    if (!result.success) {
      throw new Error(`${kind}: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
  };
}

export const validateClickHouseInstallation = validator("clickhouse.altinity.com/v1", "ClickHouseInstallation", chiSpec);
export const validateClickHouseKeeperInstallation = validator("clickhouse-keeper.altinity.com/v1", "ClickHouseKeeperInstallation", chkSpec);
