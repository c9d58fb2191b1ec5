import type { ThresholdSpec } from "../../alerting";
import type { RotationTemplate } from "../../common/secret-rotation";
import type { MatrixAdapterKey } from "../../matrix";

/** The RDS engines the component runs. */
export type EngineName = "postgres" | "mysql" | "sqlserver";

/** SQL Server editions on RDS (license included): Express, Web, Standard, Enterprise. */
export type SqlServerEdition = "ex" | "web" | "se" | "ee";

/** One entry of an RDS DB parameter group. */
export interface ParameterSpec {
  /** Engine (or `rds.`) parameter name. */
  readonly name: string;
  /** The value as RDS takes it: a string in the parameter's own unit. */
  readonly value: string;
  /** `pending-reboot` for parameters the engine reads only at start; RDS refuses `immediate` for them. */
  readonly applyMethod: "immediate" | "pending-reboot";
}

/** A naming rule of the engine (user or database names): what matches, what is reserved, how to say it. */
export interface NameRule {
  readonly pattern: RegExp;
  readonly reserved: RegExp;
  /** "1-63 lowercase letters, digits or underscores, start with a letter and not be reserved (postgres, ...)". */
  readonly describe: string;
}

/** A combination RDS refuses, by the argument it is reported on. */
export interface CombinationProblem {
  readonly key: "edition" | "multiAz" | "replicas" | "instanceClass" | "replicaInstanceClass";
  /** The sentence after the key, with its source. */
  readonly message: string;
}

/**
 * How applications reach the primary: through RDS Proxy (end-to-end IAM, so the engine needs IAM database
 * authentication), or straight to the instances where RDS Proxy cannot front the engine.
 */
export type Pooling =
  | {
    readonly kind: "proxy";
    /** RDS Proxy `engineFamily`. */
    readonly engineFamily: "POSTGRESQL" | "MYSQL";
    /** Majors RDS Proxy is documented to support, each with its source; others are refused. */
    readonly documentedMajors: Readonly<Record<string, string>>;
  }
  | {
    readonly kind: "direct";
    /** Why there is no proxy, with its source. */
    readonly reason: string;
  };

/**
 * What differs between RDS engines, stated once per engine (engines/postgres.ts, mysql.ts, sqlserver.ts). The
 * component, the planner and the alarms read only this; nothing else branches on the engine name.
 */
export interface EngineProfile<Settings> {
  readonly name: EngineName;
  /** Human name in descriptions and messages: `PostgreSQL`, `MySQL`, `SQL Server`. */
  readonly label: string;
  /** Matrix row: alarm subjects (`<key>-primary`) and thresholds. */
  readonly matrixKey: MatrixAdapterKey;
  /** Pulumi type token of the component for this engine (URN stability: see components/rds/index.ts). */
  readonly typeToken: string;
  /** Prefix of the component's errors, e.g. `Postgres`. */
  readonly errorPrefix: string;
  /** Majors the component knows, as engineVersion spells them (`17`, `8.4`, `16.00`). */
  readonly majors: readonly string[];
  /** An example version, for messages. */
  readonly versionExample: string;
  /** The major of a version of this engine, or undefined when it is none of `majors`. */
  majorOf(engineVersion: string): string | undefined;
  /** RDS `engine` for an edition (only SQL Server has editions; others ignore it). */
  rdsEngine(edition: SqlServerEdition | undefined): string;
  /** Parameter group family of a major (and edition). */
  family(major: string, edition: SqlServerEdition | undefined): string;
  /** RDS `licenseModel`, when the engine needs one stated. */
  readonly licenseModel?: string;
  readonly defaultPort: number;
  /** Why RDS refuses this port for the engine, or undefined. */
  portProblem(port: number): string | undefined;
  /** gp3 allocated storage RDS accepts, GiB. */
  readonly storageGiB: { readonly min: number; readonly max: number };
  /** Read replicas per source RDS allows. */
  readonly maxReplicas: number;
  /** Memory per instance class this engine runs on, GiB, by family and size (FreeableMemory alarms are a share of it). */
  readonly instanceClassMemoryGiB: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Why RDS refuses Performance Insights on this class, or undefined when it is supported. */
  performanceInsightsProblem(instanceClass: string): string | undefined;
  readonly adminUsername: NameRule;
  readonly databaseName: NameRule;
  /** RDS creates the database with the instance (`dbName`); SQL Server refuses one (the bootstrap creates it). */
  readonly databaseCreatedWithInstance: boolean;
  /** Logs exported to CloudWatch Logs. */
  readonly exportedLogs: readonly string[];
  /**
   * RDS supports IAM database authentication for the engine: the pool user logs in with IAM tokens and has no
   * password. Without it the pool user's password is generated into its own rotating secret.
   */
  readonly iamDatabaseAuthentication: boolean;
  readonly pooling: Pooling;
  /** An option group the engine needs (MySQL's audit plugin), with its documentation source; none when absent. */
  readonly optionGroup?: {
    readonly option: string;
    readonly settings: Readonly<Record<string, string>>;
    readonly source: string;
  };
  /** Secrets Manager's single-user rotation function for the engine: the admin's secret. */
  readonly rotationTemplate: RotationTemplate;
  /** The rotation of the pool user's secret, for engines without IAM authentication (an alternating-users template). */
  readonly poolRotationTemplate?: RotationTemplate;
  /** `engine` in the secret JSON the rotation function reads. */
  readonly secretEngine: string;
  /** The one-time statements the admin runs to create the pool user (and, where RDS cannot, the database). */
  bootstrapSql(databaseName: string, poolUsername: string): string;
  /** Description of the parameter group. */
  parameterGroupDescription(major: string): string;
  /** Defaults of the tunable parameter settings. */
  readonly defaultSettings: Settings;
  /** Problems with settings (each names `parameters.<key>`), empty when all are valid. */
  settingsProblems(settings: Settings): string[];
  /** The parameter group's entries, sorted by name. */
  parameters(settings: Settings): ParameterSpec[];
  /** The engine's connection ceiling under these settings: the proxy pool (or the pool alarm) is a share of it. */
  maxConnections(settings: Settings): number;
  /** Combinations RDS refuses for this engine (edition and Multi-AZ, replicas...), each with its source. */
  combinationProblems(input: {
    readonly edition?: SqlServerEdition;
    readonly multiAz: boolean;
    readonly replicas: number;
    readonly instanceClass: string;
    /** Undefined: the primary's class. */
    readonly replicaInstanceClass?: string;
  }): CombinationProblem[];
  /** Alarm levels: the matrix's for PostgreSQL, derived for the engines it gives no figures for. */
  readonly thresholds: { readonly latencyP95: ThresholdSpec; readonly poolUsage: ThresholdSpec };
  /** The engine publishes MaximumUsedTransactionIDs (PostgreSQL's wraparound counter). */
  readonly transactionIdAlarm: boolean;
  /** Low FreeableMemory means trouble for this engine (not for SQL Server, which keeps what it takes). */
  readonly freeableMemoryAlarm: boolean;
}
