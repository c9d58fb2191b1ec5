import { describe, expect, it } from "vitest";
import { exampleConfig, type Section } from "./example-config";

/**
 * Bad `sparki-storage:clickhouse` sections on top of the example stacks (examples/clickhouse): each is refused before
 * anything is registered, with one line naming the key, the value and what is allowed.
 */

const { KEY, DEV, PROD, refused } = exampleConfig("clickhouse");

const OPERATOR = "the Altinity clickhouse-operator (Helm chart altinity-clickhouse-operator 0.25.6, repository https://helm.altinity.com)";

const CASES: [string, "clickhouse-dev" | "clickhouse-prod", Section, string][] = [
  ["the operator not confirmed", "clickhouse-dev", { ...DEV, operator: { namespace: "clickhouse-operator" } },
    `${KEY}.operator.installed must be true: ClickHouse runs through ${OPERATOR}, which this stack does not install; install it in the cluster, then set operator.installed: true, got nothing`],
  ["the operator said absent", "clickhouse-dev", { ...DEV, operator: { installed: false, namespace: "clickhouse-operator" } },
    `${KEY}.operator.installed must be true: ClickHouse runs through ${OPERATOR}, which this stack does not install; install it in the cluster, then set operator.installed: true, got false`],
  // No default: the Helm chart installs into its release namespace, the install bundle into kube-system.
  ["no operator namespace", "clickhouse-dev", { ...DEV, operator: { installed: true } },
    `${KEY}.operator.namespace must name the namespace the Altinity operator runs in (helm install -n <namespace>): the NetworkPolicies admit only it to the servers' HTTP port and Keeper, got nothing`],
  ["one replica in prod", "clickhouse-prod", { ...PROD, replicas: 1 },
    `${KEY}.replicas must be at least 2 for profile "prod" (a second replica on another node keeps the data and reads through a node loss), got 1`],
  ["one Keeper member in prod", "clickhouse-prod", { ...PROD, keeperReplicas: 1 },
    `${KEY}.keeperReplicas must be at least 3 for profile "prod" (with fewer, losing one Keeper member turns every replicated table read-only), got 1`],
  ["an even Keeper", "clickhouse-dev", { ...DEV, keeperReplicas: 2 },
    `${KEY}.keeperReplicas must be 1, 3 or 5: Keeper needs a majority of its members, so an even count tolerates no more failures than one member fewer, got 2`],
  ["the default user as the application's", "clickhouse-dev", { ...DEV, appUsername: "default" },
    `${KEY}.appUsername must not be one of "default", "sparki_admin", "clickhouse_operator": those users are the server's own (localhost default, backups and schema, the operator), got "default"`],
  ["a CPU limit under the request", "clickhouse-dev", { ...DEV, cpuMillis: 2000, cpuLimitMillis: 1000 },
    `${KEY}.cpuLimitMillis must be at least cpuMillis (2000): Kubernetes refuses a CPU limit below the request, got 1000`],
  ["a tag without its digest", "clickhouse-dev", { ...DEV, keeperImage: { tag: "25.8.4" } },
    `${KEY}.keeperImage.digest must be set together with keeperImage.tag (a tag alone can be re-pointed; pin the digest of the image you mirrored), got nothing`],
  ["a bad CIDR", "clickhouse-dev", { ...DEV, clientCidrs: ["10.0.0.0/33"] },
    `${KEY}.clientCidrs.0 must be an IPv4 CIDR block such as 10.0.0.0/8, got "10.0.0.0/33"`],
  ["an identifier with a space", "clickhouse-dev", { ...DEV, table: "fiber storage" },
    `${KEY}.table must be a ClickHouse identifier: a letter or _, then letters, digits or _, at most 63 characters, got "fiber storage"`],
  ["backups off in prod", "clickhouse-prod", { ...PROD, backup: { enabled: false } },
    `${KEY}.backup.enabled must not be false for profile "prod" (a stateful workload in prod keeps a copy outside the cluster), got false`],
];

describe("bad sparki-storage:clickhouse sections", () => {
  it.each(CASES)("refuses %s before registering anything", async (_what, stack, section, message) => {
    const { problems, registered } = await refused(stack, section);
    expect(problems).toEqual([message]);
    expect(registered).toEqual([]);
  });

  it("names a misspelt key and the keys it knows", async () => {
    const { problems } = await refused("clickhouse-dev", { ...DEV, replica: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${KEY}\\.replica is not a known key \\(did you mean "replicas"\\?\\)`));
  });
});
