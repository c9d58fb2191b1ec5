import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * A Secret's `data`: each value base64-encoded and kept a Pulumi secret. `stringData` is not used: the provider
 * applies server-side (the stack's provider sets enableServerSideApply), and the Kubernetes docs warn that "the
 * stringData field for a Secret does not work well with server-side apply"
 * (https://kubernetes.io/docs/tasks/configmap-secret/managing-secret-using-config-file/, checked 2026-11-29). The
 * API server folds stringData into data, so a key dropped from stringData can stay in the stored Secret
 * (kubernetes/kubernetes#108008), and pulumi-kubernetes needed fixes for stringData diffs under server-side apply
 * in 4.0.x (pulumi/pulumi-kubernetes#2507, #2513). No Pulumi document says 4.34.2 handles it; with `data` the
 * applied object is exactly what the program declares.
 */
export function secretData(values: Readonly<Record<string, pulumi.Input<string>>>): Record<string, pulumi.Output<string>> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) =>
    [key, pulumi.secret(pulumi.output(value).apply((plain) => Buffer.from(plain, "utf8").toString("base64")))]));
}

export interface OpaqueSecretInput {
  /** Secret name (a DNS subdomain). No default. */
  readonly name: string;
  /** Namespace. No default. */
  readonly namespace: string;
  /** Labels of the Secret. No default. */
  readonly labels: Readonly<Record<string, string>>;
  /** Key to plain value (each becomes base64 `data`, a Pulumi secret). No default. */
  readonly values: Readonly<Record<string, pulumi.Input<string>>>;
}

/** An `Opaque` Secret with {@link secretData}. */
export function opaqueSecret(input: OpaqueSecretInput): k8s.core.v1.SecretArgs {
  return { metadata: { name: input.name, namespace: input.namespace, labels: { ...input.labels } }, type: "Opaque", data: secretData(input.values) };
}
