/** Storage classes a lifecycle rule may move objects into, in the only order S3 moves them (its "waterfall"). */
export const TRANSITION_CLASSES = ["STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const;
export type TransitionClass = (typeof TRANSITION_CLASSES)[number];

/** The lifecycle field that sets the transition day of each class. */
export const TRANSITION_FIELDS = {
  STANDARD_IA: "standardIaDays",
  ONEZONE_IA: "oneZoneIaDays",
  GLACIER_IR: "glacierIrDays",
  GLACIER: "glacierDays",
  DEEP_ARCHIVE: "deepArchiveDays",
} as const satisfies Record<TransitionClass, string>;

/** Days an object is billed for in a class however soon it leaves; S3 refuses IA moves before 30 days. */
export const MINIMUM_STORAGE_DAYS: Readonly<Record<TransitionClass, number>> = {
  STANDARD_IA: 30, ONEZONE_IA: 30, GLACIER_IR: 90, GLACIER: 90, DEEP_ARCHIVE: 180,
};

/** Infrequent-access classes: S3 rejects a transition into them earlier than 30 days after creation. */
const EARLIEST_IA_DAYS = 30;
const IA_CLASSES: ReadonlySet<TransitionClass> = new Set(["STANDARD_IA", "ONEZONE_IA"]);

/** Largest day count accepted anywhere (100 years, also the Object Lock maximum). */
export const MAX_LIFECYCLE_DAYS = 36_500;

/**
 * When objects of one bucket change storage class and expire, in days after creation. An absent transition
 * field means objects never enter that class.
 */
export interface LifecycleDays {
  /** Days until STANDARD_IA (at least 30). Default: never. */
  readonly standardIaDays?: number;
  /** Days until ONEZONE_IA (at least 30; one AZ, so only for reproducible data). Default: never. */
  readonly oneZoneIaDays?: number;
  /** Days until GLACIER_IR (millisecond retrieval, 90-day minimum charge). Default: never. */
  readonly glacierIrDays?: number;
  /** Days until GLACIER flexible retrieval (hours to restore, 90-day minimum charge). Default: never. */
  readonly glacierDays?: number;
  /** Days until DEEP_ARCHIVE (12+ hours to restore, 180-day minimum charge). Default: never. */
  readonly deepArchiveDays?: number;
  /** Days until the current version expires (a delete marker on versioned buckets). No default. */
  readonly expirationDays: number;
  /** Days a version is kept after it stops being current, then deleted for good. No default. */
  readonly noncurrentExpirationDays: number;
}

export type LifecycleField = keyof LifecycleDays;

/** One thing wrong with a lifecycle: the field to change and what it must be (the caller adds the value). */
export interface LifecycleProblem {
  readonly field: LifecycleField;
  readonly message: string;
}

interface Step {
  readonly storageClass: TransitionClass;
  readonly field: LifecycleField;
  readonly days: number;
}

/** The transitions a lifecycle sets, in storage-class order. */
export function transitionsOf(days: LifecycleDays): Step[] {
  return TRANSITION_CLASSES.flatMap((storageClass) => {
    const field = TRANSITION_FIELDS[storageClass];
    const value = days[field];
    return value === undefined ? [] : [{ storageClass, field, days: value }];
  });
}

function outOfRange(value: number, min: number): boolean {
  return !Number.isInteger(value) || value < min || value > MAX_LIFECYCLE_DAYS;
}

/** Why an object may not leave `from` yet: a refusal for IA classes, a minimum charge for the Glacier ones. */
function minimumReason(from: TransitionClass, leavingBy: "transition" | "expiration"): string {
  const minimum = MINIMUM_STORAGE_DAYS[from];
  return IA_CLASSES.has(from) && leavingBy === "transition"
    ? `S3 keeps objects in ${from} at least ${minimum} days before the next transition`
    : `${from} bills at least ${minimum} days of storage, so leaving it earlier costs as much as staying`;
}

/**
 * Everything wrong with a lifecycle, as S3 and its billing see it. Refuses (rather than warns about) early
 * exits from a class with a minimum storage duration: such a rule always costs at least as much as keeping
 * the object there for the full minimum, plus a transition fee, and a warning scrolls past unread.
 *
 * With Object Lock, `retentionDays` is the default retention: an expiry inside it cannot remove the locked
 * versions, it only hides them behind delete markers, so expiry must not come before retention ends.
 */
export function lifecycleProblems(days: LifecycleDays, retentionDays?: number): LifecycleProblem[] {
  const problems: LifecycleProblem[] = [];
  const steps = transitionsOf(days);
  for (const step of steps) {
    if (outOfRange(step.days, 0)) problems.push({ field: step.field, message: `must be an integer 0..${MAX_LIFECYCLE_DAYS}` });
  }
  for (const field of ["expirationDays", "noncurrentExpirationDays"] as const) {
    if (outOfRange(days[field], 1)) problems.push({ field, message: `must be an integer 1..${MAX_LIFECYCLE_DAYS}` });
  }
  if (problems.length > 0) return problems;

  // After a transition S3 refuses outright, later checks would measure against a value that must change anyway.
  let refused = false;
  let previous: Step | undefined;
  for (const step of steps) {
    if (IA_CLASSES.has(step.storageClass) && step.days < EARLIEST_IA_DAYS) {
      problems.push({ field: step.field, message: `must be at least ${EARLIEST_IA_DAYS} (S3 refuses ${step.storageClass} earlier)` });
      refused = true;
    } else if (refused) {
      break;
    } else if (previous && step.days <= previous.days) {
      problems.push({
        field: step.field,
        message: `must be greater than ${previous.field} (${previous.days}): transitions run in storage-class order ${previous.storageClass} -> ${step.storageClass}`,
      });
    } else if (previous && step.days - previous.days < MINIMUM_STORAGE_DAYS[previous.storageClass]) {
      const earliest = previous.days + MINIMUM_STORAGE_DAYS[previous.storageClass];
      problems.push({ field: step.field, message: `must be at least ${earliest} (${previous.field} ${previous.days} + ${MINIMUM_STORAGE_DAYS[previous.storageClass]}): ${minimumReason(previous.storageClass, "transition")}` });
    }
    previous = step;
  }

  const last = refused ? undefined : steps.at(-1);
  if (last && days.expirationDays <= last.days) {
    problems.push({ field: "expirationDays", message: `must be greater than ${last.field} (${last.days}): objects expire after their last transition` });
  } else if (last && days.expirationDays - last.days < MINIMUM_STORAGE_DAYS[last.storageClass]) {
    const earliest = last.days + MINIMUM_STORAGE_DAYS[last.storageClass];
    problems.push({ field: "expirationDays", message: `must be at least ${earliest} (${last.field} ${last.days} + ${MINIMUM_STORAGE_DAYS[last.storageClass]}): ${minimumReason(last.storageClass, "expiration")}` });
  }
  if (retentionDays !== undefined && days.expirationDays < retentionDays) {
    problems.push({
      field: "expirationDays",
      message: `must be at least the Object Lock retention (${retentionDays} days): locked versions cannot expire, an earlier expiry only hides them behind delete markers`,
    });
  }
  return problems;
}

/** S3's default: objects under 128 KiB never transition (per-object overhead would outweigh the saving). */
export type TransitionMinimumObjectSize = "all_storage_classes_128K" | "varies_by_storage_class";

/** A BucketLifecycleConfiguration rule, as plain data (no Outputs) so it can be unit-tested. */
export interface LifecycleRule {
  readonly id: string;
  readonly status: "Enabled";
  readonly filter: Record<string, never>;
  readonly transitions: { readonly days: number; readonly storageClass: TransitionClass }[];
  readonly expiration: { readonly days: number };
  readonly noncurrentVersionExpiration: { readonly noncurrentDays: number };
  readonly abortIncompleteMultipartUpload: { readonly daysAfterInitiation: number };
}

/**
 * The one rule of a bucket: applies to every object (empty filter), moves it through the set classes, expires
 * it, deletes noncurrent versions, and clears the parts of multipart uploads that never completed (they are
 * billed but invisible; the matrix has clients upload files over 100 MB in parts).
 */
export function lifecycleRule(id: string, days: LifecycleDays, abortIncompleteMultipartUploadDays: number): LifecycleRule {
  return {
    id,
    status: "Enabled",
    filter: {},
    transitions: transitionsOf(days).map((s) => ({ days: s.days, storageClass: s.storageClass })),
    expiration: { days: days.expirationDays },
    noncurrentVersionExpiration: { noncurrentDays: days.noncurrentExpirationDays },
    abortIncompleteMultipartUpload: { daysAfterInitiation: abortIncompleteMultipartUploadDays },
  };
}
