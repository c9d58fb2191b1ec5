import { SEVERITIES } from "../../components/alerting";
import type { Finding } from "./findings";
import { PROJECT } from "./schema";
import { SECRET_SHOWN, showUrl } from "./shown";

/** The one project key that holds credentials: alert webhook URLs (`alerts.<severity>.httpsEndpoints`). */
const SECRET_KEY = "alerts";

/** Why a key must stay plaintext; keys not listed: the generic reason. */
const PLAINTEXT_BECAUSE: Readonly<Record<string, string>> = {
  [`${PROJECT}:owner`]: "it becomes the Owner tag of every resource, which anyone who can list them reads in plaintext",
  [`${PROJECT}:costCentre`]: "it becomes the CostCentre tag of every resource, which anyone who can list them reads in plaintext",
  "aws:region": "it is part of every ARN and endpoint the stack outputs",
};
const GENERIC = "it holds no credential, and the program uses it in plaintext in names, tags, outputs and the plan";

/**
 * Secret config (`pulumi config set --secret`, a `secure:` value) where no credential belongs: the value would be
 * used in plaintext (a secret `owner` becomes a tag on every resource). The value is never shown.
 */
export function misplacedSecretFindings(keys: readonly string[], isSecret: (key: string) => boolean): Finding[] {
  return keys.filter((fullKey) => isSecret(fullKey) && (fullKey.startsWith(`${PROJECT}:`) || fullKey === "aws:region") && fullKey !== `${PROJECT}:${SECRET_KEY}`)
    .map((fullKey) => ({
      key: fullKey,
      line: `${fullKey} must not be secret config (${PLAINTEXT_BECAUSE[fullKey] ?? GENERIC}); set it without --secret, got ${SECRET_SHOWN}`,
    }));
}

/**
 * Webhook URLs given in plaintext: a URL carries its integration key, so it must be secret config. The engine
 * marks secrets per top-level key, so when any part of `alerts` is secret the program cannot tell its URLs apart
 * (a plaintext URL next to a secret one passes). Shown as scheme and host only.
 */
export function plaintextWebhookFindings(alerts: unknown, secret: boolean): Finding[] {
  if (secret || alerts === null || typeof alerts !== "object") return [];
  return SEVERITIES.flatMap((severity) => {
    const endpoints = (alerts as Record<string, { httpsEndpoints?: unknown } | undefined>)[severity]?.httpsEndpoints;
    if (!Array.isArray(endpoints)) return [];
    return endpoints.map((url: unknown, i) => ({
      key: `${PROJECT}:${SECRET_KEY}.${severity}.httpsEndpoints.${i}`,
      line: `${PROJECT}:${SECRET_KEY}.${severity}.httpsEndpoints.${i} must be secret config (a webhook URL carries its integration key): `
        + `set it with pulumi config set --secret --path '${PROJECT}:${SECRET_KEY}.${severity}.httpsEndpoints[${i}]' <URL>, got ${showUrl(url)} in plaintext`,
    }));
  });
}

/**
 * Provider keys that hold a credential, per provider package (each package's config/vars.d.ts, checked 2026-11-29
 * against @pulumi/aws 7.48.0, @pulumi/gcp 9.37.0, @pulumi/azure-native 3.28.0, @pulumi/cloudflare 6.22.1).
 */
export const PROVIDER_CREDENTIAL_KEYS: Readonly<Record<string, readonly string[]>> = {
  aws: ["accessKey", "secretKey", "token"],
  gcp: ["credentials", "accessToken"],
  "azure-native": ["clientSecret", "clientCertificatePassword", "oidcToken", "oidcRequestToken"],
  cloudflare: ["apiToken", "apiKey", "apiUserServiceKey"],
};

/**
 * A provider credential in plaintext config: the stack file is committed, so the credential would be in git. The
 * deploy workflows supply credentials from the environment (README, "Cloud credentials"); a secret value is the
 * fallback. The value is never shown.
 */
export function plaintextCredentialFindings(keys: readonly string[], isSecret: (key: string) => boolean): Finding[] {
  return keys.filter((fullKey) => !isSecret(fullKey) && isProviderCredential(fullKey)).map((fullKey) => ({
    key: fullKey,
    line: `${fullKey} holds a credential and must never be plaintext config: remove it and supply the credential from the `
      + `environment (README, "Cloud credentials"), or set it with pulumi config set --secret ${fullKey}, got a plaintext value (not shown)`,
  }));
}

function isProviderCredential(fullKey: string): boolean {
  const at = fullKey.indexOf(":");
  return at > 0 && (PROVIDER_CREDENTIAL_KEYS[fullKey.slice(0, at)] ?? []).includes(fullKey.slice(at + 1));
}
