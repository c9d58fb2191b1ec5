import type { z } from "zod";
import { CLIENT_CIDR_RULE } from "../../../components/common/cidr";
import { WEEKLY_WINDOW } from "../../../components/common/windows";
import { MEMCACHED_AZ_MODES } from "../../../components/memcached/args";
import { MAX_MEMCACHED_NODES, MEMCACHED_ENGINE_VERSIONS, MEMCACHED_NODE_FAMILIES } from "../../../components/memcached/engines";
import { MAX_ITEM_SIZE_RANGE, MAX_ITEM_SIZE_STEP } from "../../../components/memcached/parameters";
import { documented } from "../../config/docs";
import { flag, intRange, list, matching, oneOf, privateCidr, section } from "../../config/rules";

const code = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(" | ");

/** `sparki-storage:memcache`: every field optional; what is absent comes from the tier (profiles.ts), then the component. */
export const memcacheSchema = documented(section({
  enabled: documented(flag().optional(), { type: "boolean", description: "Deploy the ElastiCache for Memcached cluster at all (off in dev and prod; examples/memcache turns it on)." }),
  engineVersion: documented(matching(/^\d+\.\d+\.\d+$/, 'a quoted Memcached version such as "1.6.22"').optional(), {
    type: 'quoted `"major.minor.patch"`',
    description: `Memcached ${Object.keys(MEMCACHED_ENGINE_VERSIONS).map((v) => `\`${v}\``).join(", ")} (parameter group family memcached1.6).`,
  }),
  nodeType: documented(matching(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, "a node type such as cache.r6g.large").optional(), {
    type: "`cache.<family>.<size>`",
    description: `Families ${MEMCACHED_NODE_FAMILIES.join(", ")} (previous generations are refused).`,
  }),
  numNodes: documented(intRange(1, MAX_MEMCACHED_NODES).optional(), {
    type: `integer 1..${MAX_MEMCACHED_NODES}`,
    description: "Nodes; the client hashes keys over them. Prod refuses fewer than 2. A change changes the `servers` output the application must use.",
  }),
  azMode: documented(oneOf(MEMCACHED_AZ_MODES).optional(), {
    type: code(MEMCACHED_AZ_MODES), default: "`cross-az` with 2+ nodes, else `single-az`",
    description: "Spread the nodes over the zones (needs 2+ nodes and zones); prod refuses `single-az`.",
  }),
  maxItemSizeBytes: documented(intRange(MAX_ITEM_SIZE_RANGE.min, MAX_ITEM_SIZE_RANGE.max).optional(), {
    type: `integer bytes ${MAX_ITEM_SIZE_RANGE.min}..${MAX_ITEM_SIZE_RANGE.max}, a multiple of ${MAX_ITEM_SIZE_STEP}`, default: "1048576 (1 MiB)",
    description: "`max_item_size` in the cluster's parameter group: the largest value one Set may store (memcached refuses to start unless it divides by 512 KiB). A change takes effect only when each node is rebooted, which empties that node.",
  }),
  maintenanceWindow: documented(matching(WEEKLY_WINDOW, "a weekly UTC window such as sun:05:00-sun:06:00").optional(), {
    type: "`ddd:hh:mm-ddd:hh:mm`, UTC", default: "`sun:05:00-sun:06:00`", description: "Weekly maintenance window, ≥ 60 minutes.",
  }),
  allowedCidrs: documented(list(privateCidr(CLIENT_CIDR_RULE)).optional(), {
    type: "list of private IPv4 CIDRs /8–/32 (10/8, 172.16/12, 192.168/16, 100.64/10; network address, no host bits)",
    default: "the created VPC's CIDR",
    description: "Clients allowed to the Memcached port 11211 (the only access control: Memcached has no AUTH). Required (or `allowedSecurityGroupIds`) with `network.vpcId`.",
  }),
  allowedSecurityGroupIds: documented(list(matching(/^sg-[0-9a-f]{8,17}$/, "a security group ID such as sg-0abc12345678def90")).optional(), {
    type: "list of `sg-…`", description: "Client security groups allowed to the Memcached port.",
  }),
}), {
  description: "Memcached on ElastiCache for the Fiber storage/memcache adapter (opt-in; plaintext TCP is the named policy exception memcache-plaintext-client). Absent fields take the profile default.",
});

export type MemcacheConfig = z.infer<typeof memcacheSchema>;
