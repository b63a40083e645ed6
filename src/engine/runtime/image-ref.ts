// Image references as containerd normalises them (github.com/distribution/reference):
// "nginx" is docker.io/library/nginx:latest, "wangyanglinux/myapp:v1" is docker.io/wangyanglinux/myapp:v1.

export interface ImageRef {
  /** The registry host: docker.io, registry.k8s.io, hub.harry.com. */
  domain: string;
  /** The repository path without the domain: library/nginx. */
  path: string;
  tag: string;
  digest?: string;
  /** docker.io/library/nginx:latest */
  full: string;
  /** docker.io/library/nginx (no tag) */
  repository: string;
}

const DEFAULT_DOMAIN = 'docker.io';

export function parseImageRef(image: string): ImageRef | undefined {
  if (!image || /\s/.test(image) || image !== image.trim()) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let domain = DEFAULT_DOMAIN;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      domain = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag = 'latest';
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!rest || !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(rest)) return undefined;
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  const path = domain === DEFAULT_DOMAIN && !rest.includes('/') ? `library/${rest}` : rest;
  const repository = `${domain}/${path}`;
  return { domain, path, tag, digest, repository, full: digest ? `${repository}@${digest}` : `${repository}:${tag}` };
}

/** The tag was given explicitly and is not "latest": kubelet's default pull policy is then IfNotPresent. */
export function hasNonLatestTag(image: string): boolean {
  const ref = parseImageRef(image);
  if (!ref) return false;
  if (ref.digest) return true;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  return lastPart.includes(':') && ref.tag !== 'latest';
}
