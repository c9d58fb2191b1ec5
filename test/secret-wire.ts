// The SDK's wire form of a secret input: { [specialSigKey]: secretSig, value } (@pulumi/pulumi runtime/rpc).
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Whether a registered value is the wire form of a secret. */
export function isSecretWire(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;
}

/** The value of an input the program marked secret; undefined when it is not secret. */
export function secretValue(value: unknown): unknown {
  return isSecretWire(value) ? (value as { value: unknown }).value : undefined;
}
