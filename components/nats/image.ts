import type { ContainerImage } from "../kubernetes/image";

/**
 * The official `nats` image (Docker Hub library, built from nats-io/nats-docker), Alpine variant. Its Dockerfile
 * sets no USER (the server would run as root) and its entrypoint is a shell script that execs `nats-server`
 * (nats-io/nats-docker 2.12.x/alpine3.22/Dockerfile and docker-entrypoint.sh, checked 2026-11-29): the pod runs it
 * as a non-root UID with a read-only root filesystem. The Alpine variant is chosen over the scratch one for its
 * shell (an operator can `kubectl exec` into it to inspect the store); the server binary is the same.
 * The digest is the one an independent public project pins for this tag; it was not pulled from the registry when
 * this was written (no registry is reachable from here). Mirror it (`crane copy` keeps the digest) and point
 * `registry` at the mirror.
 */
export const NATS_SERVER_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "library/nats",
  tag: "2.12.12-alpine",
  digest: "sha256:2ca98656a279b2d88cfdf2b8c3f0d5d7f3941ae9dc2ab12ebaa92d83e0f4ccdb",
};

/**
 * `natsio/nats-box`: the `nats` CLI for the bucket Job and the backup's `nats stream backup`. Same provenance note
 * as {@link NATS_SERVER_IMAGE}: the digest is one an independent public project pins for this tag, not pulled here.
 */
export const NATS_BOX_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "natsio/nats-box",
  tag: "0.19.3",
  digest: "sha256:fbdf67cb49333afc50e2003c6857845d1ed9cf822d2b886cc5658ebf3c754b07",
};

/**
 * `natsio/prometheus-nats-exporter`, the NATS project's exporter of the monitoring endpoints
 * (https://github.com/nats-io/prometheus-nats-exporter). 0.11.0 is the newest tag for which a public project pins
 * a digest (a Nix `dockerTools.pullImage` with `finalImageTag = "0.11.0"`); it was not pulled here. It already has
 * every flag used (`-varz -routez -jsz=all -healthz -use_internal_server_name`, main.go at v0.11.0). Mirror a newer
 * tag and set `exporterImage` when one is vetted.
 */
export const NATS_EXPORTER_IMAGE: ContainerImage = {
  registry: "docker.io",
  repository: "natsio/prometheus-nats-exporter",
  tag: "0.11.0",
  digest: "sha256:31c02aac089a0e9bc5cd9bd1726064f8c6bfa771acbef85a8be88a687e87daba",
};
