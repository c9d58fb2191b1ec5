/** Labels that select the pods of one component of one instance of a workload (`app.kubernetes.io/*`). */
export function selectorLabels(app: string, instance: string, component: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": app,
    "app.kubernetes.io/instance": instance,
    "app.kubernetes.io/component": component,
  };
}

/** Selector labels plus the ownership labels every object of this stack carries. */
export function objectLabels(app: string, instance: string, component: string): Record<string, string> {
  return {
    ...selectorLabels(app, instance, component),
    "app.kubernetes.io/part-of": "sparki-storage",
    "app.kubernetes.io/managed-by": "pulumi",
  };
}

/** Namespaces whose pods may call a workload: those carrying this label (key = value). */
export interface NamespaceLabel {
  /** Label key (optional DNS-subdomain prefix and `/`, then a name), e.g. `storage.sparki.io/minio-client`. No default. */
  readonly key: string;
  /** Label value (at most 63 characters, may be empty), e.g. `true`. No default. */
  readonly value: string;
}

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** Whether `key=value` is a label the API server accepts (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set). */
export function isValidLabel(label: NamespaceLabel): boolean {
  return LABEL_KEY.test(label.key) && LABEL_VALUE.test(label.value);
}
