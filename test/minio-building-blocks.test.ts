import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { Job } from "kubernetes-models/batch/v1/Job";
import * as pulumi from "@pulumi/pulumi";
import { Secret } from "kubernetes-models/v1/Secret";
import { afterAll, describe, expect, it } from "vitest";
import { ebsKmsPolicyDocument } from "../components/common/ebs";
import {
  clientPolicyDocument, erasureLayout, erasureSetSize, imageReference, lifecycleConfiguration, MinioCluster,
  type MinioBucket, MINIO_SERVER_IMAGE, provisioningData, resolveMinioArgs, serverPool, serverStatefulSet, topologyProblem,
} from "../components/minio";
import { clientCredentialsSecret, rootCredentialsSecret } from "../components/minio/foundation";
import { ACTIVE_DEADLINE_SECONDS, PROVISION_SCRIPT, PROVISION_WAIT_SECONDS, provisioningHash, provisioningJob } from "../components/minio/provisioning";
import { runProgram } from "../scripts/offline/run-program";

/** `validate()` lives on the models' base class, whose typings `moduleResolution: node` cannot resolve. */
const validate = (model: unknown) => (model as { validate(): void }).validate();
const address = { namespace: "objects", clusterDomain: "cluster.local", tls: false };
const bucket = (name: string, overrides: Partial<MinioBucket> = {}): MinioBucket =>
  ({ name, versioned: true, expireDays: 30, noncurrentExpireDays: 7, appendOnly: false, ...overrides });

describe("erasure layout (MinIO's own set-size rules)", () => {
  it.each([
    [1, 1, "single-drive", 1, 1, 0],
    [1, 4, "single-server-erasure", 4, 1, 2],
    [1, 16, "single-server-erasure", 16, 1, 4],
    [4, 1, "distributed", 4, 1, 2],
    [6, 1, "distributed", 6, 1, 3],
    [4, 3, "distributed", 12, 1, 4],
    [4, 4, "distributed", 16, 1, 4],
    [8, 4, "distributed", 16, 2, 4],
    [18, 1, "distributed", 9, 2, 4],
    [25, 1, "distributed", 5, 5, 2],
  ] as const)("%i server(s) x %i drive(s): %s, sets of %i, %i set(s), EC:%i", (servers, drives, mode, setSize, sets, parity) => {
    expect(erasureLayout(servers, drives)).toEqual({ mode, servers, drivesPerServer: drives, totalDrives: servers * drives, setSize, sets, parity });
  });

  it("never forms a set larger than 16 drives or one asymmetric to the servers", () => {
    for (let servers = 4; servers <= 32; servers++) {
      for (let drives = 1; drives <= 16; drives++) {
        const size = erasureSetSize(servers, drives);
        if (size === undefined) continue;
        expect(size).toBeLessThanOrEqual(16);
        expect((servers * drives) % size).toBe(0);
        expect(servers > size ? servers % size : size % servers).toBe(0);
      }
    }
  });

  it.each([
    [3, 4, "servers", "must be 1 (one server) or at least 4 (distributed erasure coding needs 4 or more servers)"],
    [2, 1, "servers", "must be 1 (one server) or at least 4 (distributed erasure coding needs 4 or more servers)"],
    [1, 3, "drivesPerServer", "must be 1 or at least 4 on a single server (erasure coding needs 4 or more drives)"],
    [4, 0, "drivesPerServer", "must be an integer 1..16"],
    [0, 1, "servers", "must be an integer 1..32"],
    [31, 1, "servers", "times drivesPerServer (1) gives 31 drives, which MinIO cannot split into erasure sets of 4..16 drives spread evenly over 31 servers"],
  ] as const)("refuses %i server(s) x %i drive(s)", (servers, drives, field, message) => {
    expect(topologyProblem(servers, drives)).toEqual({ field, message });
    expect(() => erasureLayout(servers, drives)).toThrow(message);
  });

  it("names every drive with MinIO's {x...y} expansion over the StatefulSet's pod DNS names", () => {
    expect(serverPool(erasureLayout(1, 1), address)).toBe("/data0");
    expect(serverPool(erasureLayout(1, 4), address)).toBe("/data{0...3}");
    expect(serverPool(erasureLayout(4, 1), address)).toBe("http://minio-{0...3}.minio-hl.objects.svc.cluster.local:9000/data0");
    expect(serverPool(erasureLayout(6, 2), { ...address, tls: true, clusterDomain: "k8s.internal" }))
      .toBe("https://minio-{0...5}.minio-hl.objects.svc.k8s.internal:9000/data{0...1}");
  });
});

