// The simulated image registries: which images exist, their tags, sizes and digests. Pulling an
// image that is not here fails as containerd fails (the notes' typo nginx:1.91). What each image
// does when it runs is the container runtime's business.

import { parseImageRef, type ImageRef } from './image-ref.ts';

export interface ImageInfo {
  ref: ImageRef;
  /** Bytes, as the Pulled event and node.status.images report. */
  size: number;
  /** sha256 digest of the manifest, as imageID shows it. */
  digest: string;
  /** Needs a pull secret for this registry. */
  private: boolean;
}

interface Repo {
  tags: readonly string[];
  /** Megabytes, roughly the real compressed size. */
  mb: number;
  private?: boolean;
}

const REPOS: Record<string, Repo> = {
  'docker.io/library/nginx': { tags: ['latest', '1.27', '1.27.0', '1.26', '1.25', '1.25.5', '1.24', '1.21', '1.20', '1.19', '1.17', '1.16', '1.15', '1.14', '1.14.2', '1.13', '1.12', '1.10', '1.9.1', '1.7.9', 'alpine', 'stable', 'mainline'], mb: 67.3 },
  'docker.io/library/busybox': { tags: ['latest', '1.36', '1.36.1', '1.35', '1.34', '1.33', '1.32', '1.31', '1.30', '1.29', '1.28', '1.28.4', 'stable', 'musl', 'glibc', 'uclibc'], mb: 2.2 },
  'docker.io/wangyanglinux/myapp': { tags: ['v1', 'v2', 'v3', 'v4', 'v5'], mb: 6.3 },
  'hub.harry.com/library/myapp': { tags: ['v1'], mb: 6.3, private: true },
  'docker.io/guangzhengli/hellok8s': { tags: ['v1', 'v2', 'v3', 'v4', 'v5', 'bad', 'liveness', 'readiness', 'service'], mb: 7.8 },
  'docker.io/library/perl': { tags: ['latest', '5.38', '5.36', '5.34', '5.34.0', '5.32'], mb: 330 },
  'docker.io/polinux/stress': { tags: ['latest'], mb: 4.0 },
  'docker.io/library/redis': { tags: ['latest', '7', '7.2', '7.0', '6', '6.2', '6.0', '5.0', 'alpine'], mb: 40 },
  'docker.io/library/mysql': { tags: ['latest', '8.0', '8', '5.7', '5.6'], mb: 170 },
  'docker.io/library/tomcat': { tags: ['latest', '10', '9', '9.0', '8.5', '8'], mb: 180 },
  'docker.io/library/httpd': { tags: ['latest', '2.4', 'alpine'], mb: 58 },
  'docker.io/library/alpine': { tags: ['latest', '3.20', '3.19', '3.18', '3'], mb: 3.4 },
  'docker.io/library/ubuntu': { tags: ['latest', '24.04', '22.04', '20.04'], mb: 29 },
  'docker.io/library/centos': { tags: ['latest', '7', '8'], mb: 75 },
  'docker.io/library/python': { tags: ['latest', '3.12', '3.11', '3.10', 'alpine', 'slim'], mb: 380 },
  'docker.io/library/node': { tags: ['latest', '22', '20', '18', 'alpine'], mb: 390 },
  'docker.io/curlimages/curl': { tags: ['latest', '8.8.0'], mb: 10 },
  'registry.k8s.io/pause': { tags: ['3.9', '3.8', '3.7', '3.6'], mb: 0.3 },
  'registry.k8s.io/etcd': { tags: ['3.5.12-0', '3.5.10-0', '3.5.9-0'], mb: 57 },
  'registry.k8s.io/kube-apiserver': { tags: ['v1.30.14'], mb: 32 },
  'registry.k8s.io/kube-controller-manager': { tags: ['v1.30.14'], mb: 31 },
  'registry.k8s.io/kube-scheduler': { tags: ['v1.30.14'], mb: 19 },
  'registry.k8s.io/kube-proxy': { tags: ['v1.30.14'], mb: 29 },
  'registry.k8s.io/coredns/coredns': { tags: ['v1.11.1', 'v1.11.3'], mb: 18 },
  'registry.k8s.io/hpa-example': { tags: ['latest'], mb: 171 },
  'registry.k8s.io/metrics-server/metrics-server': { tags: ['v0.7.1', 'v0.7.2'], mb: 19 },
  'registry.k8s.io/ingress-nginx/controller': { tags: ['v1.10.1', 'v1.11.2'], mb: 105 },
  'docker.io/flannel/flannel': { tags: ['v0.25.4', 'v0.25.1'], mb: 31 },
  'docker.io/flannel/flannel-cni-plugin': { tags: ['v1.4.1-flannel1', 'v1.5.1-flannel1'], mb: 4.7 },
};

export type LookupResult = { ok: true; info: ImageInfo } | { ok: false; ref?: ImageRef; reason: 'invalid' | 'not-found' | 'no-repo' };

export class ImageRegistry {
  private repos = new Map<string, Repo>(Object.entries(REPOS));
  /** Lookups are pure for a given registry content: every kubelet asks about the same few images. */
  private cache = new Map<string, LookupResult>();

  /** The image an image string names, if the registry has that repository and tag. */
  lookup(image: string): LookupResult {
    let r = this.cache.get(image);
    if (!r) this.cache.set(image, (r = this.find(image)));
    return r;
  }

  private find(image: string): LookupResult {
    const ref = parseImageRef(image);
    if (!ref) return { ok: false, reason: 'invalid' };
    const repo = this.repos.get(ref.repository);
    if (!repo) return { ok: false, ref, reason: 'no-repo' };
    if (!ref.digest && !repo.tags.includes(ref.tag)) return { ok: false, ref, reason: 'not-found' };
    return {
      ok: true,
      info: { ref, size: Math.round(repo.mb * 1_000_000 + hash(ref.full) % 100_000), digest: 'sha256:' + digest(ref.repository + ':' + ref.tag), private: !!repo.private },
    };
  }

  /** Adds an image of the learner's own. */
  add(repository: string, tags: readonly string[], mb: number): void {
    const ref = parseImageRef(repository);
    if (!ref) throw new Error(`invalid image name "${repository}"`);
    const existing = this.repos.get(ref.repository);
    this.repos.set(ref.repository, { tags: [...new Set([...(existing?.tags ?? []), ...tags])], mb });
    this.cache.clear();
  }
}

/** A stable 64-hex-digit digest from a name (FNV-1a rounds), so image IDs look real and never change. */
export function digest(s: string): string {
  let out = '';
  let h = 2166136261;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ round, 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

function hash(s: string): number {
  return Number.parseInt(digest(s).slice(0, 8), 16);
}
