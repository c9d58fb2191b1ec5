/**
 * CronJob schedules as the Kubernetes controller parses them (robfig/cron standard parser: five fields, or a
 * predefined macro; https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax, checked
 * 2026-11-29). Checked here so that a schedule the API server would refuse is a config error before any resource.
 */
export const CRON_MACRO_HOURS: Readonly<Record<string, number>> = {
  "@hourly": 1, "@daily": 24, "@midnight": 24, "@weekly": 168, "@monthly": 744, "@yearly": 8784, "@annually": 8784,
};

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  // robfig/cron's standard parser (the CronJob controller's) allows 0-6 only: 7 is "above maximum (6)".
  { name: "day of week", min: 0, max: 6 },
] as const;

/** One field's items: `*`, `n`, `a-b`, each optionally `/step`, comma-separated. Month and weekday names are left out. */
function fieldProblem(value: string, min: number, max: number): boolean {
  return value.split(",").some((item) => {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) return true;
    const [, , from, to, step] = match;
    const numbers = [from, to].filter((n): n is string => n !== undefined).map(Number);
    return numbers.some((n) => n < min || n > max) || (numbers.length === 2 && numbers[0] > numbers[1]) || (step !== undefined && Number(step) < 1);
  });
}

/** Why the schedule would be refused, or `undefined`. */
export function cronProblem(schedule: string): string | undefined {
  if (schedule in CRON_MACRO_HOURS) return undefined;
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return `must be five cron fields (minute hour day-of-month month day-of-week) or one of ${Object.keys(CRON_MACRO_HOURS).join(", ")}`;
  const bad = FIELDS.find((f, i) => fieldProblem(fields[i], f.min, f.max));
  return bad ? `has a ${bad.name} field "${fields[FIELDS.indexOf(bad)]}" outside ${bad.min}..${bad.max} (numbers, ranges, lists and steps only)` : undefined;
}

/**
 * Hours between two runs when the schedule says so plainly: a macro, or fixed minute(s) with `*` for day, month and
 * weekday (hourly when the hour is `*`, daily when it is one number). `undefined` when it takes more reading.
 */
export function cronIntervalHours(schedule: string): number | undefined {
  if (schedule in CRON_MACRO_HOURS) return CRON_MACRO_HOURS[schedule];
  const [minute, hour, dayOfMonth, month, dayOfWeek] = schedule.trim().split(/\s+/);
  if (!/^\d+$/.test(minute ?? "") || dayOfMonth !== "*" || month !== "*" || dayOfWeek !== "*") return undefined;
  if (hour === "*") return 1;
  return /^\d+$/.test(hour ?? "") ? 24 : undefined;
}