describe("buckets, ILM and the client policy", () => {
  it("expires only current objects in an unversioned bucket", () => {
    expect(lifecycleConfiguration(bucket("cache", { versioned: false, expireDays: 3 }))).toEqual({
      Rules: [{ ID: "expire-current-versions", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 3 } }],
    });
  });

  it("denies deletes only on append-only buckets", () => {
    const doc = clientPolicyDocument([bucket("logs"), bucket("audit", { appendOnly: true })]) as { Statement: { Sid: string; Resource: string[] }[] };
    expect(doc.Statement.find((s) => s.Sid === "DeleteObjects")?.Resource).toEqual(["arn:aws:s3:::logs/*"]);
    const appendOnlyOnly = clientPolicyDocument([bucket("audit", { appendOnly: true })]) as { Statement: { Sid: string }[] };
    expect(appendOnlyOnly.Statement.map((s) => s.Sid)).toEqual(["ListTheBuckets", "ReadWriteObjects"]);
  });

  it("writes each locked bucket's default retention as `mc retention set` reads it, and lists only locked buckets", () => {
    const data = provisioningData([bucket("logs"), bucket("audit", { appendOnly: true, expireDays: 2557, objectLock: { mode: "COMPLIANCE", retentionDays: 2557 } })]);
    expect(data["locked-buckets"]).toBe("audit\n");
    expect(data["retention-audit"]).toBe("COMPLIANCE 2557d\n");
    expect(Object.keys(data).filter((k) => k.startsWith("retention-"))).toEqual(["retention-audit"]);
  });

  it("renames (re-runs) the provisioning Job when any rule, the image or the address changes, and only then", () => {
    const data = provisioningData([bucket("logs")]);
    const hash = provisioningHash(data, "img", address);
    expect(provisioningHash(provisioningData([bucket("logs")]), "img", address)).toBe(hash);
    expect(provisioningHash(provisioningData([bucket("logs", { expireDays: 31 })]), "img", address)).not.toBe(hash);
    expect(provisioningHash(provisioningData([bucket("logs", { objectLock: { mode: "GOVERNANCE", retentionDays: 7 } })]), "img", address)).not.toBe(hash);
    expect(provisioningHash(data, "img2", address)).not.toBe(hash);
    expect(provisioningHash(data, "img", { ...address, tls: true })).not.toBe(hash);
  });
});

/** What one run of the provisioning script did: the stub's call log, exit status, output and wall time. */
interface ProvisionRun { log: string[]; status: number; stdout: string; stderr: string; seconds: number }

