import { describe, expect, it } from "vitest";
import { runProgram } from "../scripts/offline/run-program";
import { stackConfig } from "../scripts/offline/stack-files";
import { firestoreAdapter } from "../stacks/adapters/firestore";
import { ConfigError } from "../stacks/config/errors";
import { loadConfig } from "../stacks/config/load";
import { adapterSettings } from "../stacks/project";
import { exampleConfig, type Section } from "./example-config";

/**
 * Bad `sparki-storage:firestore` sections on top of the example stacks that turn the database on (examples/firestore):
 * each is refused before anything is registered, with one line naming the key, the value and what is allowed.
 */

const { KEY, DIR, DEV, PROD, refused } = exampleConfig("firestore");
const DEV_STACK = "firestore-dev";
const PROD_STACK = "firestore-prod";
const sectionFor = (stack: string) => (stack === DEV_STACK ? DEV : PROD);

const ALLOWED = "(allowed: enabled, projectId, location, databaseId, collection, applicationRoleName, customerManagedKey, dailyBackupRetentionDays, weeklyBackupRetentionWeeks, weeklyBackupDay, workloadIdentityPoolId, serviceAccountId)";
const PROJECT = "projectId must be a Google Cloud project ID: 6-30 characters of a-z, 0-9 and '-', starting with a letter, not ending with '-'";
const LOCATION = "location must be a Firestore location: a region such as europe-west1 or a multi-region eur3, nam5 or nam7";
const DATABASE = "databaseId must be \"(default)\" or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit";
const COLLECTION = "collection must be a Firestore collection ID: 1-1500 characters without '/', not '.' or '..', not __name__";
const UUID_LIKE = "abcdef01-2345-6789-abcd-ef0123456789";

