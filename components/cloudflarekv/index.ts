import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { DashboardSection } from "../alerting";
import { cloudflareKvAlarms, cloudflareKvDashboard } from "./alarms";
import { cloudflareKvProblems, type CloudflareKvStoreArgs, resolveCloudflareKvStoreArgs, tokenNameOf } from "./args";
import { CLOUDFLARE_TOKEN_ROTATION_EXCEPTION, POLICY_EXCEPTION_TAG } from "./exception";
import { FIBER_CLOUDFLAREKV } from "./fiber";
import { CLOUDFLARE_KV_METRICS } from "./metrics";
import { accountResources, KV_PERMISSION_GROUPS, tokenWindow } from "./token";

export * from "./args";
export { ADAPTER_OPERATIONS, FIBER_CLOUDFLAREKV } from "./fiber";
export { CLOUDFLARE_KV_METRICS } from "./metrics";
export { cloudflareKvThresholds } from "./alarms";
export { CLOUDFLARE_TOKEN_COMPENSATING_CONTROLS, CLOUDFLARE_TOKEN_ROTATION_EXCEPTION } from "./exception";
export { KV_PERMISSION_GROUPS } from "./token";

/** What the application's Fiber `storage/cloudflarekv` adapter needs (stack output `cloudflarekv`): never the token. */
export interface CloudflareKvOutputs {
  readonly fiberPackages: readonly string[];
  /** `Config.AccountID` (the adapter's own default, "fiber", is no account). */
  readonly accountId: string;
  /** `Config.NamespaceID`. */
  readonly namespaceId: pulumi.Output<string>;
  readonly namespaceTitle: string;
  /** Where Cloudflare keeps the data durably; absent: Cloudflare's choice. */
  readonly jurisdiction?: string;
  /**
   * The AWS secret whose JSON carries `Key` (the API token), `AccountID` and `NamespaceID`, the adapter's Config field
   * names. Read it at start; a rotation (tokenIssuedOn moved) writes a new version and deletes the old token.
   */
  readonly secretArn: pulumi.Output<string>;
  /** Attach to the application's role: GetSecretValue on that secret and kms:Decrypt through Secrets Manager only. */
  readonly secretReadPolicyArn: pulumi.Output<string>;
  /** The token stops working at this time (RFC 3339, UTC): move tokenIssuedOn and deploy before it. */
  readonly tokenExpiresOn: string;
  /** The token works only from these public ranges. */
  readonly tokenClientCidrs: readonly string[];
  /**
   * `ignored`: the adapter drops Set's `exp` and writes no expiration, so entries live until deleted; nothing expires
   * them (README, Cloudflare KV).
   */
  readonly expiry: "ignored";
  /** `error`: a Get of a missing key returns the API's 404 as an error, not `nil, nil`; treat it as a miss. */
  readonly missingKey: "error";
  /** What the application publishes for the alarms (components/cloudflarekv/metrics.ts). */
  readonly metrics: typeof CLOUDFLARE_KV_METRICS;
}

/**
 * A Workers KV namespace for the Fiber `storage/cloudflarekv` adapter, an account-owned API token that can only read and
 * write Workers KV on this one account from the application's egress addresses and expires, the token in an AWS secret
 * on the stack's KMS key with a least-privilege read policy, and alarms on the application's call latency and errors.
 */
export class CloudflareKvStore extends pulumi.ComponentResource {
  readonly outputs: CloudflareKvOutputs;
  readonly namespace: cloudflare.WorkersKvNamespace;
  readonly token: cloudflare.AccountToken;
  readonly dashboard: DashboardSection;

