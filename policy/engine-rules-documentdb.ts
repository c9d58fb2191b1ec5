import * as aws from "@pulumi/aws";
import { type ResourceValidationPolicy, type StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  AUDIT_LOG_MODES, DOCDB_BACKUP_RETENTION, DOCDB_ENGINE_VERSIONS, DOCDB_LOG_TYPES, DOCDB_MAX_INSTANCES, DOCDB_PORT_RANGE, DOCDB_SOURCES, PARAMETER_APPLY_TYPES, TLS_MODES,
} from "../components/documentdb/engine";
import { DOCDB_INSTANCE_CLASSES } from "../components/documentdb/instance-classes";
import { engineRule } from "./lib/controls";
import { definitely, knownItems, read } from "./lib/values";

/**
 * What Amazon DocumentDB refuses at create time, as policies (mocks accept all of these; `pulumi up` would not).
 * Each names the page it follows (components/documentdb/engine.ts) and the day it was read.
 */

const CHECKED = "2026-11-29";

export const docDbParameterGroup: ResourceValidationPolicy = {
  name: "engine-docdb-parameter-group",
  ...engineRule(`DocumentDB Developer Guide, cluster parameters and API reference Parameter (${DOCDB_SOURCES.parameterApi})`, CHECKED,
    "A DocumentDB cluster parameter group uses a family this stack knows, a static parameter only with pending-reboot, and only values the family takes.",
    "Use family docdb5.0, set tls with applyMethod pending-reboot, and take tls/audit_logs/profiler values from components/documentdb/engine.ts."),
  validateResource: validateResourceOfType(aws.docdb.ClusterParameterGroup, (group, _args, report) => {
    const family = read(() => group.family);
    const families = Object.values(DOCDB_ENGINE_VERSIONS) as string[];
    if (family.known && !families.includes(family.value)) report(`family ${family.value} is not one this stack tabulates (${families.join(", ")}): its parameters and values are unchecked.`);
    for (const p of knownItems(() => group.parameters)) {
      const type = (PARAMETER_APPLY_TYPES as Record<string, string>)[p.name];
      if (type === "static" && definitely(() => p.applyMethod === "immediate")) {
        report(`${p.name} is a static parameter: DocumentDB refuses applyMethod "immediate" for it (use "pending-reboot").`);
      }
      if (p.name === "tls" && !(p.value in TLS_MODES) && p.value !== "disabled") report(`tls "${p.value}" is not a value docdb5.0 takes (${Object.keys(TLS_MODES).join(", ")}, disabled).`);
      if (p.name === "audit_logs" && !([...AUDIT_LOG_MODES, "disabled", "none"] as string[]).includes(p.value)) {
        report(`audit_logs "${p.value}" is not a value docdb5.0 takes (${[...AUDIT_LOG_MODES, "disabled", "none"].join(", ")}).`);
      }
      if (p.name === "profiler_threshold_ms" && !(Number.isInteger(Number(p.value)) && Number(p.value) >= 50 && Number(p.value) <= 2_147_483_646)) {
        report(`profiler_threshold_ms "${p.value}" is outside 50..2147483646.`);
      }
    }
  }),
};

export const docDbClusterSettings: ResourceValidationPolicy = {
  name: "engine-docdb-cluster",
  ...engineRule(`DocumentDB API reference, CreateDBCluster (${DOCDB_SOURCES.createCluster})`, CHECKED,
    "A DocumentDB cluster exports only audit and profiler logs, keeps backups 1..35 days, listens on a port 1150..65535, and runs an engine version this stack knows.",
    "Export [\"audit\", \"profiler\"], keep backupRetentionPeriod within 1..35, port within 1150..65535 and engineVersion 5.0.0."),
  validateResource: validateResourceOfType(aws.docdb.Cluster, (cluster, _args, report) => {
    for (const logType of knownItems(() => cluster.enabledCloudwatchLogsExports)) {
      if (!(DOCDB_LOG_TYPES as readonly string[]).includes(logType)) report(`enabledCloudwatchLogsExports has "${logType}": DocumentDB exports only ${DOCDB_LOG_TYPES.join(" and ")}.`);
    }
    const retention = read(() => cluster.backupRetentionPeriod);
    if (retention.known && retention.value !== undefined && !(Number.isInteger(retention.value) && retention.value >= DOCDB_BACKUP_RETENTION.min && retention.value <= DOCDB_BACKUP_RETENTION.max)) {
      report(`backupRetentionPeriod ${retention.value} is outside ${DOCDB_BACKUP_RETENTION.min}..${DOCDB_BACKUP_RETENTION.max} days.`);
    }
    // CreateDBCluster Port: "Valid values: 1150-65535".
    const port = read(() => cluster.port);
    if (port.known && port.value !== undefined && !(Number.isInteger(port.value) && port.value >= DOCDB_PORT_RANGE.min && port.value <= DOCDB_PORT_RANGE.max)) {
      report(`port ${port.value} is outside ${DOCDB_PORT_RANGE.min}..${DOCDB_PORT_RANGE.max}.`);
    }
    const version = read(() => cluster.engineVersion);
    if (version.known && version.value !== undefined && !(version.value in DOCDB_ENGINE_VERSIONS)) {
      report(`engineVersion ${version.value} is not one this stack tabulates (${Object.keys(DOCDB_ENGINE_VERSIONS).join(", ")}).`);
    }
  }),
};

export const docDbInstances: StackValidationPolicy = {
  name: "engine-docdb-instances",
  ...engineRule(`DocumentDB Developer Guide, instance classes and Quotas and limits (${DOCDB_SOURCES.limits})`, CHECKED,
    "DocumentDB instances use a DocumentDB instance class, and a cluster has at most 16 of them.",
    "Pick a class from components/documentdb/instance-classes.ts; keep a cluster to one primary and 15 replicas."),
  validateStack: (args, report) => {
    const instances = args.resources.filter((r) => r.isType(aws.docdb.ClusterInstance));
    if (instances.length === 0) args.notApplicable("no DocumentDB instances");
    const perCluster = new Map<string, number>();
    for (const instance of instances) {
      const i = instance.asType(aws.docdb.ClusterInstance);
      const cls = read(() => i?.instanceClass);
      if (cls.known && cls.value !== undefined && !(cls.value in DOCDB_INSTANCE_CLASSES)) {
        report(`instance ${instance.name}: class ${cls.value} is not a DocumentDB class this stack knows (${Object.keys(DOCDB_INSTANCE_CLASSES).join(", ")}).`, instance.urn);
      }
      const cluster = read(() => i?.clusterIdentifier);
      if (cluster.known && typeof cluster.value === "string") perCluster.set(cluster.value, (perCluster.get(cluster.value) ?? 0) + 1);
    }
    for (const [cluster, count] of perCluster) {
      if (count > DOCDB_MAX_INSTANCES) report(`cluster ${cluster} has ${count} instances: DocumentDB allows ${DOCDB_MAX_INSTANCES} (a primary and 15 replicas).`);
    }
  },
};

export const DOCUMENTDB_ENGINE_RULES = [docDbParameterGroup, docDbClusterSettings, docDbInstances];