describe("firestore config errors name the key, the value and what is allowed; nothing is registered", () => {
  it.each<[string, string, Section, string]>([
    ["a project ID with capitals", DEV_STACK, { projectId: "Sparki-Storage" }, `${PROJECT}, got "Sparki-Storage"`],
    ["a five-character project ID", DEV_STACK, { projectId: "abcde" }, `${PROJECT}, got "abcde"`],
    ["a project ID ending in a hyphen", PROD_STACK, { projectId: "sparki-storage-" }, `${PROJECT}, got "sparki-storage-"`],
    ["a location that is a continent", DEV_STACK, { location: "europe" }, `${LOCATION}, got "europe"`],
    // CmekConfig: only eur3 (europe) and nam5 (us) have a KMS multi-region this stack knows.
    ["a CMEK database in nam7", DEV_STACK, { location: "nam7" },
      "location must be a region, eur3 or nam5 with customerManagedKey: a CMEK key must sit in the database's KMS location (eur3: europe, nam5: us), and none is known for this multi-region, got \"nam7\""],
    ["a three-character database ID", DEV_STACK, { databaseId: "abc" }, `${DATABASE}, got "abc"`],
    ["a database ID with an underscore", PROD_STACK, { databaseId: "fiber_db" }, `${DATABASE}, got "fiber_db"`],
    ["a UUID-like database ID", DEV_STACK, { databaseId: UUID_LIKE },
      `databaseId must be "(default)" or 4-63 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, not UUID-like, got "${UUID_LIKE}"`],
    ["a collection path", DEV_STACK, { collection: "fiber/storage" }, `${COLLECTION}, got "fiber/storage"`],
    ["a reserved collection ID", PROD_STACK, { collection: "__fiber__" }, `${COLLECTION}, got "__fiber__"`],
    ["a role ARN instead of a role name", DEV_STACK, { applicationRoleName: "arn:aws:iam::555555555555:role/app" },
      "applicationRoleName must be an AWS IAM role name (1-64 characters of letters, digits and +=,.@_-), got \"arn:aws:iam::555555555555:role/app\""],
    ["eight days of daily backups", DEV_STACK, { dailyBackupRetentionDays: 8 }, "dailyBackupRetentionDays must be an integer 1..7, got 8"],
    ["fifteen weeks of weekly backups", PROD_STACK, { weeklyBackupRetentionWeeks: 15 }, "weeklyBackupRetentionWeeks must be an integer 0..14, got 15"],
    ["a weekday abbreviation", PROD_STACK, { weeklyBackupDay: "SUN" },
      'weeklyBackupDay must be one of "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", got "SUN"'],
    ["two weeks of weekly backups in prod", PROD_STACK, { weeklyBackupRetentionWeeks: 2 },
      'weeklyBackupRetentionWeeks must be at least 4 (weeks) for profile "prod" (restoring to before a corruption noticed weeks later), got 2'],
    ["Google's default key in prod", PROD_STACK, { customerManagedKey: false },
      'customerManagedKey must be true for profile "prod" (the database, its backups and PITR versions encrypted with a key the stack controls), got false'],
    ["a pool ID in Google's reserved prefix", DEV_STACK, { workloadIdentityPoolId: "gcp-sparki" },
      "workloadIdentityPoolId must be 4-32 characters of a-z, 0-9 and '-', not starting with \"gcp-\", got \"gcp-sparki\""],
    ["a 33-character pool ID", DEV_STACK, { workloadIdentityPoolId: "p".repeat(33) },
      `workloadIdentityPoolId must be 4-32 characters of a-z, 0-9 and '-', not starting with "gcp-", got "${"p".repeat(33)}"`],
    ["a service account ID starting with a digit", PROD_STACK, { serviceAccountId: "1fiber-app" },
      "serviceAccountId must be 6-30 characters of a-z, 0-9 and '-', starting with a letter, ending with a letter or digit, got \"1fiber-app\""],
    ["enabled as a word", DEV_STACK, { enabled: "yes" }, 'enabled must be true or false, got "yes"'],
    // Credentials never go in config: there is no key for them.
    ["a service-account key in config", DEV_STACK, { credentials: "{\"type\":\"service_account\"}" }, `credentials is not a known key ${ALLOWED}`],
    ["a misspelt key", PROD_STACK, { projectID: "sparki-storage-prod" }, `projectID is not a known key (did you mean "projectId"?) ${ALLOWED}`],
  ])("%s", async (_case, stack, change, expected) => {
    const { problems, registered } = await refused(stack, { ...sectionFor(stack), ...change });
    expect(problems).toEqual([`${KEY}.${expected}`]);
    expect(registered).toEqual([]);
  });

  it.each<[string, string]>([["projectId", "is required when firestore is enabled: the existing Google Cloud project the database lives in"],
    ["applicationRoleName", "is required when firestore is enabled: the application's AWS IAM role, the only identity allowed to federate"]])(
    "refuses an enabled database without %s", async (key, message) => {
      const section = { ...DEV };
      delete section[key];
      const { problems, registered } = await refused(DEV_STACK, section);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${KEY.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.${key} ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      expect(registered).toEqual([]);
    });

  it("refuses prod whose critical alerts go only to webhooks: the alert policies would notify nobody", async () => {
    const registered: string[] = [];
    const failure = await runProgram({ stack: PROD_STACK, stackDir: DIR, overrides: { "sparki-storage:alerts": { critical: { emails: [], httpsEndpoints: [{ secure: "v1:c2VjcmV0LXdlYmhvb2s=" }] } } }, observe: (r) => registered.push(r.type) })
      .then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      `${KEY}.enabled needs alerts.critical.emails in prod: the Cloud Monitoring alert policies notify email channels made from them (webhook URLs are secret and are not copied into Google Cloud), got true`,
    ]);
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("Firestore turned off", () => {
  const load = (stack: string, dir: string | undefined, section: Section) => () => loadConfig(stack, stackConfig(stack, { [KEY]: section }, dir));
  // Each would break a rule: no project, Google's key in prod, two weeks of weekly backups in prod.
  const badRules = { customerManagedKey: false, weeklyBackupRetentionWeeks: 2 };

  it("is off in the root dev and prod stacks (opt-in), so its rules do not run there", () => {
    expect(load("dev", undefined, badRules)).not.toThrow();
    expect(load("prod", undefined, badRules)).not.toThrow();
    expect(load("prod", undefined, { ...badRules, enabled: true })).toThrow(ConfigError);
    expect(load("dev", undefined, { enabled: true })).toThrow(ConfigError);
  });

  it("is not checked by the rules when disabled, but still has its keys validated by the schema", () => {
    expect(load(PROD_STACK, DIR, { ...PROD, ...badRules, enabled: false })).not.toThrow();
    expect(load(PROD_STACK, DIR, { ...PROD, enabled: false, databaseId: "abc" })).toThrow(`${KEY}.${DATABASE}`);
  });
});

describe("firestore settings: config over the tier over the component's defaults", () => {
  const settingsOf = (stack: string, section?: Section) =>
    adapterSettings(firestoreAdapter, loadConfig(stack, stackConfig(stack, section === undefined ? {} : { [KEY]: section }, DIR)));

  it("takes the location, backups and delete protection from the tier, names from the stack", () => {
    expect(settingsOf(DEV_STACK)).toEqual({
      enabled: true, projectId: "sparki-storage-dev", location: "europe-west1", databaseId: "(default)", collection: "fiber_storage", applicationRoleName: "sparki-app-dev",
      customerManagedKey: true, deleteProtection: false, dailyBackupRetentionDays: 7, weeklyBackupRetentionWeeks: 0, weeklyBackupDay: "SUNDAY",
      workloadIdentityPoolId: "sparki-firestore-dev", serviceAccountId: "fiber-firestore-dev",
    });
    expect(settingsOf(PROD_STACK)).toMatchObject({ location: "eur3", customerManagedKey: true, deleteProtection: true, weeklyBackupRetentionWeeks: 14 });
  });

  it("lets dev use nam7 without CMEK, a named database and its own collection; never delete protection (the tier's)", () => {
    expect(settingsOf(DEV_STACK, { ...DEV, location: "nam7", customerManagedKey: false, databaseId: "fiber-cache", collection: "sessions", weeklyBackupRetentionWeeks: 2, weeklyBackupDay: "MONDAY" }))
      .toMatchObject({ location: "nam7", customerManagedKey: false, databaseId: "fiber-cache", collection: "sessions", deleteProtection: false, weeklyBackupRetentionWeeks: 2, weeklyBackupDay: "MONDAY" });
    expect(load()).not.toThrow();
    function load() { return () => loadConfig(DEV_STACK, stackConfig(DEV_STACK, { [KEY]: { ...DEV, location: "nam7", customerManagedKey: false } }, DIR)); }
  });
});
