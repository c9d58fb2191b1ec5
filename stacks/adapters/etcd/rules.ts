import { clientImageShellProblem, ETCD_CLIENT_IMAGE } from "../../../components/etcd/image";
import { MAX_MEMBERS, memberCountProblem, memoryProblem, quotaProblem } from "../../../components/etcd/sizing";
import type { AdapterRule } from "../contract";
import { REFUSED_REPOSITORY_PREFIXES } from "../../../components/kubernetes/image";
import { imagePairingProblems, kubernetesHostingProblems } from "../kubernetes-hosting";
import type { EtcdProfile } from "./profiles";
import type { EtcdConfig } from "./schema";
import type { EtcdSettings } from "./settings";

type Rule = AdapterRule<EtcdConfig, EtcdProfile, EtcdSettings>;

/** Rules of `sparki-storage:etcd`; they apply only to a stack that deploys etcd. */
export const ETCD_RULES: readonly Rule[] = [
  ({ config, settings, scope }) => kubernetesHostingProblems(config, settings, scope),

  // Odd and at most seven (etcd FAQ; components/etcd/sizing.ts); the schema already bounds 1..7.
  ({ settings: s }) => {
    const problem = memberCountProblem(s.members);
    return problem && s.members <= MAX_MEMBERS ? [{ path: ["members"], message: problem }] : [];
  },

  // One member is a single point of failure: a drain or a node loss stops every write.
  ({ settings: s, scope }) =>
    s.members < s.minMembers
      ? [{ path: ["members"], message: `must be at least ${s.minMembers} for profile "${scope.env.profile.name}" (a quorum of three survives one member down; one member stops every write while it restarts)` }]
      : [],

  // The quota against the volume; the schema already bounds 1..8.
  ({ settings: s }) => {
    const problem = quotaProblem(s.quotaBackendGiB, s.volumeSizeGiB);
    return problem ? [{ path: ["quotaBackendGiB"], message: problem }] : [];
  },

  ({ settings: s }) =>
    s.cpuLimitMillis < s.cpuMillis ? [{ path: ["cpuLimitMillis"], message: `must be at least cpuMillis (${s.cpuMillis})` }] : [],

  ({ config }) => [...imagePairingProblems(config.image, "image"), ...imagePairingProblems(config.clientImage, "clientImage")],

  // Memory against the quota (components/etcd/sizing.ts memoryProblem): checked once the quota itself is valid.
  ({ settings: s }) => {
    if (quotaProblem(s.quotaBackendGiB, s.volumeSizeGiB)) return [];
    const problem = memoryProblem(s.memoryMiB, s.quotaBackendGiB);
    return problem ? [{ path: ["memoryMiB"], message: problem }] : [];
  },

  // Bitnami's versioned images moved to the unmaintained bitnamilegacy repository (components/kubernetes/image.ts).
  ({ settings: s }) => {
    const bitnami = (field: "image" | "clientImage") => REFUSED_REPOSITORY_PREFIXES.find((prefix) => s[field].repository.startsWith(prefix));
    const server = bitnami("image");
    const client = bitnami("clientImage");
    return [
      ...(server
        ? [{ path: ["image", "repository"], message: `must not be from the Bitnami catalogue (${server}), whose versioned images are no longer maintained; use the etcd project's own image (gcr.io/etcd-development/etcd) or a mirror of it` }]
        : []),
      ...(client
        ? [{ path: ["clientImage", "repository"], message: `must not be from the Bitnami catalogue (${client}), whose versioned images are no longer maintained; use an image with /bin/sh and etcdctl 3.6 such as ${ETCD_CLIENT_IMAGE.registry}/${ETCD_CLIENT_IMAGE.repository}:${ETCD_CLIENT_IMAGE.tag} (the default) or a mirror of it` }]
        : []),
    ];
  },

  // The auth Job runs /bin/sh: the etcd project's images and registry.k8s.io/etcd from 3.6.6-0 have none (image.ts).
  ({ settings: s }) => {
    const problem = clientImageShellProblem(s.clientImage);
    if (!problem) return [];
    const path = s.clientImage.repository === ETCD_CLIENT_IMAGE.repository && s.clientImage.registry === ETCD_CLIENT_IMAGE.registry ? "tag" : "repository";
    return [{ path: ["clientImage", path], message: `must name an image with a shell: ${problem}` }];
  },
];
