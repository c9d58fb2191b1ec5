/** The kinds of object Sparki stores in S3 (the matrix's "S3 / Object Storage" use cases). */
export const DATA_CLASS_KEYS = ["artifacts", "deploymentLogs", "testReports", "configBackups", "auditArchive", "buildCache"] as const;
export type DataClassKey = (typeof DATA_CLASS_KEYS)[number];

export interface DataClass {
  readonly key: DataClassKey;
  /** Bucket-name suffix and logical-name part, e.g. `deployment-logs`. */
  readonly slug: string;
  /** What the bucket holds, as the matrix says it. */
  readonly contents: string;
  /** Keep earlier versions of overwritten or deleted objects. */
  readonly versioned: boolean;
  /** Object Lock (WORM) with a default retention. Implies versioning. */
  readonly objectLock: boolean;
  /** Read on the hot path: request metrics (and so 4xx/5xx alarms) are worth their cost. */
  readonly hot: boolean;
  /** Writers may add objects but never delete them. */
  readonly appendOnly: boolean;
}

export const DATA_CLASSES: Readonly<Record<DataClassKey, DataClass>> = {
  artifacts: {
    key: "artifacts", slug: "artifacts", contents: "Build artifacts: compiled binaries, packages",
    versioned: true, objectLock: false, hot: true, appendOnly: false,
  },
  deploymentLogs: {
    key: "deploymentLogs", slug: "deployment-logs", contents: "Deployment logs: long-term log storage",
    versioned: true, objectLock: false, hot: false, appendOnly: false,
  },
  testReports: {
    key: "testReports", slug: "test-reports", contents: "Test reports: JUnit XML, coverage reports",
    versioned: true, objectLock: false, hot: false, appendOnly: false,
  },
  configBackups: {
    key: "configBackups", slug: "config-backups", contents: "Configuration backups: pipeline/deployment snapshots",
    versioned: true, objectLock: false, hot: false, appendOnly: false,
  },
  auditArchive: {
    key: "auditArchive", slug: "audit-archive", contents: "Audit log archives: long-term compliance storage",
    versioned: true, objectLock: true, hot: false, appendOnly: true,
  },
  // Rebuildable from source, rewritten constantly: old versions would only cost money.
  buildCache: {
    key: "buildCache", slug: "build-cache", contents: "Build cache: container image layers, dependency caches",
    versioned: false, objectLock: false, hot: true, appendOnly: false,
  },
};

/** The bucket every other bucket writes its server access logs to. */
export const ACCESS_LOGS_SLUG = "access-logs";
