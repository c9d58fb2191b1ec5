import { ACCESS_LOGS_SLUG, DATA_CLASSES } from "../../components/object-store/data-classes";
import { lifecycleProblems } from "../../components/object-store/lifecycle";
import { bucketName, bucketNameProblem } from "../../components/object-store/naming";
import { PROFILES } from "../profiles";
import type { Context, Problem, Rule } from "./cross-field";
import { LIFECYCLE_KEYS, objectStoreSettings } from "./object-store";

function settingsOf({ stack, project }: Context) {
  return objectStoreSettings(stack, project.accountId, project.objectStore, PROFILES[project.profile]);
}

/** Lifecycle days of every bucket, after merging config over the profile; says when a value is the profile's. */
const lifecycleRule: Rule = (context) => {
  const settings = settingsOf(context);
  const { profile, objectStore } = context.project;
  return LIFECYCLE_KEYS.flatMap((key): Problem[] => {
    const days = settings.lifecycle[key];
    const retention = key === "auditArchive" ? settings.auditRetentionDays : undefined;
    return lifecycleProblems(days, retention).map((p) => ({
      path: ["objectStore", key, p.field],
      message: objectStore[key][p.field] === undefined ? `${p.message} (profile "${profile}" default: ${days[p.field]})` : p.message,
    }));
  });
};

/** Every bucket name the prefix produces must be one S3 accepts. */
const bucketNameRule: Rule = (context) => {
  const { bucketPrefix } = settingsOf(context);
  const slugs = [...Object.values(DATA_CLASSES).map((c) => c.slug), ACCESS_LOGS_SLUG];
  const problem = slugs.map((slug) => bucketNameProblem(bucketName(bucketPrefix, slug))).find((p) => p !== undefined);
  if (problem === undefined) return [];
  const origin = context.project.objectStore.bucketPrefix === undefined ? ` (the default prefix "${bucketPrefix}" comes from the stack name and accountId; set a shorter one)` : "";
  return [{ path: ["objectStore", "bucketPrefix"], message: `must give valid bucket names: ${problem}${origin}` }];
};

export const objectStoreRules: Rule[] = [lifecycleRule, bucketNameRule];
