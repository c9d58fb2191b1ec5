import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import {
  accessLogTargetAcceptsDelivery, alarmsQuietDuringCreate, ENGINE_RULE_POLICIES, objectLockNeedsVersioning, proxyTargetsTheWriter,
  iamProxyNeedsIamDatabase, replicaSourcePasswordNotManaged,
} from "../policy/engine-rules";
import { bucketWithSides, loggedBuckets, primary, replica, T, TOPIC_ARN } from "./policy-fixtures";
import { checkStack, pulumiType, readPolicyConfigFile, reconcilePolicyConfig, type StackInput } from "./policy-harness";

const PROXY_TARGET = pulumiType(aws.rds.ProxyTarget);
const LOCK = pulumiType(aws.s3.BucketObjectLockConfiguration);

/** The primary as components/rds registers it: a generated password, never an RDS-managed one. */
const ownPassword = primary;
/** The first version's primary: RDS generated and managed the master password. */
const managedPassword = (): Record<string, unknown> => ({ ...primary(), password: undefined, manageMasterUserPassword: true });

const alarm = (name: string, dimensions: Record<string, string>, more: Record<string, unknown> = {}): StackInput => ({
  type: T.alarm, name, props: {
    name, namespace: "AWS/RDS", metricName: "FreeStorageSpace", dimensions, treatMissingData: "missing", alarmActions: [TOPIC_ARN], ...more,
  },
});

