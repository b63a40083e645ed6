import { describe, expect, it } from 'vitest';
import { sandbox } from './harness.ts';

describe('kubectl label and annotate', () => {
  it('add, refuse to overwrite without --overwrite, overwrite, and remove', () => {
    const h = sandbox();
    h.run('kubectl run web --image=nginx');
    expect(h.run('kubectl label pod web app=web').stdout).toBe('pod/web labeled\n');
    expect(h.run('kubectl label pod web app=other').stderr).toBe("error: 'app' already has a value (web), and --overwrite is false\n");
    expect(h.run('kubectl label pod web app=other --overwrite').stdout).toBe('pod/web labeled\n');
    expect(h.run('kubectl label pod web app-').stdout).toBe('pod/web unlabeled\n');
    expect(h.run('kubectl label pod web app-').stdout).toBe('pod/web not labeled\n');
    expect(h.run("kubectl annotate pod web note='hello world'").stdout).toBe('pod/web annotated\n');
    expect(h.cluster.store.get('pods', 'default', 'web')!.metadata.annotations!.note).toBe('hello world');
  });

  it('label every object a selector picks', () => {
    const h = sandbox();
    h.run('kubectl run a --image=nginx --labels=tier=fe && kubectl run b --image=nginx --labels=tier=fe && kubectl run c --image=nginx');
    expect(h.run('kubectl label pods -l tier=fe release=canary').stdout).toBe('pod/a labeled\npod/b labeled\n');
    expect(h.run('kubectl label pods --all env=dev').stdout).toBe('pod/a labeled\npod/b labeled\npod/c labeled\n');
  });
});

describe('kubectl wait', () => {
  it('returns when a condition is met and fails with kubectl\'s message on timeout', () => {
    const h = sandbox();
    h.run('kubectl run web --image=nginx');
    expect(h.run('kubectl wait --for=condition=Ready pod/web').stdout).toBe('pod/web condition met\n');
    expect(h.run("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web").stdout).toBe('pod/web condition met\n');
    const start = h.cluster.now();
    const r = h.run('kubectl wait --for=condition=Ready=false pod/web --timeout=5s');
    expect(r.stderr).toBe('error: timed out waiting for the condition on pods/web\n');
    expect(h.cluster.now() - start).toBe(5_000 + 100);
    expect(h.run('kubectl delete pod web --wait=false && kubectl wait --for=delete pod/web --timeout=60s').stdout).toBe('pod "web" deleted\npod/web condition met\n');
  });
});