  constructor(name: string, args: CloudflareKvStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sparki:cloudflarekv:CloudflareKvStore", name, {}, opts);
    const a = resolveCloudflareKvStoreArgs(args);
    const problems = cloudflareKvProblems(a);
    const window = tokenWindow(a.tokenIssuedOn, a.tokenValidDays);
    if (problems.length > 0 || window === undefined) {
      const valueOf = (field: string) => JSON.stringify(field.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], a));
      throw new Error(`CloudflareKvStore ${name}: ${problems.map(([field, message]) => `${field} ${message}, got ${valueOf(field)}`).join("; ")}`);
    }
    const provider = a.provider;

    this.namespace = new cloudflare.WorkersKvNamespace(`${name}-namespace`, {
      accountId: a.accountId,
      title: a.namespaceTitle,
      ...(a.jurisdiction !== undefined ? { jurisdiction: a.jurisdiction } : {}),
    }, { parent: this, provider, protect: a.protect });

    this.token = new cloudflare.AccountToken(`${name}-token`, {
      accountId: a.accountId,
      name: tokenNameOf(a.namespaceTitle, a.tokenIssuedOn),
      policies: [{
        effect: "allow",
        permissionGroups: [{ id: KV_PERMISSION_GROUPS.read.id }, { id: KV_PERMISSION_GROUPS.write.id }],
        resources: accountResources(a.accountId),
      }],
      condition: { requestIp: { ins: [...a.tokenClientCidrs] } },
      notBefore: window.notBefore,
      expiresOn: window.expiresOn,
    }, {
      parent: this, provider,
      // Moving tokenIssuedOn is the rotation: a new token (a new value), then the old one is deleted. An in-place
      // update would keep the old value under a new validity window.
      replaceOnChanges: ["notBefore"],
      additionalSecretOutputs: ["value"],
    });

    const secret = new aws.secretsmanager.Secret(`${name}-token`, {
      description: `Cloudflare API token of the Fiber storage/cloudflarekv adapter: Workers KV read/write on account ${a.accountId}, namespace ${a.namespaceTitle} (rotated by the stack: tokenIssuedOn)`,
      kmsKeyId: a.kmsKeyArn,
      recoveryWindowInDays: a.secretRecoveryWindowDays,
      tags: { [POLICY_EXCEPTION_TAG]: CLOUDFLARE_TOKEN_ROTATION_EXCEPTION, "sparki:fiber-adapter": FIBER_CLOUDFLAREKV.fiberPackage },
    }, { parent: this, protect: a.protect });
    const fields = FIBER_CLOUDFLAREKV.configFields;
    new aws.secretsmanager.SecretVersion(`${name}-token`, {
      secretId: secret.id,
      secretString: pulumi.secret(pulumi.jsonStringify({
        [fields.token]: this.token.value, [fields.accountId]: a.accountId, [fields.namespaceId]: this.namespace.id,
      })),
    }, { parent: this });

    const readPolicy = new aws.iam.Policy(`${name}-secret-read`, {
      name: `${name}-secret-read`,
      description: `Read the Cloudflare KV token secret of ${a.namespaceTitle} (Fiber storage/cloudflarekv)`,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadTokenSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: secret.arn },
          {
            Sid: "DecryptThroughSecretsManager", Effect: "Allow", Action: "kms:Decrypt", Resource: a.kmsKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${a.region}.amazonaws.com` } },
          },
        ],
      }),
    }, { parent: this });

    cloudflareKvAlarms({ context: a.alarms, namespaceId: this.namespace.id, namespace: this.namespace }, this);
    this.dashboard = cloudflareKvDashboard(a.namespaceTitle, this.namespace.id);

    this.outputs = {
      fiberPackages: [FIBER_CLOUDFLAREKV.fiberPackage],
      accountId: a.accountId,
      namespaceId: this.namespace.id,
      namespaceTitle: a.namespaceTitle,
      ...(a.jurisdiction !== undefined ? { jurisdiction: a.jurisdiction } : {}),
      secretArn: secret.arn,
      secretReadPolicyArn: readPolicy.arn,
      tokenExpiresOn: window.expiresOn,
      tokenClientCidrs: [...a.tokenClientCidrs],
      expiry: "ignored",
      missingKey: "error",
      metrics: CLOUDFLARE_KV_METRICS,
    };
    this.registerOutputs({ outputs: this.outputs });
  }
}
