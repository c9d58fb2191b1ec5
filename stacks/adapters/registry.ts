import { DISASTER_RECOVERY_RESOURCE_TYPES } from "../../components/disaster-recovery/resource-types";
import { FOUNDATION_RESOURCE_TYPES } from "../foundation";
import { arangoDbAdapter } from "./arangodb";
import { azureblobAdapter } from "./azureblob";
import { badgerAdapter } from "./badger";
import { cassandraAdapter } from "./cassandra";
import { clickhouseAdapter } from "./clickhouse";
import { cloudflareKvAdapter } from "./cloudflarekv";
import type { ResourceTypeInfo } from "./contract";
import { couchbaseAdapter } from "./couchbase";
import { firestoreAdapter } from "./firestore";
import { dynamodbAdapter } from "./dynamodb";
import { etcdAdapter } from "./etcd";
import { memcacheAdapter } from "./memcache";
import { mongodbAdapter } from "./mongodb";
import { minioAdapter } from "./minio";
import { mssqlAdapter } from "./mssql";
import { mysqlAdapter } from "./mysql";
import { natsAdapter } from "./nats";
import { neo4jAdapter } from "./neo4j";
import { postgresAdapter } from "./postgres";
import { registered, type RegisteredAdapter } from "./registered";
import { redisAdapter } from "./redis";
import { s3Adapter } from "./s3";
import { surrealdbAdapter } from "./surrealdb";

/**
 * Every adapter the stack can deploy, in deployment order. Adding one is its folder plus one line here: the
 * project schema, the profiles, the rule runner, the composition, the stateful types and the config reference
 * are built from this list.
 */
export const ADAPTER_REGISTRY: readonly RegisteredAdapter[] = [
  registered(s3Adapter),
  registered(redisAdapter),
  registered(postgresAdapter),
  registered(mysqlAdapter),
  registered(mssqlAdapter),
  registered(minioAdapter),
  registered(badgerAdapter),
  registered(mongodbAdapter),
  registered(memcacheAdapter),
  registered(cassandraAdapter),
  registered(dynamodbAdapter),
  registered(surrealdbAdapter),
  registered(arangoDbAdapter),
  registered(etcdAdapter),
  registered(natsAdapter),
  registered(clickhouseAdapter),
  registered(neo4jAdapter),
  registered(couchbaseAdapter),
  registered(firestoreAdapter),
  registered(azureblobAdapter),
  registered(cloudflareKvAdapter),
];

/** Types that hold data though nothing registers them today, so the first resource of one is guarded at once. */
const STATEFUL_WHEN_REGISTERED: readonly ResourceTypeInfo[] = [
  { type: "aws:rds/cluster:Cluster", stateful: true },
  { type: "aws:ebs/volume:Volume", stateful: true },
  { type: "kubernetes:core/v1:PersistentVolumeClaim", stateful: true },
];

/** Every resource type the foundation and the adapters declare, each with where it is declared. */
export const DECLARED_RESOURCE_TYPES: readonly (ResourceTypeInfo & { readonly declaredBy: string })[] = [
  ...FOUNDATION_RESOURCE_TYPES.map((t) => ({ ...t, declaredBy: "foundation" })),
  ...STATEFUL_WHEN_REGISTERED.map((t) => ({ ...t, declaredBy: "registry" })),
  ...DISASTER_RECOVERY_RESOURCE_TYPES.map((t) => ({ ...t, declaredBy: "disasterRecovery" })),
  ...ADAPTER_REGISTRY.flatMap((a) => a.resourceTypes.map((t) => ({ ...t, declaredBy: a.key }))),
];

/** Types whose replacement loses data, credentials or identity: the replacement guard watches their URNs. */
export const STATEFUL_RESOURCE_TYPES: ReadonlySet<string> = new Set(DECLARED_RESOURCE_TYPES.filter((t) => t.stateful).map((t) => t.type));
