import { describe, expect, it } from "vitest";
import { runProgram } from "../scripts/offline/run-program";
import { exampleConfig, type Section } from "./example-config";

// The hosting rules every adapter on Kubernetes runs (stacks/adapters/kubernetes-hosting.ts), through etcd's prod example.
const { KEY, DIR, PROD, refused } = exampleConfig("etcd");
const withBackup = (backup: Section): Section => ({ ...PROD, backup: { ...(PROD.backup as Section), ...backup } });

describe("backup schedules of adapters on Kubernetes", () => {
  it.each<[string, Section, string]>([
    // The API server refuses a minute past 59 (the CronJob controller's cron parser).
    ["a minute past 59", { schedule: "99 3 * * *" },
      `${KEY}.backup.schedule has a minute field "99" outside 0..59 (numbers, ranges, lists and steps only), got "99 3 * * *"`],
    ["a weekly schedule without its interval", { schedule: "0 3 * * 0" },
      `${KEY}.backup.intervalHours must be set for schedule "0 3 * * 0": only hourly, daily and macro schedules say how often they run, and the missed-backup alert counts in these hours, got nothing`],
    ["an interval the schedule contradicts", { schedule: "@daily", intervalHours: 12 },
      `${KEY}.backup.intervalHours must be 24 for schedule "@daily" (or left out): the missed-backup alert would otherwise count the wrong hours, got 12`],
  ])("refuses %s before registering anything", async (_name, backup, message) => {
    const { problems, registered } = await refused("etcd-prod", withBackup(backup));
    expect(problems).toEqual([message]);
    expect(registered).toEqual([]);
  });

  it("accepts a weekly schedule with its interval, and a macro, and counts the missed-backup alert in those hours", async () => {
    for (const [backup, seconds] of [[{ schedule: "0 3 * * 0", intervalHours: 168 }, 168 * 3600], [{ schedule: "@weekly" }, 168 * 3600]] as const) {
      const run = await runProgram({ stack: "etcd-prod", stackDir: DIR, overrides: { [KEY]: withBackup(backup) } });
      const rules = run.resources.find((r) => r.type === "kubernetes:monitoring.coreos.com/v1:PrometheusRule")!;
      const exprs = JSON.stringify(rules.inputs.spec);
      // warning after 2 missed runs, critical after 3 (platform:k8sBackupMissedRuns)
      expect(exprs).toContain(`> ${2 * seconds}`);
      expect(exprs).toContain(`> ${3 * seconds}`);
    }
  });
});
