import { createHash } from "node:crypto";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { restrictedContainerSecurity, restrictedPodSecurity, TMP_VOLUME } from "../kubernetes/security";
import { tlsSecretVolume } from "../kubernetes/tls";
import { RUN_AS } from "./defaults";
import { APP_ROLE, ETCD_NAMES, objectLabels, SECRET_KEYS } from "./names";
import { etcdctlEnv, TLS_DIR } from "./workload";

/** The Job's own deadline over all its pod retries, seconds. */
export const ACTIVE_DEADLINE_SECONDS = 900;
/** Pod retries; the Job controller backs off 10 s, 20 s, 40 s... between them, which is the wait for a slow leader election. */
export const BACKOFF_LIMIT = 6;

/**
 * Turns authentication on, idempotently: every step either changes nothing when run again or answers with an
 * "already exists" error the script tolerates (and only that one); any other failure fails the Job. It runs in
 * Kubernetes' etcd image, whose /bin/sh is a static bash with no other tools: builtins only. Passwords go to
 * etcdctl on stdin (`--interactive=false` reads them there, etcdctl/ctlv3/command/user_command.go), never in argv.
 *
 * - etcdctl authenticates as root from ETCDCTL_USER / ETCDCTL_PASSWORD (environment, never argv). Before auth is
 *   on that is harmless: the client ignores "authentication is not enabled" (client/v3/client.go getToken).
 * - `user add` and `role add` answer "user name already exists" / "role name already exists"
 *   (api/v3rpc/rpctypes/error.go); `role grant-permission` replaces the permission; `user grant-role` of a role the
 *   user has is ignored; `auth enable` on an enabled cluster is ignored (server/auth/store.go, v3.6.6, all checked
 *   2026-11-29).
 * - The application user's password is set again on every run (`user passwd`), and a digest of it is part of the
 *   Job's name ({@link authJob}), so a new generated password re-runs the Job and reaches etcd. A password edited
 *   in the Secret by hand does not (Pulumi does not see it): rotate with `pulumi up --replace <urn of
 *   <name>-app-password>` instead (unprotect it first in prod). The root password is not rotated here (the
 *   script authenticates with it).
 * - A permission on a former key prefix is not revoked when the prefix changes (revoke it with
 *   `etcdctl role revoke-permission`).
 */
export const AUTH_SCRIPT = `set -eu
# step <answer meaning "done before"> <command...>
step() {
  done_before="$1"; shift
  if out=$("$@" 2>&1); then echo "$out"; return 0; fi
  case "$out" in
    *"$done_before"*) echo "done before: $out" ;;
    *) echo "$out" >&2; return 1 ;;
  esac
}
with_password() { password="$1"; shift; printf '%s\\n' "$password" | "$@"; }
step "user name already exists" with_password "$ETCDCTL_PASSWORD" etcdctl user add root --interactive=false
step "role name already exists" etcdctl role add root
etcdctl user grant-role root root
step "role name already exists" etcdctl role add "$APP_ROLE"
etcdctl role grant-permission --prefix=true "$APP_ROLE" readwrite "$KEY_PREFIX"
step "user name already exists" with_password "$APP_PASSWORD" etcdctl user add "$APP_USER" --interactive=false
with_password "$APP_PASSWORD" etcdctl user passwd "$APP_USER" --interactive=false
etcdctl user grant-role "$APP_USER" "$APP_ROLE"
etcdctl auth enable
echo "authentication on: $APP_USER (role $APP_ROLE) may read and write keys under $KEY_PREFIX only"
`;

export interface AuthJobInput {
  readonly instance: string;
  readonly namespace: string;
  /** Client endpoint (the client Service). */
  readonly endpoint: string;
  /** Member count: a changed count is a new, empty cluster (the StatefulSet is replaced), which needs the Job again. */
  readonly members: number;
  /** Image reference with a shell and etcdctl, pinned by digest. */
  readonly image: string;
  readonly keyPrefix: string;
  readonly tlsSecretName: string;
}

/**
 * Short hash of what the Job does and of the application password it sets: part of its name, so a change of
 * either replaces (re-runs) it. The password enters only as its SHA-256, and only 40 bits of the result are kept.
 */
export function authJobHash(input: AuthJobInput, appPassword: string): string {
  const passwordDigest = createHash("sha256").update(appPassword).digest("hex");
  return createHash("sha256").update(JSON.stringify({ script: AUTH_SCRIPT, ...input, passwordDigest })).digest("hex").slice(0, 10);
}

/**
 * The Job's name, `etcd-auth-<hash>`. Not secret although the password is: a 40-bit slice of a SHA-256 of a
 * 40-character generated password says nothing about it, and a secret name would hide the Job in every diff.
 */
export function authJobName(input: AuthJobInput, appPassword: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.unsecret(pulumi.output(appPassword).apply((p) => `${ETCD_NAMES.provisioningJobPrefix}-${authJobHash(input, p)}`));
}

const fromSecret = (name: string, secret: string, key: string): k8s.types.input.core.v1.EnvVar =>
  ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

/** The one-shot auth Job (re-run when its hash changes), restricted like the members. */
export function authJob(input: AuthJobInput, appPassword: pulumi.Input<string>): k8s.batch.v1.JobArgs {
  const labels = objectLabels(input.instance, "provisioner");
  return {
    metadata: { name: authJobName(input, appPassword), namespace: input.namespace, labels },
    spec: {
      backoffLimit: BACKOFF_LIMIT,
      activeDeadlineSeconds: ACTIVE_DEADLINE_SECONDS,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurity(RUN_AS),
          containers: [{
            name: "etcdctl",
            image: input.image,
            imagePullPolicy: "IfNotPresent",
            command: ["/bin/sh", "-c", AUTH_SCRIPT],
            env: [
              ...etcdctlEnv([input.endpoint], true),
              { name: "ETCDCTL_COMMAND_TIMEOUT", value: "30s" },
              fromSecret("APP_USER", ETCD_NAMES.appSecret, SECRET_KEYS.username),
              fromSecret("APP_PASSWORD", ETCD_NAMES.appSecret, SECRET_KEYS.password),
              { name: "APP_ROLE", value: APP_ROLE },
              { name: "KEY_PREFIX", value: input.keyPrefix },
            ],
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            securityContext: restrictedContainerSecurity(RUN_AS),
            volumeMounts: [
              { name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath },
              { name: "tls", mountPath: TLS_DIR, readOnly: true },
            ],
          }],
          volumes: [{ name: TMP_VOLUME.name, emptyDir: { sizeLimit: "64Mi" } }, tlsSecretVolume("tls", input.tlsSecretName)],
        },
      },
    },
  };
}
