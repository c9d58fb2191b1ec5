import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUTH_SCRIPT } from "../components/etcd";

/**
 * The auth Job's script run by bash (the Kubernetes etcd image's /bin/sh is a static bash) against a stub etcdctl
 * that keeps users, roles and the auth flag in files and answers like etcd v3.6 does: "etcdserver: user name
 * already exists" / "role name already exists" for duplicates (api/v3rpc/rpctypes/error.go), passwords read from
 * stdin with --interactive=false (etcdctl user_command.go). The stub logs argv, so the test sees every call.
 */
const STUB = `#!/bin/bash
state="$STUB_STATE"
echo "$*" >> "$state/calls"
[ "\${ETCDCTL_USER:-}" = root ] || { echo "Error: no ETCDCTL_USER" >&2; exit 1; }
[ -n "\${ETCDCTL_PASSWORD:-}" ] || { echo "Error: no ETCDCTL_PASSWORD" >&2; exit 1; }
[ -z "\${STUB_DOWN:-}" ] || { echo "Error: context deadline exceeded" >&2; exit 1; }
case "$1 $2" in
  "user add")
    read -r password
    [ "$4" = "--interactive=false" ] || { echo "Error: would prompt" >&2; exit 1; }
    if [ -f "$state/user-$3" ]; then echo "Error: etcdserver: user name already exists" >&2; exit 1; fi
    echo "$password" > "$state/user-$3"; echo "User $3 created" ;;
  "user passwd") read -r password; echo "$password" > "$state/user-$3"; echo "Password updated" ;;
  "role add")
    if [ -f "$state/role-$3" ]; then echo "Error: etcdserver: role name already exists" >&2; exit 1; fi
    : > "$state/role-$3"; echo "Role $3 created" ;;
  "role grant-permission") echo "$6 $5" > "$state/role-$4"; echo "Role $4 updated" ;;
  "user grant-role") echo "$4" >> "$state/grants-$3"; echo "Role $4 is granted to user $3" ;;
  "auth enable") : > "$state/auth"; echo "Authentication Enabled" ;;
  *) echo "Error: unknown command $*" >&2; exit 1 ;;
esac
`;

function setup(): { dir: string; run: (env?: Record<string, string>) => ReturnType<typeof spawnSync> } {
  const dir = mkdtempSync(join(tmpdir(), "etcd-auth-"));
  writeFileSync(join(dir, "etcdctl"), STUB);
  chmodSync(join(dir, "etcdctl"), 0o755);
  const run = (env: Record<string, string> = {}) => spawnSync("bash", ["--norc", "--noprofile", "-c", AUTH_SCRIPT], {
    encoding: "utf8",
    env: {
      PATH: `${dir}:/usr/bin:/bin`, HOME: dir, STUB_STATE: dir, ETCDCTL_USER: "root", ETCDCTL_PASSWORD: "root-secret-1",
      APP_USER: "sparki", APP_PASSWORD: "app-secret-1", APP_ROLE: "sparki-prefix", KEY_PREFIX: "sparki/", ...env,
    },
  });
  return { dir, run };
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("the etcd auth Job's script", () => {
  it("creates root and the application user, limits its role to the key prefix and turns auth on", () => {
    const { dir, run } = setup();
    const first = run();
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(read(dir, "user-root")).toBe("root-secret-1\n");
    expect(read(dir, "user-sparki")).toBe("app-secret-1\n");
    expect(read(dir, "role-sparki-prefix")).toBe("sparki/ readwrite\n");
    expect(read(dir, "grants-sparki")).toBe("sparki-prefix\n");
    expect(read(dir, "grants-root")).toBe("root\n");
    expect(read(dir, "calls")).toContain("role grant-permission --prefix=true sparki-prefix readwrite sparki/");
    expect(read(dir, "calls").trim().split("\n").at(-1)).toBe("auth enable");
  });

  it("runs again without failing (idempotent) and sets a changed application password", () => {
    const { dir, run } = setup();
    expect(run().status).toBe(0);
    const again = run({ APP_PASSWORD: "app-secret-2" });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("done before: Error: etcdserver: user name already exists");
    expect(again.stdout).toContain("done before: Error: etcdserver: role name already exists");
    expect(read(dir, "user-sparki")).toBe("app-secret-2\n");
  });

  it("fails on any other error and says why", () => {
    const { run } = setup();
    const down = run({ STUB_DOWN: "1" });
    expect(down.status).not.toBe(0);
    expect(down.stderr).toContain("context deadline exceeded");
  });

  it("never passes a password on a command line", () => {
    const { dir, run } = setup();
    expect(run().status).toBe(0);
    expect(read(dir, "calls")).not.toMatch(/secret/);
  });
});
