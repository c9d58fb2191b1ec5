import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { NEVER_GRANTED_ROLES } from "../components/firestore/fiber";
import { baseline } from "./lib/controls";
import { read } from "./lib/values";

/**
 * The security baseline of the Firestore adapter's Google Cloud resources (components/firestore). Google Cloud has no
 * FSBP: each is a Sparki baseline policy, naming the CIS Google Cloud Foundations Benchmark control where one exists
 * (v3.0: 1.4 "only GCP-managed service account keys", 1.5 "no admin privileges on service accounts"; recalled from the
 * benchmark's list of recommendations, not re-read 2026-11-29).
 */

export const FIRESTORE_TYPES = {
  database: "gcp:firestore/database:Database",
  serviceAccount: "gcp:serviceaccount/account:Account",
  serviceAccountKey: "gcp:serviceaccount/key:Key",
  poolProvider: "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
  projectMember: "gcp:projects/iAMMember:IAMMember",
  serviceAccountMember: "gcp:serviceaccount/iAMMember:IAMMember",
} as const;

type Props = Record<string, unknown>;
const UNKNOWN = Symbol("unknown");

/** One property as plain data, UNKNOWN while any part of it is unknown (preview proves nothing). */
export function plainProp(args: ResourceValidationArgs, key: string): unknown {
  const r = read(() => {
    const v = (args.props as Props)[key];
    return v === undefined ? undefined : JSON.parse(JSON.stringify(v)) as unknown;
  });
  return r.known ? r.value : UNKNOWN;
}
export const isUnknown = (v: unknown): boolean => v === UNKNOWN;

function onType(type: string, check: (args: ResourceValidationArgs, report: (message: string) => void) => void): ResourceValidationPolicy["validateResource"] {
  return (args, report) => {
    if (args.type !== type) return args.notApplicable(`not ${type}`);
    check(args, (m) => report(m));
  };
}

export const firestorePointInTimeRecovery: ResourceValidationPolicy = {
  name: "firestore-point-in-time-recovery",
  ...baseline("Sparki baseline: backups", "Firestore databases keep point-in-time recovery (7 days of versions to read or restore from).", "medium",
    "Set pointInTimeRecoveryEnablement: POINT_IN_TIME_RECOVERY_ENABLED (components/firestore always does)."),
  validateResource: onType(FIRESTORE_TYPES.database, (args, report) => {
    const v = plainProp(args, "pointInTimeRecoveryEnablement");
    if (!isUnknown(v) && v !== "POINT_IN_TIME_RECOVERY_ENABLED") {
      report(`pointInTimeRecoveryEnablement is ${v === undefined ? "unset (disabled)" : JSON.stringify(v).replace(/^"|"$/g, "")}: only the last hour of versions could be read back. Enable it.`);
    }
  }),
};

export const firestoreDeleteProtection: ResourceValidationPolicy = {
  name: "firestore-delete-protection",
  ...baseline("Sparki baseline: deletion", "Firestore databases have delete protection enabled (prod's invariant; dev leaves it off so `pulumi destroy` works).", "medium",
    "Set deleteProtectionState: DELETE_PROTECTION_ENABLED (the prod profile does)."),
  validateResource: onType(FIRESTORE_TYPES.database, (args, report) => {
    const v = plainProp(args, "deleteProtectionState");
    if (!isUnknown(v) && v !== "DELETE_PROTECTION_ENABLED") {
      report(`deleteProtectionState is ${v === undefined ? "unset (disabled)" : JSON.stringify(v).replace(/^"|"$/g, "")}: DeleteDatabase (a console click or \`pulumi destroy\`) drops every document. Enable it.`);
    }
  }),
};

export const firestoreCustomerKey: ResourceValidationPolicy = {
  name: "firestore-cmek",
  ...baseline("Sparki baseline: encryption", "Firestore databases are encrypted with a customer-managed Cloud KMS key (cmekConfig), not Google's default key.", "high",
    "Set cmekConfig: { kmsKeyName: <a key in the database's KMS location> } (components/firestore does unless customerManagedKey is false, which prod refuses)."),
  validateResource: onType(FIRESTORE_TYPES.database, (args, report) => {
    const cmek = plainProp(args, "cmekConfig");
    if (isUnknown(cmek)) return;
    const name = (cmek as { kmsKeyName?: unknown } | undefined)?.kmsKeyName;
    if (name === undefined || name === "") report("cmekConfig names no kmsKeyName: the database uses Google's default encryption, whose key no policy of this project controls. Set a customer-managed key.");
  }),
};

export const noServiceAccountKeys: StackValidationPolicy = {
  name: "gcp-no-service-account-keys",
  ...baseline("Sparki baseline: credentials", "No user-managed service account keys (CIS Google Cloud Foundations 1.4): a stack with Google service accounts creates no key for any of them; other clouds' workloads federate (workload identity federation) instead of holding a long-lived JSON key.", "critical",
    "Remove the key; give the workload a credential configuration for workload identity federation (components/firestore outputs one)."),
  validateStack: (args, report) => {
    if (!args.resources.some((r) => r.type === FIRESTORE_TYPES.serviceAccount)) return args.notApplicable("no Google service accounts");
    for (const key of args.resources.filter((r) => r.type === FIRESTORE_TYPES.serviceAccountKey)) {
      report(`service account key ${key.name} is a long-lived credential that can be copied anywhere: federate the workload's own identity instead.`, key.urn);
    }
  },
};

export const awsFederationCondition: ResourceValidationPolicy = {
  name: "gcp-wif-aws-attribute-condition",
  ...baseline("Sparki baseline: federation", "A workload identity provider for AWS has an attribute condition: without one, every role and user of the AWS account can exchange tokens.", "high",
    "Set attributeCondition: attribute.aws_role == \"arn:aws:sts::<account>:assumed-role/<role>\" (components/firestore does)."),
  validateResource: onType(FIRESTORE_TYPES.poolProvider, (args, report) => {
    const aws = plainProp(args, "aws");
    const condition = plainProp(args, "attributeCondition");
    if (isUnknown(aws) || aws === undefined || isUnknown(condition)) return;
    if (typeof condition !== "string" || condition.trim() === "") {
      report("an AWS provider without attributeCondition accepts every identity of the account: restrict it to the application's role.");
    }
  }),
};

export const noBroadRoles: ResourceValidationPolicy = {
  name: "gcp-no-broad-roles",
  ...baseline("Sparki baseline: iam", "IAM members granted by the stack (CIS Google Cloud Foundations 1.5) hold no primitive role (owner, editor, viewer) and no Firestore administration (datastore.owner, importExportAdmin).", "high",
    "Grant roles/datastore.user on the one database (an IAM condition on resource.name), as components/firestore does."),
  validateResource: (args, report) => {
    if (args.type !== FIRESTORE_TYPES.projectMember && args.type !== FIRESTORE_TYPES.serviceAccountMember) return args.notApplicable("not an IAM member");
    const role = plainProp(args, "role");
    if (typeof role === "string" && (NEVER_GRANTED_ROLES as readonly string[]).includes(role)) {
      report(`role ${role} is far broader than reading and writing documents: grant roles/datastore.user on the database instead.`);
    }
  },
};

export const FIRESTORE_POLICIES = [firestorePointInTimeRecovery, firestoreDeleteProtection, firestoreCustomerKey, noServiceAccountKeys, awsFederationCondition, noBroadRoles];