describe("the provisioning script, run by a real shell against a stub mc", () => {
  const dir = mkdtempSync(join(tmpdir(), "minio-provision-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** How the stub's `mc ready` behaves: answers at once, retries forever (servers unreachable), or fails (unwritable config dir). */
  type ReadyMode = "ok" | "hang" | "fail";

  /**
   * Runs the script with an `mc` that logs its arguments (and any stdin) and fails `policy attach` with `attachError`.
   * `env` adds variables (PROVISION_WAIT_SECONDS, PROVISION_CA_FILE, MC_CONFIG_DIR); `seconds` is the run's wall time.
   */
  function provision(buckets: MinioBucket[], attachError?: string, retentionError?: string, ready: ReadyMode = "ok", env: Record<string, string> = {}): ProvisionRun {
    const config = join(dir, "config");
    const bin = join(dir, "bin");
    execFileSync("mkdir", ["-p", config, bin]);
    for (const [file, content] of Object.entries(provisioningData(buckets))) writeFileSync(join(config, file), content);
    const log = join(dir, "mc.log");
    writeFileSync(log, "");
    writeFileSync(join(bin, "mc"), `#!/bin/sh
echo "mc $*" >> "${log}"
case "$*" in
  "ready"*)
    if [ -n "\${MC_CONFIG_DIR:-}" ] && [ -f "\${MC_CONFIG_DIR}/certs/CAs/ca.crt" ]; then echo "ca $(cat "\${MC_CONFIG_DIR}/certs/CAs/ca.crt")" >> "${log}"; fi
    case "\${READY_MODE}" in
      hang) while :; do echo "The cluster 'sparki' is unreachable: dial tcp: lookup minio.objects.svc: no such host"; sleep 0.2; done ;;
      fail) echo "mc: <ERROR> Unable to save new mc config. mkdir /tmp/.mc: permission denied." >&2; exit 1 ;;
      *) echo "The cluster 'sparki' is ready" ;;
    esac ;;
  "ilm rule import"*) echo "stdin $(tr -d ' \\n' )" >> "${log}" ;;
  "admin policy attach"*) if [ -n "\${ATTACH_ERROR:-}" ]; then echo "\${ATTACH_ERROR}"; exit 1; fi ;;
  "retention set"*) if [ -n "\${RETENTION_ERROR:-}" ]; then echo "\${RETENTION_ERROR}" >&2; exit 1; fi ;;
esac
`);
    chmodSync(join(bin, "mc"), 0o755);
    let status = 0;
    let stdout = "";
    let stderr = "";
    const started = Date.now();
    try {
      stdout = execFileSync("/bin/sh", [join(config, "provision.sh")], {
        env: {
          PATH: `${bin}:${process.env.PATH ?? ""}`, PROVISION_CONFIG: config, CLIENT_ACCESS_KEY: "AK", CLIENT_SECRET_KEY: "SK",
          ATTACH_ERROR: attachError ?? "", RETENTION_ERROR: retentionError ?? "", READY_MODE: ready, TMPDIR: dir, ...env,
        },
        stdio: "pipe",
        // A wait the script failed to bound would otherwise hang the test run.
        timeout: 20_000,
      }).toString();
    } catch (error) {
      status = (error as { status: number }).status;
      stdout = String((error as { stdout: Buffer }).stdout);
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    return { log: readFileSync(log, "utf8").trim().split("\n"), status, stdout, stderr, seconds: (Date.now() - started) / 1000 };
  }

  it("creates each bucket, versions the versioned ones, imports each lifecycle and sets up the client user", () => {
    const buckets = [bucket("logs"), bucket("cache", { versioned: false, expireDays: 3 })];
    const { log, status } = provision(buckets);
    expect(status).toBe(0);
    const compact = (b: MinioBucket) => `stdin ${JSON.stringify(lifecycleConfiguration(b))}`;
    expect(log).toEqual([
      "mc ready sparki",
      "mc mb --ignore-existing sparki/logs", "mc version enable sparki/logs", "mc ilm rule import sparki/logs", compact(buckets[0]),
      "mc mb --ignore-existing sparki/cache", "mc ilm rule import sparki/cache", compact(buckets[1]),
      `mc admin policy create sparki sparki-client ${join(dir, "config")}/client-policy.json`,
      "mc admin user add sparki AK SK",
      "mc admin policy attach sparki sparki-client --user AK",
    ]);
  });

  it("creates a locked bucket with Object Lock and sets its default retention before its lifecycle", () => {
    const audit = bucket("audit", { appendOnly: true, expireDays: 30, objectLock: { mode: "GOVERNANCE", retentionDays: 7 } });
    const { log, status } = provision([audit, bucket("logs")]);
    expect(status).toBe(0);
    expect(log.slice(1, 6)).toEqual([
      "mc mb --ignore-existing --with-lock sparki/audit",
      "mc retention set --default GOVERNANCE 7d sparki/audit",
      "mc version enable sparki/audit",
      "mc ilm rule import sparki/audit",
      `stdin ${JSON.stringify(lifecycleConfiguration(audit))}`,
    ]);
    expect(log[6]).toBe("mc mb --ignore-existing sparki/logs");
  });

  it("fails, saying why, when a locked bucket already exists without Object Lock", () => {
    const audit = bucket("audit", { objectLock: { mode: "COMPLIANCE", retentionDays: 30 } });
    const { log, status, stderr } = provision([audit], undefined, "mc: <ERROR> Bucket is missing ObjectLockConfiguration");
    expect(status).not.toBe(0);
    expect(stderr).toContain("bucket audit: cannot set its default COMPLIANCE retention of 30d; a bucket created without Object Lock never gets it");
    expect(log.some((l) => l.startsWith("mc ilm") || l.startsWith("mc admin"))).toBe(false);
  });

  it("treats an already-attached policy as done, and any other attach error as a failure", () => {
    expect(provision([bucket("logs")], "mc: <ERROR> The specified policy change is already in effect.").status).toBe(0);
    expect(provision([bucket("logs")], "mc: <ERROR> Access Denied.").status).not.toBe(0);
  });

  it("gives up waiting for MinIO after PROVISION_WAIT_SECONDS, saying so with mc's last output, and provisions nothing", () => {
    const { log, status, stderr, seconds } = provision([bucket("logs")], undefined, undefined, "hang", { PROVISION_WAIT_SECONDS: "2" });
    expect(status).toBe(1);
    expect(stderr).toContain("MinIO (alias sparki) did not accept writes within 2s; mc ready said last:");
    expect(stderr).toContain("The cluster 'sparki' is unreachable: dial tcp: lookup minio.objects.svc: no such host");
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(10);
    expect(log).toEqual(["mc ready sparki"]);
  });

  it("fails at once with mc's own error when mc ready exits with one (e.g. an unwritable MC_CONFIG_DIR), instead of retrying silently", () => {
    const { log, status, stderr, seconds } = provision([bucket("logs")], undefined, undefined, "fail", { PROVISION_WAIT_SECONDS: "60" });
    expect(status).toBe(1);
    expect(stderr).toContain("mc ready sparki failed; its output:");
    expect(stderr).toContain("mc: <ERROR> Unable to save new mc config. mkdir /tmp/.mc: permission denied.");
    expect(seconds).toBeLessThan(10);
    expect(log).toEqual(["mc ready sparki"]);
  });

  it("stops its timer once MinIO answers: no sleep outlives the script (a Job pod would otherwise idle to its deadline in tests)", () => {
    const { status } = provision([bucket("logs")], undefined, undefined, "ok", { PROVISION_WAIT_SECONDS: "317" });
    expect(status).toBe(0);
    const leftover = execFileSync("ps", ["-eo", "args"]).toString().split("\n").filter((l) => l.trim() === "sleep 317");
    expect(leftover).toEqual([]);
  });

  it("waits at most PROVISION_WAIT_SECONDS by default, well inside the Job's deadline (a retried pod still reports why)", () => {
    expect(PROVISION_SCRIPT).toContain(`wait_seconds="\${PROVISION_WAIT_SECONDS:-${PROVISION_WAIT_SECONDS}}"`);
    expect(PROVISION_WAIT_SECONDS * 2).toBeLessThan(ACTIVE_DEADLINE_SECONDS);
    const job = provisioningJob({ instance: "t", address, image: "mc@sha256:x", hash: "0123456789" });
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: ACTIVE_DEADLINE_SECONDS });
  });

  it("copies the CA from its read-only mount into a fresh MC_CONFIG_DIR/certs/CAs before mc runs", () => {
    const ca = join(dir, "ca.crt");
    writeFileSync(ca, "-----BEGIN CERTIFICATE-----test-----END CERTIFICATE-----");
    const mcConfig = join(dir, "mc-config");
    rmSync(mcConfig, { recursive: true, force: true });
    const { log, status } = provision([bucket("logs")], undefined, undefined, "ok", { PROVISION_CA_FILE: ca, MC_CONFIG_DIR: mcConfig });
    expect(status).toBe(0);
    expect(log.slice(0, 2)).toEqual(["mc ready sparki", "ca -----BEGIN CERTIFICATE-----test-----END CERTIFICATE-----"]);
    expect(existsSync(join(mcConfig, "certs", "CAs", "ca.crt"))).toBe(true);
  });
});

describe("builders for layouts the stacks do not use, against the Kubernetes schema", () => {
  it.each([
    ["single server, 4 drives, TLS, named StorageClass", erasureLayout(1, 4), { ...address, tls: true }, "minio-tls", "fast-ssd"],
    ["8 servers x 2 drives, plain HTTP, default StorageClass", erasureLayout(8, 2), address, undefined, undefined],
  ] as const)("%s", (_case, layout, addr, tlsSecretName, storageClassName) => {
    const spec = serverStatefulSet({
      instance: "t", address: addr, layout, image: imageReference(MINIO_SERVER_IMAGE), volumeSizeGiB: 5, storageClassName,
      resources: { cpuMillis: 100, cpuLimitMillis: 200, memoryMiB: 512 }, tlsSecretName, retainVolumes: false,
    });
    const ss = new StatefulSet(JSON.parse(JSON.stringify(spec)) as never);
    expect(() => validate(ss)).not.toThrow();
    expect(ss.spec!.volumeClaimTemplates).toHaveLength(layout.drivesPerServer);
    expect(ss.spec!.template.spec!.affinity === undefined).toBe(layout.servers === 1);
    const job = new Job(JSON.parse(JSON.stringify(provisioningJob({ instance: "t", address: addr, image: "mc@sha256:x", hash: "0123456789", tlsSecretName }))) as never);
    expect(() => validate(job)).not.toThrow();
  });

  it("builds credential Secrets (redacted in stack runs) with base64 `data`, no stringData, each value a Pulumi secret", async () => {
    const credentials = { user: "minio-user", password: "pässword+/=" };
    const resolve = (value: pulumi.Input<string> | undefined) => new Promise<string>((done) => { pulumi.output(value ?? "").apply(done); });
    for (const [secret, keys] of [
      [rootCredentialsSecret("t", "objects", credentials), ["MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"]],
      [clientCredentialsSecret("t", "objects", credentials), ["accessKey", "secretKey"]],
    ] as const) {
      expect(secret.stringData).toBeUndefined();
      const data = (secret.data ?? {}) as Record<string, pulumi.Output<string>>;
      expect(Object.keys(data)).toEqual(keys);
      const plain = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await resolve(data[k])] as const)));
      expect(Object.values(plain).map((v) => Buffer.from(v, "base64").toString("utf8"))).toEqual(["minio-user", "pässword+/="]);
      for (const k of keys) expect(await pulumi.isSecret(data[k]), k).toBe(true);
      const model = new Secret({ ...secret, data: plain });
      expect(() => validate(model)).not.toThrow();
    }
  });
});

