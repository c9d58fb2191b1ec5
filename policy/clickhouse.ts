import type { ResourceValidationPolicy } from "@pulumi/policy";
import { baseline, kubernetes } from "./lib/controls";
import { clickHouseSpecOf } from "./engine-rules-clickhouse";
import { restrictedViolations } from "./kubernetes";

/**
 * Policies for the Altinity operator's ClickHouseInstallation and ClickHouseKeeperInstallation (components/clickhouse).
 * The operator creates the pods, so the pack judges the templates it creates them from: the restricted Pod Security
 * Standard and digest-pinned images of every pod template, TLS ports on every cluster, and no password or password
 * hash written into the spec (docs/security_hardening.md of the operator: "Using secrets", "Enabling secure connections").
 */

type Spec = Record<string, unknown>;
const obj = (v: unknown): Spec => (typeof v === "object" && v !== null && !Array.isArray(v) ? v as Spec : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const podTemplates = (spec: Spec) => arr(obj(spec.templates).podTemplates).map((t) => ({ name: String(obj(t).name), spec: obj(obj(t).spec) }));

export const clickHouseRestrictedPods: ResourceValidationPolicy = {
  name: "clickhouse-restricted-pod-security",
  ...kubernetes("PSS restricted", "Every pod template of a ClickHouse(Keeper)Installation, which the operator turns into its pods, meets the Restricted standard (the same checks as k8s-restricted-pod-security).",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "Give each pod template a restricted pod and container securityContext (components/clickhouse serverPodSpec / keeperPodSpec: uid 101, no privilege escalation, capabilities dropped, RuntimeDefault seccomp)."),
  validateResource: (args, report) => {
    const spec = clickHouseSpecOf(args);
    if (spec === undefined) return;
    const templates = podTemplates(spec);
    if (templates.length === 0) report("no pod template: the operator's default pods run as root-capable containers without a restricted securityContext. Define one and name it in defaults.templates.podTemplate.");
    for (const t of templates) for (const v of restrictedViolations(t.spec as never)) report(`pod template ${t.name}: ${v}`);
  },
};

export const clickHouseImagePinned: ResourceValidationPolicy = {
  name: "clickhouse-image-pinned-digest",
  // https://kubernetes.io/docs/concepts/containers/images/#image-names: a digest "uniquely identifies a specific version of an image".
  ...baseline("Sparki baseline: images", "Every container image of a ClickHouse(Keeper)Installation's pod templates names its digest: every host the operator creates, now or after a restart, runs the same build.", "high",
    "Set image to <repository>:<tag>@sha256:<digest> (components/clickhouse pins clickhouse/clickhouse-server and clickhouse/clickhouse-keeper)."),
  validateResource: (args, report) => {
    const spec = clickHouseSpecOf(args);
    if (spec === undefined) return;
    for (const t of podTemplates(spec)) {
      for (const c of arr(t.spec.containers)) {
        const image = obj(c).image;
        if (typeof image !== "string" || !/@sha256:[a-f0-9]{64}$/.test(image)) report(`pod template ${t.name}: image ${String(image)} is not pinned by digest: a re-pushed tag changes what new hosts run. Pin @sha256:<digest>.`);
      }
    }
  },
};

export const clickHouseTls: ResourceValidationPolicy = {
  name: "clickhouse-tls",
  ...baseline("Sparki baseline: encryption", "A ClickHouseInstallation opens its TLS ports on every cluster (`secure: \"yes\"`, tcp_port_secure and https_port set), replicates over interserver HTTPS only, and its installation Service offers only the TLS ports.", "high",
    "Set clusters[].secure: \"yes\", settings tcp_port_secure: 9440, https_port: 8443, interserver_http_port: _removed_, interserver_https_port: 9009 and the openSSL files (components/clickhouse installationArgs)."),
  validateResource: (args, report) => {
    if (args.type !== "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation") return args.notApplicable("not a ClickHouseInstallation");
    const spec = clickHouseSpecOf(args);
    if (spec === undefined) return;
    const configuration = obj(spec.configuration);
    const settings = obj(configuration.settings);
    for (const c of arr(configuration.clusters)) {
      if (!["yes", "Yes", "true", "True", "1"].includes(String(obj(c).secure))) report(`cluster ${String(obj(c).name)} is not secure: the operator opens no TLS port for it. Set secure: "yes".`);
    }
    if (settings.tcp_port_secure === undefined || settings.https_port === undefined) report("tcp_port_secure or https_port is not set: clients would have only the plain native and HTTP ports. Set both.");
    if (settings.interserver_https_port === undefined || settings.interserver_http_port !== "_removed_") report("replication is not HTTPS-only: set interserver_https_port and interserver_http_port: _removed_.");
    // Without a service template the operator's installation Service carries the plain 8123 and 9000 (service.go createServiceCR).
    const service = arr(obj(spec.templates).serviceTemplates).find((t) => obj(t).name === obj(obj(spec.defaults).templates).serviceTemplate);
    const ports = arr(obj(obj(service).spec).ports).map((p) => obj(p).port);
    if (service === undefined || ports.some((p) => p === 9000 || p === 8123)) {
      report(`the installation Service ${service === undefined ? "has no service template (the operator's default exposes 8123 and 9000)" : `exposes a plain port (${ports.join(", ")})`}: name a template with only 9440 and 8443 in defaults.templates.serviceTemplate.`);
    }
  },
};

export const clickHouseNoSpecPasswords: ResourceValidationPolicy = {
  name: "clickhouse-no-spec-passwords",
  ...baseline("Sparki baseline: secrets", "No user of a ClickHouseInstallation has a password or password hash written into the spec (anyone who can read the custom resource could use or crack it): every password key takes valueFrom.secretKeyRef; the default user is limited to localhost.", "high",
    "Reference a Secret key (`<user>/password_sha256_hex: { valueFrom: { secretKeyRef } }`) and set default/networks/ip to ::1 and 127.0.0.1 (components/clickhouse users)."),
  validateResource: (args, report) => {
    if (args.type !== "kubernetes:clickhouse.altinity.com/v1:ClickHouseInstallation") return args.notApplicable("not a ClickHouseInstallation");
    const spec = clickHouseSpecOf(args);
    if (spec === undefined) return;
    const users = obj(obj(spec.configuration).users);
    for (const [key, value] of Object.entries(users)) {
      if (/\/(password|password_sha256_hex|password_double_sha1_hex)$/.test(key) && obj(obj(value).valueFrom).secretKeyRef === undefined) {
        report(`${key} is written into the spec: take it from a Secret (valueFrom.secretKeyRef).`);
      }
    }
    const networks = users["default/networks/ip"];
    if (!Array.isArray(networks) || networks.some((n) => n !== "::1" && n !== "127.0.0.1")) {
      report(`default/networks/ip is ${JSON.stringify(networks ?? null)}: the default user must be limited to localhost (::1, 127.0.0.1).`);
    }
  },
};

export const CLICKHOUSE_POLICIES = [clickHouseRestrictedPods, clickHouseImagePinned, clickHouseTls, clickHouseNoSpecPasswords];
