import { describe, expect, it } from "vitest";
import { runProgram } from "../scripts/offline/run-program";
import { exampleConfig, type Section } from "./example-config";

// The hosting rules every adapter on Kubernetes runs (stacks/adapters/kubernetes-hosting.ts), through etcd's prod example.
const { KEY, DIR, PROD, refused } = exampleConfig("etcd");
const withBackup = (backup: Section): Section => ({ ...PROD, backup: { ...(PROD.backup as Section), ...backup } });

describe("the cluster hosting of adapters on Kubernetes", () => {
  const OTHER_OIDC = "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE";
  it.each<[string, Section, string]>([
    ["a named class beside the encrypted one", { ...PROD, storageClass: "gp3", ebsKmsStorageClass: true },
      `${KEY}.storageClass must not be set together with ebsKmsStorageClass: true (that creates the volumes' StorageClass); remove one, got "gp3"`],
    ["the encrypted class without the CSI driver's role", { ...PROD, ebsCsiRoleArn: undefined },
      `${KEY}.ebsCsiRoleArn must name the IAM role of the cluster's EBS CSI driver when the volumes use the customer-key StorageClass (ebsKmsStorageClass): without the policy made for it no encrypted volume can be created, got nothing`],
    ["the CSI driver's role without the encrypted class", { ...PROD, ebsKmsStorageClass: false, storageClass: "gp3" },
      `${KEY}.ebsCsiRoleArn only applies when the volumes use the customer-key StorageClass (ebsKmsStorageClass: true); remove it or turn that on, got "arn:aws:iam::555555555555:role/sparki-prod-ebs-csi-driver"`],
    ["an OIDC provider in another account", withBackup({ oidcProviderArn: OTHER_OIDC }),
      `${KEY}.backup.oidcProviderArn must be an OIDC provider in this stack's account 555555555555 (the backup role and the bucket are there), got "${OTHER_OIDC}"`],
    ["a system namespace", { ...PROD, namespace: "kube-system" },
      `${KEY}.namespace must not be default or a kube-* namespace (the stack creates, labels and may delete its own namespace), got "kube-system"`],
    // Helm caps release names at 53 characters, and the release becomes a label value (63 at most).
    ["a release name Helm would refuse", { ...PROD, prometheusRelease: "r".repeat(54) },
      `${KEY}.prometheusRelease must be a Helm release name of at most 53 characters (it becomes the release label of the PrometheusRule), got "${"r".repeat(54)}"`],
  ])("refuses %s before registering anything", async (_name, section, message) => {
    const { problems, registered } = await refused("etcd-prod", section);
    expect(problems).toEqual([message]);
    expect(registered).toEqual([]);
  });
});

describe("backup schedules of adapters on Kubernetes", () => {
  it.each<[string, Section, string]>([
    // The API server refuses a minute past 59 (the CronJob controller's cron parser).
    ["a minute past 59", { schedule: "99 3 * * *" },
      `${KEY}.backup.schedule has a minute field "99" outside 0..59 (numbers, ranges, lists and steps only), got "99 3 * * *"`],
    // robfig/cron's standard parser allows weekdays 0-6: "7" is refused at `pulumi up` ("above maximum (6)").
    ["Sunday written as 7", { schedule: "0 3 * * 7", intervalHours: 168 },
      `${KEY}.backup.schedule has a day of week field "7" outside 0..6 (numbers, ranges, lists and steps only), got "0 3 * * 7"`],
    ["an unknown macro", { schedule: "@fortnightly", intervalHours: 336 },
      `${KEY}.backup.schedule must be five cron fields (minute hour day-of-month month day-of-week) or one of @hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually, got "@fortnightly"`],
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
