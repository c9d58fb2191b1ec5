// The SDK's wire form of a secret input: { [specialSigKey]: secretSig, value } (@pulumi/pulumi runtime/rpc).
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The value of an input the program marked secret; undefined when it is not secret. */
export function secretValue(value: unknown): unknown {
  const wire = value as Record<string, unknown> | null;
  return typeof wire === "object" && wire?.[SPECIAL_SIG_KEY] === SECRET_SIG ? wire.value : undefined;
}
