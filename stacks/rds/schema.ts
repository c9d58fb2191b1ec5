import { z } from "zod";
import { CLIENT_CIDR_RULE } from "../../components/common/cidr";
import { DATABASE_DEFAULTS, type EngineProfile } from "../../components/rds";
import { documented } from "../config/docs";
import { flag, intRange, list, matching, privateCidr, type section } from "../config/rules";

/** An integer range whose message also says why the range is what it is. */
function intWithin(min: number, max: number, why: string) {
  const error = `must be an integer ${min}..${max} (${why})`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A numeric parameter setting within its limits, `unit` said in the message. */
export function parameterSetting(limit: { readonly min: number; readonly max: number; readonly integer: boolean }, unit?: string) {
  const { min, max, integer } = limit;
  const error = `must be ${integer ? "an integer" : "a number"} ${min}..${max}${unit ? ` (${unit})` : ""}`;
  const number = z.number({ error }).min(min, { error }).max(max, { error });
  return (integer ? number.int({ error }) : number).optional();
}

/** "integer ms -1..3600000" from a setting's limits. */
export function parameterType(limit: { readonly min: number; readonly max: number; readonly integer: boolean }, unit: string, what = "") {
  return `${limit.integer ? "integer" : "number"}${unit ? ` ${unit}` : ""} ${limit.min}..${limit.max}${what}`;
}

/** What differs between the engines' config sections: the engine, how its version and names are written, its replica floor. */
export interface RelationalSchemaSpec {
  readonly engine: EngineProfile<unknown>;
  /** The version key: a pattern, what it is in words (for the message), its reference type and meaning. */
  readonly engineVersion: { readonly pattern: RegExp; readonly what: string; readonly type: string; readonly description: string };
  /** Meaning of `replicas`, with the engine's limits and the prod floor. */
  readonly replicasDescription: string;
  /** `adminUsername`'s reserved names in words, e.g. "postgres or another reserved name (rdsadmin, admin, root, rds_*, pg_*)". */
  readonly reservedUsernames: string;
  /** `adminUsername`'s reference type. */
  readonly usernameType: string;
}

const securityGroupIds = list(matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90"));

/** The keys every RDS engine's section has (its parameters and edition are the adapter's own). */
export function relationalFields(spec: RelationalSchemaSpec) {
  const { engine } = spec;
  const label = engine.label;
  const port = engine.defaultPort;
  const storage = engine.storageGiB;
  const instanceClass = matching(/^db\.[a-z0-9-]+\.[a-z0-9]+$/, "an RDS instance class such as db.r7g.large");
  const users = engine.adminUsername;
  const databases = engine.databaseName;
  return {
    enabled: documented(flag().optional(), { type: "boolean", description: `Deploy ${label} at all.` }),
    engineVersion: documented(matching(spec.engineVersion.pattern, spec.engineVersion.what).optional(), {
      type: spec.engineVersion.type,
      description: spec.engineVersion.description,
    }),
    instanceClass: documented(instanceClass.optional(), {
      type: `RDS class of ${Object.keys(engine.instanceClassMemoryGiB).map((f) => `\`${f}\``).join(", ")}`,
      description: `Primary class; memory per class is tabled in \`components/rds/engines/instance-classes.ts\`${engine.freeableMemoryAlarm ? " (FreeableMemory alarms are a share of it)" : ""}.`,
    }),
    replicaInstanceClass: documented(instanceClass.optional(), {
      type: "as above",
      default: "the primary's class",
      description: "Class of the read replicas.",
    }),
    replicas: documented(intRange(0, engine.maxReplicas).optional(), {
      type: `integer 0..${engine.maxReplicas}`,
      description: spec.replicasDescription,
    }),
    allocatedStorageGiB: documented(intWithin(storage.min, storage.max, `GiB; ${storage.min} is the RDS for ${label} minimum`).optional(), {
      type: `integer GiB ${storage.min}..${storage.max}`,
      description: `Initial gp3 storage; ${storage.min} is the RDS minimum.`,
    }),
    maxAllocatedStorageGiB: documented(intWithin(storage.min, storage.max, "GiB, the storage autoscaling ceiling").optional(), {
      type: "integer GiB, at least 10 % above `allocatedStorageGiB`",
      description: "Storage autoscaling ceiling.",
    }),
    backupRetentionDays: documented(intRange(0, 35).optional(), {
      type: "integer days 0..35",
      description: "Automated backups (point-in-time recovery); at least 1 in dev, 14 in prod.",
    }),
    // The component refuses a reserved name too, but only once the stack's other resources are registered.
    databaseName: documented(matching(databases.pattern, databases.describe.replace(/ and not be .*$/, ""))
      .refine((name) => !databases.reserved.test(name), { error: `must not be ${databases.describe.replace(/^.* and not be /, "")}` })
      .optional(), {
      type: "lowercase identifier",
      description: engine.databaseCreatedWithInstance ? "Database created with the instance." : "Database the bootstrap creates (RDS creates none for this engine).",
    }),
    adminUsername: documented(matching(users.pattern, users.describe.replace(/ and not be .*$/, ""))
      .refine((name) => !users.reserved.test(name), { error: `must not be ${spec.reservedUsernames}` })
      .refine((name) => name !== DATABASE_DEFAULTS.poolUsername, {
        error: `must not be ${DATABASE_DEFAULTS.poolUsername}, the user applications connect as (the component's pool user)`,
      })
      .optional(), {
      type: spec.usernameType,
      description: "Admin user; its generated password lives only in the admin secret (rotated every 30 days).",
    }),
    allowedSecurityGroupIds: documented(securityGroupIds.default([]), {
      type: "list of `sg-…`",
      description: `Application security groups admitted to the ${engine.pooling.kind === "proxy" ? "proxy" : "primary"} ${engine.maxReplicas > 0 ? " and the replicas" : ""} on ${port}.`,
    }),
    adminSecurityGroupIds: documented(securityGroupIds.default([]), {
      type: "list of `sg-…`",
      description: `Security groups admitted straight to the primary on ${port}, for the admin only: the one-time bootstrap, break-glass.`,
    }),
    allowedCidrBlocks: documented(list(privateCidr(CLIENT_CIDR_RULE)).optional(), {
      type: "list of private CIDRs (10/8, 172.16/12, 192.168/16, 100.64/10), /8–/32, network addresses",
      default: "the created VPC's CIDR",
      description: `Client networks admitted to the ${engine.pooling.kind === "proxy" ? "proxy" : "primary"} ${engine.maxReplicas > 0 ? " and the replicas" : ""}; with an existing VPC, name clients here or by security group.`,
    }),
  };
}

/** The common keys as read from any engine's config section. */
export type RelationalConfig = z.infer<ReturnType<typeof section<ReturnType<typeof relationalFields>>>>;
