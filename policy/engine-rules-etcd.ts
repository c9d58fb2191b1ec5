import * as k8s from "@pulumi/kubernetes";
import { type ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import {
  ETCD_LOCAL_NAME_SOURCE, ETCD_TLS_FILES_SOURCE, type EtcdMemberSet, isEtcdServer, localNameProblems, tlsFileProblems,
} from "../components/etcd/engine";
import { engineRule } from "./lib/controls";
import { read } from "./lib/values";

/**
 * What etcd refuses when a member of a StatefulSet starts (components/etcd/engine.ts holds the checks and their
 * sources). The API server accepts such a StatefulSet; its pods then crash-loop, and Pulumi waits for a
 * readiness that never comes. Part of ENGINE_RULE_POLICIES.
 */

const CHECKED = "2026-11-29";

interface Template { spec?: { replicas?: number; template?: { spec?: { containers?: { args?: string[] }[] } } }; metadata?: { name?: string } }

/** Each etcd container of a StatefulSet, or nothing while any part is unknown (preview): an unknown value proves nothing. */
function memberSets(set: Template): EtcdMemberSet[] {
  const r = read(() => JSON.parse(JSON.stringify({ name: set.metadata?.name, replicas: set.spec?.replicas ?? 1, containers: set.spec?.template?.spec?.containers ?? [] })) as {
    name?: string; replicas: number; containers: { args?: string[] }[];
  });
  if (!r.known || typeof r.value.name !== "string") return [];
  const { name, replicas, containers } = r.value;
  return containers.map((c) => c.args ?? []).filter((args) => args.every((a) => typeof a === "string") && isEtcdServer(args)).map((args) => ({ name, replicas, args }));
}

function etcdRule(name: string, source: string, summary: string, remediation: string, problems: (s: EtcdMemberSet) => string[]): ResourceValidationPolicy {
  return {
    name,
    ...engineRule(source, CHECKED, summary, remediation, "https://etcd.io/docs/v3.6/op-guide/configuration/"),
    validateResource: validateResourceOfType(k8s.apps.v1.StatefulSet, (set, _args, report) => {
      const found = memberSets(set as Template).flatMap(problems);
      if (found.length > 0) report(`${found.join("; ")}.`);
    }),
  };
}

export const etcdInitialCluster = etcdRule("engine-etcd-initial-cluster", ETCD_LOCAL_NAME_SOURCE,
  "An etcd StatefulSet's --initial-cluster lists exactly its pods (`<name>-0` .. `<name>-<replicas-1>`), each member's --name among them.",
  "Build --initial-cluster from the replica count (components/etcd initialCluster) and name each member after its pod (--name=$(POD_NAME)).",
  localNameProblems);

export const etcdTlsFiles = etcdRule("engine-etcd-tls-files", ETCD_TLS_FILES_SOURCE,
  "An etcd member with an https client or metrics URL is given --cert-file and --key-file.",
  "Mount the TLS Secret and pass --cert-file and --key-file (components/etcd does), or serve that URL over http.",
  tlsFileProblems);

export const ETCD_ENGINE_RULES = [etcdInitialCluster, etcdTlsFiles];
