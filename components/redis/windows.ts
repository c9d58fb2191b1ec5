const DAY = 24 * 60;
const WEEK = 7 * DAY;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A window as [start, length) in minutes on a circle of `period` minutes (it may wrap past midnight or Saturday). */
interface Arc { readonly start: number; readonly length: number }

/** `hh:mm-hh:mm` (UTC, daily). */
function dailyArc(window: string): Arc {
  const [from, to] = window.split("-").map(minutes);
  return { start: from, length: (to - from + DAY) % DAY || DAY };
}

/** `ddd:hh:mm-ddd:hh:mm` (UTC, weekly). */
function weeklyArc(window: string): Arc {
  const [from, to] = window.split("-").map((part) => DAYS.indexOf(part.slice(0, 3)) * DAY + minutes(part.slice(4)));
  return { start: from, length: (to - from + WEEK) % WEEK || WEEK };
}

const mod = (n: number, m: number) => ((n % m) + m) % m;
const intersects = (a: Arc, b: Arc, period: number) => mod(b.start - a.start, period) < a.length || mod(a.start - b.start, period) < b.length;

/** Which window is wrong and why, phrased to follow the window's name. */
export interface WindowProblem {
  readonly window: "snapshotWindow" | "maintenanceWindow";
  readonly message: string;
}

/**
 * Why ElastiCache would refuse a snapshot/maintenance window pair: each must last at least 60 minutes, and
 * the weekly maintenance window may not overlap any day's snapshot window. Undefined when fine. Formats are
 * checked elsewhere.
 */
export function windowsProblem(snapshotWindow: string, maintenanceWindow: string): WindowProblem | undefined {
  const snapshot = dailyArc(snapshotWindow);
  const maintenance = weeklyArc(maintenanceWindow);
  if (snapshot.length < 60) return { window: "snapshotWindow", message: "must last at least 60 minutes" };
  if (maintenance.length < 60) return { window: "maintenanceWindow", message: "must last at least 60 minutes" };
  const overlaps = DAYS.some((_, day) => intersects({ start: day * DAY + snapshot.start, length: snapshot.length }, maintenance, WEEK));
  return overlaps ? { window: "maintenanceWindow", message: `must not overlap the daily snapshot window ${snapshotWindow}` } : undefined;
}