describe('kubectl create generators', () => {
  it('print what they would create with --dry-run=client -o yaml, as kubectl does', () => {
    const h = sandbox();
    expect(h.run('kubectl create namespace dev --dry-run=client -o yaml').stdout).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: dev\nspec: {}\nstatus: {}\n');
    expect(h.run('kubectl create configmap cfg --from-literal=a=1 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cfg\n',
    );
    expect(h.run('kubectl run nginx --image=nginx --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
  });

  it('create secrets whose values are base64, including docker-registry credentials', () => {
    const h = sandbox();
    expect(h.run('kubectl create secret generic s --from-literal=password=hunter2').stdout).toBe('secret/s created\n');
    expect(h.run("kubectl get secret s -o jsonpath='{.data.password}' | base64 -d").stdout).toBe('hunter2');
    h.run('kubectl create secret docker-registry regcred --docker-server=hub.harry.com --docker-username=admin --docker-password=Harbor12345 --docker-email=admin@harry.com');
    expect(h.run('kubectl get secret regcred').stdout).toBe('NAME      TYPE                             DATA   AGE\nregcred   kubernetes.io/dockerconfigjson   1      0s\n');
    const cfg = h.run("kubectl get secret regcred -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d").stdout;
    expect(JSON.parse(cfg)).toEqual({ auths: { 'hub.harry.com': { username: 'admin', password: 'Harbor12345', email: 'admin@harry.com', auth: 'YWRtaW46SGFyYm9yMTIzNDU=' } } });
  });

  it('refuses to create what exists, naming the file', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(h.run('kubectl create -f cm.yaml').stdout).toBe('configmap/x created\n');
    expect(h.run('kubectl create -f cm.yaml').stderr).toBe('Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "x" already exists\n');
  });

  it('record the command as the change cause with the deprecated --record', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const r = h.run('kubectl create -f cm.yaml --record');
    expect(r.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    expect(h.cluster.store.get('configmaps', 'default', 'x')!.metadata.annotations!['kubernetes.io/change-cause']).toBe('kubectl create --filename=cm.yaml --record=true');
  });
});

describe('kubectl replace', () => {
  it('replaces an object that exists and reports one that does not', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n');
    expect(h.run('kubectl replace -f cm.yaml').stderr).toBe('Error from server (NotFound): error when replacing "cm.yaml": configmaps "x" not found\n');
    h.run('kubectl create -f cm.yaml');
    h.session.fs.writeFile('/root/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "2"\n');
    expect(h.run('kubectl replace -f cm.yaml').stdout).toBe('configmap/x replaced\n');
    expect(h.cluster.store.get('configmaps', 'default', 'x')!.data).toEqual({ a: '2' });
  });
});

describe('kubectl delete', () => {
  it('deletes by label and with --all, and says when nothing matched', () => {
    const h = sandbox();
    h.run('kubectl create cm a && kubectl create cm b && kubectl label cm a x=1');
    expect(h.run('kubectl delete cm -l x=1').stdout).toBe('configmap "a" deleted\n');
    expect(h.run('kubectl delete cm -l x=2').stdout).toBe('No resources found\n');
    expect(h.run('kubectl delete cm').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(h.run('kubectl delete').stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(h.run('kubectl delete cm nope').stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(h.run('kubectl delete pod x --force --grace-period=5').stderr).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
  });
});

describe('information commands', () => {
  it('print versions, API versions and resources as kubectl does', () => {
    const h = sandbox();
    expect(h.run('kubectl version').stdout).toBe('Client Version: v1.30.14\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.30.14\n');
    const versions = h.run('kubectl api-versions').stdout.split('\n');
    expect(versions).toContain('apps/v1');
    expect(versions).toContain('v1');
    expect(versions).not.toContain('extensions/v1beta1');
    const resources = h.run('kubectl api-resources').stdout.split('\n');
    expect(resources[0]).toBe('NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND');
    expect(resources).toContain('deployments                         deploy       apps/v1                           true         Deployment');
    expect(resources).toContain('pods                                po           v1                                true         Pod');
  });

  it('explains a field from the schema', () => {
    const h = sandbox();
    const out = h.run('kubectl explain pods.spec.restartPolicy').stdout;
    expect(out.startsWith('KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\n')).toBe(true);
    expect(out).toContain('Always');
    expect(h.run('kubectl explain pod.spec.nope').stderr).toBe('error: field "nope" does not exist\n');
  });

  it('shows the cluster and the kubeconfig, and follows the context\'s namespace', () => {
    const h = sandbox();
    expect(h.run('kubectl cluster-info').stdout).toBe(
      "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://192.168.31.10:6443\x1b[0m\n\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://192.168.31.10:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    expect(h.run('kubectl config current-context').stdout).toBe('kubernetes-admin@kubernetes\n');
    expect(h.run('kubectl config set-context --current --namespace=kube-system').stdout).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    expect(h.run('kubectl get pods -o name').stdout).toContain('pod/etcd-k8s-master01');
  });
});

describe('the terminal shell around kubectl', () => {
  it('pipes kubectl into text tools and uses variables and command substitution', () => {
    const h = sandbox();
    h.run('kubectl run a --image=nginx && kubectl run b --image=nginx && sleep 10s');
    expect(h.run('kubectl get pods --no-headers | wc -l').stdout).toBe('2\n');
    expect(h.run('kubectl get pods | grep -c Running').stdout).toBe('2\n');
    expect(h.run('NS=kube-system; kubectl get pods -n $NS -o name | head -n 1').stdout).toBe('pod/coredns-7947d6fc6c-lhh57\n');
    expect(h.run('IP=$(kubectl get pod a -o jsonpath={.status.podIP}); echo "a is at $IP"').stdout).toMatch(/^a is at 10\.244\.\d\.\d+\n$/);
    expect(h.run('kubectl get pod nope || echo missing').stdout).toBe('missing\n');
    expect(h.run('kubectl get pods -o name | sort -r | cut -d/ -f2').stdout).toBe('b\na\n');
  });

  it('writes files with cat and a heredoc and applies them', () => {
    const h = sandbox();
    const r = h.run("cat > cm.yaml <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fromfile\nEOF\nkubectl apply -f cm.yaml && ls");
    expect(r.stdout).toBe('configmap/fromfile created\ncm.yaml\n');
  });

  it('lets time pass with sleep, and says so for an unknown command with status 127', () => {
    const h = sandbox();
    const t0 = h.cluster.now();
    h.run('sleep 30s');
    expect(h.cluster.now() - t0).toBe(30_000);
    h.run('sleep 5m');
    expect(h.cluster.now() - t0).toBe(330_000);
    const r = h.run('kubeclt get pods');
    expect(r.stderr).toBe('bash: kubeclt: command not found\n');
    expect(r.status).toBe(127);
    expect(h.run('kubeclt; echo $?').stdout).toBe('127\n');
  });

  it('tells the simulated time with date and sandbox time', () => {
    const h = sandbox();
    expect(h.run('date').stdout).toBe('Mon Jun  2 08:05:00 UTC 2025\n');
    expect(h.run('sandbox time').stdout).toBe('2025-06-02T08:05:00Z\n');
  });

  it('adds a node with the sandbox command, which registers and becomes Ready', () => {
    const h = sandbox();
    expect(h.run('sandbox node add').stdout).toBe('node k8s-node03 (192.168.31.13) is booting; it registers with the apiserver in a moment\n');
    h.run('sleep 10s');
    expect(h.run('kubectl get node k8s-node03').stdout).toBe('NAME         STATUS   ROLES    AGE   VERSION\nk8s-node03   Ready    <none>   10s   v1.30.14\n');
  });

  it('explains a pending pod with sandbox why', () => {
    const h = sandbox();
    h.run("kubectl run big --image=nginx --overrides='{}' 2>/dev/null; true");
    h.session.fs.writeFile('/root/big.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        cpu: "3"\n');
    h.run('kubectl apply -f big.yaml && sleep 1s');
    const out = h.run('sandbox why pod big').stdout;
    expect(out).toContain('  k8s-master01: rejected by TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }\n');
    expect(out).toContain('  k8s-node01: rejected by NodeResourcesFit: Insufficient cpu\n');
  });
});
