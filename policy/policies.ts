import type { Policies } from "@pulumi/policy";
import { ALARM_COMPOSITE_POLICIES } from "./alarms-composite";
import { ARANGODB_POLICIES } from "./arangodb";
import { AUDIT_ARCHIVE_POLICIES } from "./audit-archive";
import { CDN_POLICIES } from "./cdn";
import { COUCHBASE_POLICIES } from "./couchbase";
import { AZUREBLOB_POLICIES } from "./azureblob";
import { CLOUDFLAREKV_POLICIES } from "./cloudflarekv";
import { CLICKHOUSE_POLICIES } from "./clickhouse";
import { DISASTER_RECOVERY_POLICIES } from "./disaster-recovery";
import { DOCUMENTDB_POLICIES } from "./documentdb";
import { SURREALDB_POLICIES } from "./surrealdb";
import { DYNAMODB_POLICIES } from "./dynamodb";
import { EC2_POLICIES } from "./ec2";
import { FIRESTORE_POLICIES } from "./firestore";
import { ELASTICACHE_POLICIES } from "./elasticache";
import { ENGINE_RULE_POLICIES } from "./engine-rules";
import { KEYSPACES_POLICIES } from "./keyspaces";
import { KMS_SNS_SECRETS_ALARM_POLICIES } from "./kms-sns-secrets-alarms";
import { KUBERNETES_POLICIES } from "./kubernetes";
import { MATRIX_POLICIES } from "./matrix";
import { MEMCACHED_POLICIES } from "./memcached";
import { NEO4J_POLICIES } from "./neo4j";
import { NATS_POLICIES } from "./nats";
import { RDS_POLICIES } from "./rds";
import { S3_POLICIES } from "./s3";
import { SNAPSHOT_PARAMETER_POLICIES } from "./snapshots-parameters";

/**
 * Every policy of the pack, by area. Tests import this (never ./index, whose PolicyPack starts a gRPC server).
 * No policy sets its own enforcement level: the pack defaults to mandatory and each stack's policy config
 * (policy/config/<stack>.json) decides.
 */
export const POLICIES: Policies = [
  ...RDS_POLICIES,
  ...ELASTICACHE_POLICIES,
  ...EC2_POLICIES,
  ...S3_POLICIES,
  ...KMS_SNS_SECRETS_ALARM_POLICIES,
  ...SNAPSHOT_PARAMETER_POLICIES,
  ...KUBERNETES_POLICIES,
  ...MATRIX_POLICIES,
  ...DYNAMODB_POLICIES,
  ...KEYSPACES_POLICIES,
  ...DOCUMENTDB_POLICIES,
  ...ENGINE_RULE_POLICIES,
  ...MEMCACHED_POLICIES,
  ...SURREALDB_POLICIES,
  ...ARANGODB_POLICIES,
  ...COUCHBASE_POLICIES,
  ...CLICKHOUSE_POLICIES,
  ...NEO4J_POLICIES,
  ...NATS_POLICIES,
  ...DISASTER_RECOVERY_POLICIES,
  ...CDN_POLICIES,
  ...FIRESTORE_POLICIES,
  ...AZUREBLOB_POLICIES,
  ...ALARM_COMPOSITE_POLICIES,
  ...AUDIT_ARCHIVE_POLICIES,
  ...CLOUDFLAREKV_POLICIES,
];
