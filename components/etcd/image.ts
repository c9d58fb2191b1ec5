import type { ContainerImage } from "../kubernetes/image";

/**
 * The etcd project's own release image (https://etcd.io/docs/v3.6/install/, "gcr.io/etcd-development/etcd",
 * checked 2026-11-29). Its Dockerfile (etcd-io/etcd, v3.6.6) builds it FROM gcr.io/distroless/static-debian12 and
 * ADDs etcd, etcdctl and etcdutl to /usr/local/bin: no shell, no coreutils and no USER line (it would run as
 * root; the pods here run as {@link RUN_AS}). The digest is the one an independent public project
 * (randomcoww/homelab, its image list) pins for this tag; it was not pulled from the registry when this was
 * written (no registry is reachable from here). Mirror it (`crane copy` keeps the digest) and point `registry`
 * at the mirror.
 */
export const ETCD_IMAGE: ContainerImage = {
  registry: "gcr.io",
  repository: "etcd-development/etcd",
  tag: "v3.6.6",
  digest: "sha256:60a30b5d81b2217555e2cfb9537f655b7ba97220b99c39ee2e162a7127225890",
};

/**
 * Image of the auth provisioning Job, which needs a shell (idempotency: "already exists" answers are tolerated,
 * every other failure fails the Job) and the official image has none. Up to 3.6.4-0, Kubernetes built its
 * `registry.k8s.io/etcd` tags itself (kubernetes/kubernetes cluster/images/etcd/Dockerfile, checked 2026-11-29):
 * distroless too, but with a static bash copied to /bin/sh beside etcdctl; the script uses shell builtins only.
 * From 3.6.6-0 (and 3.5.23-0) that registry promotes the etcd project's own distroless release image unchanged
 * (kubernetes/k8s.io#8596 "Use gcr.io/etcd-development/etcd as source", #8769 "Add etcd 3.6.6 publish images"), which
 * has no /bin/sh (karmada-io/karmada#7380 reports it for 3.6.6-0; all checked 2026-11-29). So 3.6.4-0 is the last
 * tag known to carry a shell: do NOT bump this to a newer registry.k8s.io/etcd tag; {@link clientImageShellProblem}
 * refuses one. (Whether 3.6.5-0 has a shell was not checked.) Same minor version as the server (3.6). The digest is
 * the one a public project pins for this tag in a Job manifest (and kubernetes/k8s.io#8330 promotes); not pulled
 * from the registry here.
 */
export const ETCD_CLIENT_IMAGE: ContainerImage = {
  registry: "registry.k8s.io",
  repository: "etcd",
  tag: "3.6.4-0",
  digest: "sha256:e36c081683425b5b3bc1425bc508b37e7107bb65dfa9367bf5a80125d431fa19",
};

/**
 * The etcd project's release images: distroless (no /bin/sh) since v3.5.7 ("Use distroless base image",
 * etcd CHANGELOG-3.5; Dockerfile-release.amd64 FROM gcr.io/distroless/static-debian11 from v3.5.7, and the v3.6
 * Dockerfile FROM static-debian12; etcd-io/etcd, checked 2026-11-29). Older tags have a shell but are end of life
 * and a minor version behind the 3.6 server.
 */
export const SHELL_LESS_ETCD_REPOSITORIES = ["gcr.io/etcd-development/etcd", "quay.io/coreos/etcd"] as const;

/** `registry.k8s.io/etcd` tags from which the registry serves the upstream distroless image (see {@link ETCD_CLIENT_IMAGE}). */
const K8S_ETCD = "registry.k8s.io/etcd";
const K8S_TAG = /^v?(\d+)\.(\d+)\.(\d+)(-\d+)?$/;

function k8sTagWithoutShell(tag: string): boolean {
  const m = K8S_TAG.exec(tag);
  if (!m) return false;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major !== 3) return major > 3;
  return minor > 6 || (minor === 6 && patch >= 6) || (minor === 5 && patch >= 23);
}

/**
 * Why a client image cannot run the auth Job (it runs `/bin/sh -c`), or undefined. Only the public repositories
 * known to be shell-less are recognised; a mirror under another name is not.
 */
export function clientImageShellProblem(image: Pick<ContainerImage, "registry" | "repository" | "tag">): string | undefined {
  const name = `${image.registry}/${image.repository}`;
  if ((SHELL_LESS_ETCD_REPOSITORIES as readonly string[]).includes(name)) {
    return `${name} has no shell (the etcd project's release images are distroless since v3.5.7, etcd CHANGELOG-3.5; older tags are end of life) and the auth Job runs /bin/sh; use ${K8S_ETCD}:${ETCD_CLIENT_IMAGE.tag} (the default, built by Kubernetes with a static bash as /bin/sh) or your own image with /bin/sh and etcdctl 3.6`;
  }
  if (name === K8S_ETCD && k8sTagWithoutShell(image.tag)) {
    return `${K8S_ETCD}:${image.tag} has no shell (from 3.6.6-0 and 3.5.23-0 that registry serves the etcd project's distroless image, kubernetes/k8s.io#8596) and the auth Job runs /bin/sh; use ${ETCD_CLIENT_IMAGE.tag} (the default) or your own image with /bin/sh and etcdctl 3.6`;
  }
  return undefined;
}