describe("engine rules: what AWS refuses at create time, which mocks accept", () => {
  it("refuses a read replica of an instance whose master password RDS manages (RDS answers InvalidParameterValue)", async () => {
    const failing = await checkStack(replicaSourcePasswordNotManaged, [
      { type: T.instance, name: "db", props: managedPassword() }, { type: T.instance, name: "db-replica-1", props: replica(1) },
    ]);
    expect(failing.violations).toEqual([
      "read replica sparki-dev-postgres-replica-1 replicates sparki-dev-postgres, whose master password RDS manages (manageMasterUserPassword): RDS refuses to create it.",
    ]);
    const passing = await checkStack(replicaSourcePasswordNotManaged, [
      { type: T.instance, name: "db", props: ownPassword() }, { type: T.instance, name: "db-replica-1", props: replica(1) },
    ]);
    expect(passing.violations).toEqual([]);
    // A managed password without replicas is fine: the rule is about the pair.
    expect((await checkStack(replicaSourcePasswordNotManaged, [{ type: T.instance, name: "db", props: managedPassword() }])).notApplicable).toBe("no read replicas");
  });

  it("refuses an RDS Proxy target that is a read replica", async () => {
    const resources: StackInput[] = [
      { type: T.instance, name: "db", props: ownPassword() }, { type: T.instance, name: "db-replica-1", props: replica(1) },
    ];
    const target = (id: string): StackInput => ({ type: PROXY_TARGET, name: `target-${id}`, props: { dbProxyName: "p", targetGroupName: "default", dbInstanceIdentifier: id } });
    expect((await checkStack(proxyTargetsTheWriter, [...resources, target("sparki-dev-postgres-replica-1")])).violations).toEqual([
      "proxy target sparki-dev-postgres-replica-1 is a read replica: RDS Proxy only accepts the writer.",
    ]);
    expect((await checkStack(proxyTargetsTheWriter, [...resources, target("sparki-dev-postgres")])).violations).toEqual([]);
  });

  it("refuses an end-to-end IAM proxy in front of an instance without IAM database authentication", async () => {
    const proxy: StackInput = { type: T.proxy, name: "proxy", props: { name: "p", requireTls: true, defaultAuthScheme: "IAM_AUTH" } };
    const target: StackInput = { type: PROXY_TARGET, name: "target", props: { dbProxyName: "p", dbInstanceIdentifier: "sparki-dev-postgres" } };
    const db = (iam: boolean): StackInput => ({ type: T.instance, name: "db", props: { ...ownPassword(), iamDatabaseAuthenticationEnabled: iam } });
    expect((await checkStack(iamProxyNeedsIamDatabase, [proxy, target, db(false)])).violations).toEqual([
      "proxy target sparki-dev-postgres has IAM database authentication off: the proxy's end-to-end IAM logins would be refused.",
    ]);
    expect((await checkStack(iamProxyNeedsIamDatabase, [proxy, target, db(true)])).violations).toEqual([]);
    const secretsProxy: StackInput = { ...proxy, props: { name: "p", requireTls: true } };
    expect((await checkStack(iamProxyNeedsIamDatabase, [secretsProxy, target, db(false)])).notApplicable).toBe("no RDS Proxy with end-to-end IAM");
  });

  it("refuses an alarm that treats missing data as breaching, or that does not wait for the resource it watches", async () => {
    const db: StackInput = { type: T.instance, name: "db", props: ownPassword() };
    const on = { DBInstanceIdentifier: "sparki-dev-postgres" };
    expect((await checkStack(alarmsQuietDuringCreate, [db, { ...alarm("free-storage", on, { treatMissingData: "breaching" }), dependsOnNames: ["db"] }])).violations).toEqual([
      "alarm free-storage treats missing data as breaching: it fires while its resource is created or stopped.",
    ]);
    expect((await checkStack(alarmsQuietDuringCreate, [db, alarm("free-storage", on)])).violations).toEqual([
      "alarm free-storage watches DBInstanceIdentifier=sparki-dev-postgres but does not wait for db: created alongside it, it judges a resource that does not exist yet.",
    ]);
    const cache: StackInput = { type: T.replicationGroup, name: "cache", props: { replicationGroupId: "sparki-dev-redis" } };
    expect((await checkStack(alarmsQuietDuringCreate, [cache, alarm("node", { CacheClusterId: "sparki-dev-redis-0001-002" })])).violations).toHaveLength(1);
    const proxyTarget: StackInput = { type: PROXY_TARGET, name: "target", props: { dbProxyName: "sparki-dev-postgres-proxy", dbInstanceIdentifier: "sparki-dev-postgres" } };
    expect((await checkStack(alarmsQuietDuringCreate, [proxyTarget, alarm("pool", { ProxyName: "sparki-dev-postgres-proxy", TargetGroup: "default" })])).violations).toHaveLength(1);
    expect((await checkStack(alarmsQuietDuringCreate, [db, { ...alarm("free-storage", on), dependsOnNames: ["db"] }])).violations).toEqual([]);
  });

  it("refuses an Object Lock configuration on a bucket without versioning, or one not waiting for it", async () => {
    const lock = (bucket: string, dependsOnNames: string[] = []): StackInput => ({
      type: LOCK, name: `${bucket}-lock`, props: { bucket, rule: { defaultRetention: { mode: "COMPLIANCE", days: 2557 } } }, dependsOnNames,
    });
    expect((await checkStack(objectLockNeedsVersioning, [...bucketWithSides("audit", { versioned: false }), lock("audit")])).violations).toEqual([
      "bucket audit gets an Object Lock configuration without versioning enabled: S3 refuses it.",
    ]);
    expect((await checkStack(objectLockNeedsVersioning, [...bucketWithSides("audit"), lock("audit")])).violations).toEqual([
      "the Object Lock configuration of audit does not wait for its versioning: S3 refuses it when it comes first.",
    ]);
    expect((await checkStack(objectLockNeedsVersioning, [...bucketWithSides("audit"), lock("audit", ["audit-versioning"])])).violations).toEqual([]);
  });

  it("refuses server access logs into a locked or SSE-KMS bucket", async () => {
    expect((await checkStack(accessLogTargetAcceptsDelivery, loggedBuckets())).violations).toEqual([]);
    const kmsTarget = [
      ...bucketWithSides("sparki-dev-access-logs", { encryption: "kms" }),
      ...bucketWithSides("sparki-dev-artifacts", { logsTo: "sparki-dev-access-logs" }),
    ];
    expect((await checkStack(accessLogTargetAcceptsDelivery, kmsTarget)).violations).toEqual([
      "access logs go to sparki-dev-access-logs, whose default encryption is not SSE-S3 (AES256): log delivery fails.",
    ]);
    const lockedTarget = [...loggedBuckets(), { type: LOCK, name: "logs-lock", props: { bucket: "sparki-dev-access-logs" } }];
    expect((await checkStack(accessLogTargetAcceptsDelivery, lockedTarget)).violations).toEqual([
      "access logs go to sparki-dev-access-logs, which has Object Lock: S3 cannot deliver server access logs there.",
    ]);
  });

  it("are mandatory in every stack, dev included: an engine refuses a dev deploy just the same", () => {
    for (const stack of ["dev", "prod"]) {
      const config = reconcilePolicyConfig(readPolicyConfigFile(stack), "mandatory");
      for (const policy of ENGINE_RULE_POLICIES) expect(config.get(policy.name)?.enforcementLevel, `${stack} ${policy.name}`).toBe("mandatory");
    }
    for (const policy of ENGINE_RULE_POLICIES) expect(policy.description).toMatch(/^\[Engine rule\] .+ \(.+; checked \d{4}-\d{2}-\d{2}\)$/);
  });
});