describe("MinioCluster arguments", () => {
  it("refuses bad arguments with every problem listed, before registering anything", async () => {
    const registered: string[] = [];
    const attempt = runProgram({
      stack: "dev",
      observe: (r) => registered.push(r.type),
      program: () => {
        new MinioCluster("bad", {
          namespace: "Bad_NS", servers: 3, cpuMillis: 500, cpuLimitMillis: 100, storageClassName: "gp3",
          ebsEncryption: { kmsKeyArn: "arn:aws:kms:x", region: "Ireland", csiDriverRoleArn: "arn:aws:iam::123456789012:user/x" },
          tlsSecretName: "minio-tls", insecureHttp: true,
          image: { ...MINIO_SERVER_IMAGE, digest: "latest" },
          buckets: [
            bucket("logs"), bucket("logs", { expireDays: 0 }),
            bucket("audit", { versioned: false, expireDays: 5, objectLock: { mode: "COMPLIANCE", retentionDays: 10 } }),
          ],
        });
        return {};
      },
    });
    await expect(attempt).rejects.toThrow(
      'MinioCluster bad: namespace "Bad_NS" must be a DNS label; servers must be 1 (one server) or at least 4 (distributed erasure coding needs 4 or more servers), got 3; '
      + "cpuLimitMillis must be an integer 500..64000, got 100; image digest \"latest\" is not a valid image digest; "
      + "storageClassName and ebsEncryption exclude each other; "
      + 'ebsEncryption.region "Ireland" must be an AWS region such as eu-west-1; ebsEncryption.csiDriverRoleArn "arn:aws:iam::123456789012:user/x" must be an IAM role ARN; '
      + "tlsSecretName and insecureHttp exclude each other (plain HTTP uses no certificate); "
      + 'bucket "logs" is declared twice; bucket "logs" expireDays must be an integer 1..36500, got 0; '
      + 'bucket "audit" expireDays must be at least objectLock.retentionDays (10), got 5; bucket "audit" objectLock needs versioned: true (Object Lock locks object versions)');
    expect(registered.filter((t) => t !== "pulumi:pulumi:Stack")).toEqual([]);
  });
});

