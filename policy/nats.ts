import * as k8s from "@pulumi/kubernetes";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { baselineProblems, type ContainerShape, isNatsServer, type VolumeShape } from "../components/nats/engine";
import { baseline } from "./lib/controls";
import { read } from "./lib/values";

interface Template { spec?: { replicas?: number; template?: { spec?: { containers?: ContainerShape[]; volumes?: VolumeShape[] } } } }

/** Each NATS server container of a StatefulSet with its replicas and volumes, or nothing while any part is unknown (preview). */
export function natsServers(set: unknown): { replicas: number; container: ContainerShape; volumes: VolumeShape[] }[] {
  const r = read(() => JSON.parse(JSON.stringify({
    replicas: (set as Template).spec?.replicas ?? 1,
    containers: (set as Template).spec?.template?.spec?.containers ?? [],
    volumes: (set as Template).spec?.template?.spec?.volumes ?? [],
  })) as { replicas: number; containers: ContainerShape[]; volumes: VolumeShape[] });
  if (!r.known) return [];
  return r.value.containers.filter(isNatsServer).map((container) => ({ replicas: r.value.replicas, container, volumes: r.value.volumes }));
}

/**
 * The NATS baseline (components/nats): the server configuration, which holds the users' password hashes, comes
 * from a Secret; a JetStream cluster has 1 or 3+ servers. The NATS Helm chart keeps its configuration in a
 * ConfigMap and lets `cluster.replicas` be 2.
 */
export const natsSecretConfigQuorum: ResourceValidationPolicy = {
  name: "nats-secret-config-quorum",
  ...baseline("Sparki baseline: credentials",
    "A NATS server reads its configuration (users and password hashes) from a Secret, and a JetStream StatefulSet runs 1 or at least 3 servers.", "high",
    "Deploy NATS as components/nats does: the configuration in the nats-config Secret, mounted read-only at /etc/nats, and nodes 1 or 3+."),
  validateResource: validateResourceOfType(k8s.apps.v1.StatefulSet, (set, _args, report) => {
    const found = natsServers(set).flatMap((s) => baselineProblems(s.replicas, s.container, s.volumes));
    if (found.length > 0) report(`${found.join("; ")}.`);
  }),
};

export const NATS_POLICIES = [natsSecretConfigQuorum];
