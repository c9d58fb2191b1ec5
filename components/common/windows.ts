const DAY = 24 * 60;
const WEEK = 7 * DAY;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const TIME = "([01]\\d|2[0-3]):[0-5]\\d";

/** `hh:mm-hh:mm`, UTC: a daily window (backups, snapshots). */
export const DAILY_WINDOW = new RegExp(`^${TIME}-${TIME}$`);
/** `ddd:hh:mm-ddd:hh:mm`, UTC, lowercase day names: a weekly window (maintenance). */
export const WEEKLY_WINDOW = new RegExp(`^(${DAYS.join("|")}):${TIME}-(${DAYS.join("|")}):${TIME}$`);

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A window as [start, start + length) in minutes on a circle of `period` minutes (it may wrap past midnight or Saturday). */
interface Arc { readonly start: number; readonly length: number }

function dailyArc(window: string): Arc {
  const [from, to] = window.split("-").map(minutes);
  return { start: from, length: (to - from + DAY) % DAY || DAY };
}

function weeklyArc(window: string): Arc {
  const [from, to] = window.split("-").map((part) => DAYS.indexOf(part.slice(0, 3) as (typeof DAYS)[number]) * DAY + minutes(part.slice(4)));
  return { start: from, length: (to - from + WEEK) % WEEK || WEEK };
}

const mod = (n: number, m: number) => ((n % m) + m) % m;
const intersects = (a: Arc, b: Arc, period: number) => mod(b.start - a.start, period) < a.length || mod(a.start - b.start, period) < b.length;

/** Which of the two windows is wrong, and why (a sentence that follows the window's name). */
export interface WindowPairProblem {
  readonly window: "daily" | "weekly";
  readonly message: string;
}

/** What the service demands of a daily/weekly window pair. */
export interface WindowPairRule {
  /** Shortest window the service accepts, minutes (RDS 30, ElastiCache 60). No default. */
  readonly minimumMinutes: number;
  /** What the daily window is for, in messages, e.g. `backup` or `snapshot`. No default. */
  readonly dailyLabel: string;
}

/**
 * Why a service would refuse a daily window (backup/snapshot) and a weekly maintenance window together: each
 * must last at least `minimumMinutes`, and the weekly window may not overlap the daily one on any day.
 * Undefined when fine. Formats must already match {@link DAILY_WINDOW} and {@link WEEKLY_WINDOW}.
 */
export function windowPairProblem(dailyWindow: string, weeklyWindow: string, rule: WindowPairRule): WindowPairProblem | undefined {
  const daily = dailyArc(dailyWindow);
  const weekly = weeklyArc(weeklyWindow);
  if (daily.length < rule.minimumMinutes) return { window: "daily", message: `must last at least ${rule.minimumMinutes} minutes` };
  if (weekly.length < rule.minimumMinutes) return { window: "weekly", message: `must last at least ${rule.minimumMinutes} minutes` };
  const overlaps = DAYS.some((_, day) => intersects({ start: day * DAY + daily.start, length: daily.length }, weekly, WEEK));
  return overlaps ? { window: "weekly", message: `must not overlap the daily ${rule.dailyLabel} window ${dailyWindow}` } : undefined;
}