describe("secure defaults", () => {
  it("serves HTTPS from the minio-tls Secret unless a caller opts out explicitly", () => {
    const args = { namespace: "objects", buckets: [bucket("logs")] };
    expect(resolveMinioArgs("t", args)).toMatchObject({ tlsSecretName: "minio-tls", insecureHttp: false });
    expect(resolveMinioArgs("t", { ...args, tlsSecretName: "own-cert" })).toMatchObject({ tlsSecretName: "own-cert", insecureHttp: false });
    const plain = resolveMinioArgs("t", { ...args, insecureHttp: true });
    expect(plain.insecureHttp).toBe(true);
    expect(plain.tlsSecretName).toBeUndefined();
  });

  it("lets the EBS CSI driver's role use the key only through EC2 in the region, and grant only to AWS resources", () => {
    const key = "arn:aws:kms:eu-west-1:222222222222:key/k";
    expect(ebsKmsPolicyDocument(key, "eu-west-1")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GrantsForEbsVolumes", Effect: "Allow", Action: ["kms:CreateGrant"], Resource: [key],
          Condition: { Bool: { "kms:GrantIsForAWSResource": "true" }, StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } },
        },
        {
          Sid: "EncryptEbsVolumes", Effect: "Allow",
          Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"],
          Resource: [key], Condition: { StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } },
        },
      ],
    });
  });
});
