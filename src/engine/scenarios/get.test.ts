import { describe, expect, it } from 'vitest';
import { sandbox } from './harness.ts';

function withPods() {
  const h = sandbox();
  h.run('kubectl run web --image=nginx --labels=app=web,tier=frontend && kubectl run api --image=nginx --labels=app=api,tier=backend && kubectl create configmap cfg --from-literal=a=1 && sleep 10s');
  return h;
}

describe('kubectl get', () => {
  it('prints names with -o name, kind-qualified', () => {
    const h = withPods();
    expect(h.run('kubectl get pods -o name').stdout).toBe('pod/api\npod/web\n');
    expect(h.run('kubectl get cm,svc -o name').stdout).toBe('configmap/cfg\nconfigmap/kube-root-ca.crt\nservice/kubernetes\n');
  });

  it('prints a List for a listing and the object itself for one name', () => {
    const h = withPods();
    const list = h.run('kubectl get pods -o yaml').stdout;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(h.run('kubectl get pod web -o yaml').stdout.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n')).toBe(true);
    const json = h.run('kubectl get cm cfg -o json').stdout;
    expect(json).toContain('{\n    "apiVersion": "v1",\n    "data": {\n        "a": "1"\n    },\n    "kind": "ConfigMap",\n');
  });

  it('evaluates jsonpath templates with range and filters', () => {
    const h = withPods();
    expect(h.run("kubectl get pods -o jsonpath='{.items[*].metadata.name}'").stdout).toBe('api web');
    expect(h.run(`kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.metadata.labels.tier}{"\\n"}{end}'`).stdout).toBe('api\tbackend\nweb\tfrontend\n');
    expect(h.run(`kubectl get pods -o jsonpath='{.items[?(@.metadata.labels.app=="web")].metadata.name}'`).stdout).toBe('web');
  });

  it('prints custom columns, label columns and all labels', () => {
    const h = withPods();
    expect(h.run('kubectl get pods -o custom-columns=NAME:.metadata.name,APP:.metadata.labels.app').stdout).toBe('NAME   APP\napi    api\nweb    web\n');
    expect(h.run('kubectl get pods -L tier').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE   TIER\napi    1/1     Running   0          10s   backend\nweb    1/1     Running   0          10s   frontend\n');
    expect(h.run('kubectl get pods --show-labels').stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   LABELS\napi    1/1     Running   0          10s   app=api,tier=backend\nweb    1/1     Running   0          10s   app=web,tier=frontend\n',
    );
  });

  it('selects by label with equality and set-based selectors', () => {
    const h = withPods();
    expect(h.run('kubectl get pods -l app=web -o name').stdout).toBe('pod/web\n');
    expect(h.run("kubectl get pods -l 'tier in (frontend,qa)' -o name").stdout).toBe('pod/web\n');
    expect(h.run("kubectl get pods -l 'tier notin (frontend)' -o name").stdout).toBe('pod/api\n');
    expect(h.run('kubectl get pods -l app,tier!=backend -o name').stdout).toBe('pod/web\n');
    expect(h.run("kubectl get pods -l '!app' -o name").stderr).toBe('No resources found in default namespace.\n');
    expect(h.run("kubectl get pods -l 'env in (qa,dev'").stderr).toBe("error: unable to parse requirement: found '', expected: ',' or ')'\n");
  });

  it('selects by field, and refuses fields the resource does not support', () => {
    const h = withPods();
    expect(h.run('kubectl get pods -A --field-selector spec.nodeName=k8s-master01 -o name').stdout).toBe(
      [
        'pod/kube-flannel-ds-bgncf',
        'pod/coredns-7947d6fc6c-lhh57',
        'pod/coredns-7947d6fc6c-zm4vk',
        'pod/etcd-k8s-master01',
        'pod/kube-apiserver-k8s-master01',
        'pod/kube-controller-manager-k8s-master01',
        'pod/kube-proxy-v2zp9',
        'pod/kube-scheduler-k8s-master01',
        '',
      ].join('\n'),
    );
    expect(h.run('kubectl get pods --field-selector status.phase=Running,metadata.name=web -o name').stdout).toBe('pod/web\n');
    expect(h.run('kubectl get pods --field-selector foo=bar').stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
    );
  });

  it('sorts with --sort-by', () => {
    const h = withPods();
    expect(h.run('kubectl get pods --sort-by=.metadata.labels.tier -o name').stdout).toBe('pod/api\npod/web\n');
    expect(h.run("kubectl get ns --sort-by='{.metadata.name}' -o name").stdout).toBe('namespace/default\nnamespace/kube-flannel\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n');
  });

  it('prints several kinds as blocks with kind/name, and `all`', () => {
    const h = withPods();
    expect(h.run('kubectl get all').stdout).toBe(
      [
        'NAME      READY   STATUS    RESTARTS   AGE',
        'pod/api   1/1     Running   0          10s',
        'pod/web   1/1     Running   0          10s',
        '',
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5m10s',
        '',
      ].join('\n'),
    );
  });

  it('lists every namespace with -A and says when nothing is found', () => {
    const h = withPods();
    expect(h.run('kubectl get cm -A').stdout).toBe(
      [
        'NAMESPACE         NAME               DATA   AGE',
        'default           cfg                1      10s',
        'default           kube-root-ca.crt   1      5m10s',
        'kube-flannel      kube-flannel-cfg   2      5m10s',
        'kube-flannel      kube-root-ca.crt   1      5m10s',
        'kube-node-lease   kube-root-ca.crt   1      5m10s',
        'kube-public       kube-root-ca.crt   1      5m10s',
        'kube-system       coredns            1      5m10s',
        'kube-system       kube-proxy         2      5m10s',
        'kube-system       kube-root-ca.crt   1      5m10s',
        '',
      ].join('\n'),
    );
    expect(h.run('kubectl get secrets').stderr).toBe('No resources found in default namespace.\n');
    expect(h.run('kubectl get pods -n kube-public').stderr).toBe('No resources found in kube-public namespace.\n');
  });

  it('reports errors as kubectl does', () => {
    const h = withPods();
    expect(h.run('kubectl get podz').stderr).toBe('error: the server doesn\'t have a resource type "podz"\n');
    const r = h.run('kubectl get pod web nope');
    expect(r.stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          10s\n');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.status).toBe(1);
    expect(h.run('kubectl get pod nope --ignore-not-found').status).toBe(0);
    expect(h.run('kubectl get').stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    expect(h.run('kubectl get pods -o yml').stderr).toBe(
      'error: unable to match a printer suitable for the output format "yml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
    expect(h.run('kubectl get pods --bogus').stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
    expect(h.run('kubectl get pods -z').stderr).toBe("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n");
  });

  it('accepts the type in every spelling kubectl accepts', () => {
    const h = withPods();
    for (const t of ['po', 'pod', 'pods', 'Pod', 'pods.v1.', 'po/web']) {
      const r = h.run(`kubectl get ${t === 'pods.v1.' ? 'pods' : t} -o name`);
      expect(r.stdout).toContain('pod/web');
    }
    expect(h.run('kubectl get deployments.apps').stderr).toBe('No resources found in default namespace.\n');
    expect(h.run('kubectl get deploy.v1.apps').stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('kubectl get -w', () => {
  it('streams changes with the table\'s column widths until the request timeout in a script', () => {
    const h = sandbox();
    h.run('kubectl run x --image=nginx');
    const start = h.cluster.now();
    const r = h.run('kubectl get pods -w');
    expect(h.cluster.now() - start).toBe(60_000 + 100);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME   READY   STATUS              RESTARTS   AGE');
    expect(lines[1]).toBe('x      0/1     ContainerCreating   0          0s');
    expect(lines).toContain('x      1/1     Running             0          3s');
  });

  it('stops after --request-timeout and prints events with --output-watch-events', () => {
    const h = sandbox();
    h.run('kubectl run x --image=nginx && sleep 10s');
    const start = h.cluster.now();
    h.run('kubectl delete pod x --wait=false');
    const r = h.run('kubectl get pods --watch-only --output-watch-events --request-timeout=5s');
    expect(h.cluster.now() - start).toBeLessThan(6_000);
    expect(r.stdout.split('\n')[0]).toMatch(/^EVENT +NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(r.stdout).toMatch(/^DELETED +x +0\/1 +Terminating +0 +1\ds$/m);
  });
});
