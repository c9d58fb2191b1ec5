/** CPU and memory of one container. */
export interface ContainerResources {
  /** CPU request, millicores. No default (each component documents its own). */
  readonly cpuMillis: number;
  /** CPU limit, millicores. No default. */
  readonly cpuLimitMillis: number;
  /** Memory request and limit (equal, so the pod is never OOM-killed for using what it asked for), MiB. No default. */
  readonly memoryMiB: number;
}

/** A container's `resources` in Kubernetes quantities: CPU in millicores (`m`), memory in MiB (`Mi`), request = limit. */
export function containerResources(r: ContainerResources): { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } } {
  return {
    requests: { cpu: `${r.cpuMillis}m`, memory: `${r.memoryMiB}Mi` },
    limits: { cpu: `${r.cpuLimitMillis}m`, memory: `${r.memoryMiB}Mi` },
  };
}
