import { z } from "zod";

/**
 * The kube-arangodb `ArangoDeployment` (database.arangodb.com/v1) schema for the fields components/arangodb sets,
 * written from the operator's generated CRD schema: kube-arangodb 1.4.4,
 * pkg/crd/crds/database-deployment.schema.generated.yaml (v1.openAPIV3Schema.properties.spec; read 2026-11-29 from
 * github:arangodb/kube-arangodb at 74c196ac). Enums, types and property names are the schema's; objects are strict so
 * a misspelt or misplaced field (e.g. a Kubernetes-style `capabilities` in a group securityContext, which the CRD
 * spells `dropAllCapabilities`) fails here instead of being pruned or ignored by the operator. kubernetes-models has
 * no model for it. The chart's own CRD (chart/kube-arangodb/crds/database-deployment.yaml) preserves unknown fields
 * unless schema validation is turned on, so the API server alone would accept a typo.
 */

const quantity = z.string();
const resources = z.object({ requests: z.record(z.string(), quantity).optional(), limits: z.record(z.string(), quantity).optional() }).strict();

/** `spec.<group>.securityContext`: ServerGroupSpecSecurityContext (not a Kubernetes SecurityContext). */
const groupSecurityContext = z.object({
  addCapabilities: z.array(z.string()).optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
  dropAllCapabilities: z.boolean().optional(),
  fsGroup: z.number().int().optional(),
  privileged: z.boolean().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  runAsGroup: z.number().int().optional(),
  runAsNonRoot: z.boolean().optional(),
  runAsUser: z.number().int().optional(),
  seccompProfile: z.object({ type: z.string(), localhostProfile: z.string().optional() }).strict().optional(),
  supplementalGroups: z.array(z.number().int()).optional(),
}).strict();

/** `spec.<group>.volumeClaimTemplate`: a PersistentVolumeClaim (apiVersion, kind, metadata, spec, status). */
const volumeClaimTemplate = z.object({
  spec: z.object({
    accessModes: z.array(z.string()).optional(),
    resources: resources.optional(),
    storageClassName: z.string().optional(),
    volumeMode: z.string().optional(),
  }).strict(),
}).strict();

const group = z.object({
  count: z.number().int(),
  // ServerGroupSpec.Args: extra arangod arguments (kube-arangodb 1.4.4 pkg/apis/deployment/v1/server_group_spec.go).
  args: z.array(z.string()).optional(),
  resources: resources.optional(),
  securityContext: groupSecurityContext.optional(),
  volumeClaimTemplate: volumeClaimTemplate.optional(),
}).strict();

export const arangoDeploymentSchema = z.object({
  apiVersion: z.literal("database.arangodb.com/v1"),
  kind: z.literal("ArangoDeployment"),
  metadata: z.object({ name: z.string(), namespace: z.string(), labels: z.record(z.string(), z.string()).optional() }).strict(),
  spec: z.object({
    mode: z.enum(["Cluster", "ActiveFailover", "Single"]),
    environment: z.enum(["Development", "Production"]),
    image: z.string(),
    imagePullPolicy: z.enum(["Always", "Never", "IfNotPresent"]).optional(),
    externalAccess: z.object({ type: z.enum(["Auto", "None", "LoadBalancer", "NodePort", "Managed"]) }).strict(),
    tls: z.object({ caSecretName: z.string() }).strict(),
    auth: z.object({ jwtSecretName: z.string() }).strict(),
    bootstrap: z.object({ passwordSecretNames: z.record(z.string(), z.string()) }).strict(),
    rocksdb: z.object({ encryption: z.object({ keySecretName: z.string() }).strict() }).strict().optional(),
    license: z.object({ secretName: z.string() }).strict().optional(),
    metrics: z.object({
      enabled: z.boolean(),
      tls: z.boolean().optional(),
      serviceMonitor: z.object({ enabled: z.boolean(), labels: z.record(z.string(), z.string()).optional() }).strict().optional(),
    }).strict(),
    /** `spec.id`: ServerIDGroupSpec, the image-discovery pod. */
    id: z.object({ securityContext: groupSecurityContext }).strict(),
    single: group.optional(),
    agents: group.optional(),
    dbservers: group.optional(),
    coordinators: group.optional(),
  }).strict(),
}).strict();

/** Throws what the schema refuses (for CUSTOM_RESOURCE_VALIDATORS). */
export function validateArangoDeployment(inputs: unknown): void {
  arangoDeploymentSchema.parse(inputs);
}
