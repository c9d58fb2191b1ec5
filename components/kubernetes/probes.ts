import type * as k8s from "@pulumi/kubernetes";

type Probe = k8s.types.input.core.v1.Probe;

export interface ProbeTiming {
  /** Seconds between probes. No default. */
  readonly periodSeconds: number;
  /** Consecutive failures before the probe counts as failed. No default. */
  readonly failureThreshold: number;
  /** Seconds one probe may take. Default: 5. */
  readonly timeoutSeconds?: number;
}

function timing(t: ProbeTiming): Pick<Probe, "periodSeconds" | "timeoutSeconds" | "failureThreshold"> {
  return { periodSeconds: t.periodSeconds, timeoutSeconds: t.timeoutSeconds ?? 5, failureThreshold: t.failureThreshold };
}

/** An HTTP(S) GET probe on a container port. */
export function httpProbe(path: string, port: number | string, tls: boolean, t: ProbeTiming): Probe {
  return { httpGet: { path, port, scheme: tls ? "HTTPS" : "HTTP" }, ...timing(t) };
}

/** A TCP connect probe (for servers with no HTTP health endpoint). */
export function tcpProbe(port: number | string, t: ProbeTiming): Probe {
  return { tcpSocket: { port }, ...timing(t) };
}

/** A command run in the container; exit 0 is healthy. */
export function execProbe(command: readonly string[], t: ProbeTiming): Probe {
  return { exec: { command: [...command] }, ...timing(t) };
}

/**
 * Startup, liveness and readiness for a stateful server: liveness only starts once the startup probe passed
 * (a volume replay may take minutes), readiness decides whether the Service sends clients.
 */
export function serverProbes(live: (t: ProbeTiming) => Probe, ready: (t: ProbeTiming) => Probe): Pick<k8s.types.input.core.v1.Container, "startupProbe" | "livenessProbe" | "readinessProbe"> {
  return {
    startupProbe: live({ periodSeconds: 10, failureThreshold: 30 }),
    livenessProbe: live({ periodSeconds: 15, failureThreshold: 3 }),
    readinessProbe: ready({ periodSeconds: 10, failureThreshold: 3 }),
  };
}
