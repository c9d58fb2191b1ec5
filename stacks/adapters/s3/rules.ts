import { ACCESS_LOGS_SLUG, DATA_CLASSES } from "../../../components/object-store/data-classes";
import { lifecycleProblems } from "../../../components/object-store/lifecycle";
import { bucketName, bucketNameProblem } from "../../../components/object-store/naming";
import type { Problem } from "../../config/problems";
import type { AdapterRule } from "../contract";
import type { ObjectStoreProfile } from "./profiles";
import { LIFECYCLE_KEYS, type ObjectStoreConfig } from "./schema";
import type { ObjectStoreSettings } from "./settings";

type Rule = AdapterRule<ObjectStoreConfig, ObjectStoreProfile, ObjectStoreSettings>;

/** Lifecycle days of every bucket, after merging config over the profile; says when a value is the profile's. */
const lifecycleRule: Rule = ({ config, settings, scope }) =>
  LIFECYCLE_KEYS.flatMap((key): Problem[] => {
    const days = settings.lifecycle[key];
    const retention = key === "auditArchive" ? settings.auditRetentionDays : undefined;
    return lifecycleProblems(days, retention).map((p) => ({
      path: [key, p.field],
      message: config[key][p.field] === undefined ? `${p.message} (profile "${scope.env.profile.name}" default: ${days[p.field]})` : p.message,
    }));
  });

/** Every bucket name the prefix produces must be one S3 accepts. */
const bucketNameRule: Rule = ({ config, settings: { bucketPrefix } }) => {
  const slugs = [...Object.values(DATA_CLASSES).map((c) => c.slug), ACCESS_LOGS_SLUG];
  const problem = slugs.map((slug) => bucketNameProblem(bucketName(bucketPrefix, slug))).find((p) => p !== undefined);
  if (problem === undefined) return [];
  const origin = config.bucketPrefix === undefined ? ` (the default prefix "${bucketPrefix}" comes from the stack name and accountId; set a shorter one)` : "";
  return [{ path: ["bucketPrefix"], message: `must give valid bucket names: ${problem}${origin}` }];
};

export const OBJECT_STORE_RULES: readonly Rule[] = [lifecycleRule, bucketNameRule];
