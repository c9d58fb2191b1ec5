/** Stands in for a value under a secret config key in messages. */
export const SECRET_SHOWN = "(secret)";

/** Stands in for a value that looks like pasted file contents or a credential (a kubeconfig with its token, a key). */
export const CONTENTS_SHOWN = "(looks like file contents; value not shown)";

/** Newlines, a PEM block, or a field a kubeconfig or credentials file holds. */
const FILE_LIKE = /[\r\n]|-----BEGIN |\b(apiVersion|clusters|users|contexts|current-context|token|client-key-data|client-certificate-data|password|aws_secret_access_key)\s*[:=]/i;
/** Longer than any config value here: a pasted blob (base64, a JWT). */
const LONG = 300;

function fileLike(value: unknown): boolean {
  if (typeof value === "string") return value.length > LONG || FILE_LIKE.test(value);
  if (value !== null && typeof value === "object") return Object.values(value).some(fileLike);
  return false;
}

/** A value as a message shows it: JSON, but never something that looks like file contents or a credential. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  return fileLike(value) ? CONTENTS_SHOWN : JSON.stringify(value);
}

/**
 * A webhook URL as a message shows it: scheme and host only. Its path and query may carry the integration key
 * (`https://events.pagerduty.com/integration/<key>/enqueue`), so they are never shown.
 */
export function showUrl(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(showUrl).join(",")}]`;
  if (value !== null && typeof value === "object") return "(value not shown)";
  if (typeof value !== "string") return show(value);
  try {
    const url = new URL(value);
    const rest = `${url.pathname}${url.search}${url.hash}`;
    return JSON.stringify(`${url.protocol}//${url.host}${rest === "" || rest === "/" ? "" : "/…"}`);
  } catch {
    return "(not a URL; value not shown)";
  }
}
