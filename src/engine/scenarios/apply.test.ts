import { describe, expect, it } from 'vitest';
import { sandbox, yaml } from './harness.ts';

const cm = (name: string, data: Record<string, string>) =>
  yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: ${name}
    data:
  ` + Object.entries(data).map(([k, v]) => `  ${k}: "${v}"\n`).join('');

describe('kubectl apply', () => {
  it('creates, then leaves unchanged, then configures', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cm.yaml', cm('settings', { color: 'blue' }));
    expect(h.run('kubectl apply -f cm.yaml').stdout).toBe('configmap/settings created\n');
    expect(h.run('kubectl apply -f cm.yaml').stdout).toBe('configmap/settings unchanged\n');
    h.session.fs.writeFile('/root/cm.yaml', cm('settings', { color: 'green', size: 'L' }));
    expect(h.run('kubectl apply -f cm.yaml').stdout).toBe('configmap/settings configured\n');
    expect(h.cluster.store.get('configmaps', 'default', 'settings')!.data).toEqual({ color: 'green', size: 'L' });
  });

  it('keeps the last applied configuration as kubectl writes it, and removes fields dropped from it', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cm.yaml', cm('settings', { a: '1', b: '2' }));
    h.run('kubectl apply -f cm.yaml');
    const obj = h.cluster.store.get('configmaps', 'default', 'settings')!;
    expect(obj.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"settings","namespace":"default"}}\n',
    );
    // A field someone else added survives; a field dropped from the file goes.
    h.run("kubectl annotate configmap settings owner=ops");
    h.session.fs.writeFile('/root/cm.yaml', cm('settings', { a: '1' }));
    expect(h.run('kubectl apply -f cm.yaml').stdout).toBe('configmap/settings configured\n');
    const after = h.cluster.store.get('configmaps', 'default', 'settings')!;
    expect(after.data).toEqual({ a: '1' });
    expect(after.metadata.annotations!.owner).toBe('ops');
  });

  it('shows the last applied configuration as a literal block in -o yaml', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cm.yaml', cm('settings', { a: '1' }));
    h.run('kubectl apply -f cm.yaml');
    expect(h.run('kubectl get cm settings -o yaml').stdout).toContain(
      '  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"settings","namespace":"default"}}\n',
    );
  });

  it('merges containers by name with what the server defaulted', () => {
    const h = sandbox();
    const pod = (image: string) => yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: app
          image: ${image}
    `;
    h.session.fs.writeFile('/root/pod.yaml', pod('nginx:1.25'));
    h.run('kubectl apply -f pod.yaml && sleep 5s');
    h.session.fs.writeFile('/root/pod.yaml', pod('nginx:1.26'));
    expect(h.run('kubectl apply -f pod.yaml').stdout).toBe('pod/web configured\n');
    const spec = h.cluster.store.get('pods', 'default', 'web')!.spec as { containers: { image: string; imagePullPolicy: string; volumeMounts?: unknown[] }[] };
    expect(spec.containers[0].image).toBe('nginx:1.26');
    // Defaults and the service account mount the server added are still there.
    expect(spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(spec.containers[0].volumeMounts).toHaveLength(1);
  });

  it('warns when the object was not created by apply', () => {
    const h = sandbox();
    h.run('kubectl create configmap settings --from-literal=a=1');
    h.session.fs.writeFile('/root/cm.yaml', cm('settings', { a: '2' }));
    const r = h.run('kubectl apply -f cm.yaml');
    expect(r.stderr).toBe(
      'Warning: resource configmaps/settings is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    expect(r.stdout).toBe('configmap/settings configured\n');
  });

  it('applies every valid document of a file and reports the others', () => {
    const h = sandbox();
    h.session.fs.writeFile(
      '/root/multi.yaml',
      [cm('one', { a: '1' }), yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: two
        bogus: true
      `, cm('three', { c: '3' })].join('---\n'),
    );
    const r = h.run('kubectl apply -f multi.yaml');
    expect(r.stdout).toBe('configmap/one created\nconfigmap/three created\n');
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "multi.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"\n',
    );
    expect(r.status).toBe(1);
    expect(h.cluster.store.get('configmaps', 'default', 'two')).toBeUndefined();
  });

  it('applies every file of a folder, and with -R its subfolders', () => {
    const h = sandbox();
    h.session.fs.mkdir('/root/manifests/more', true);
    h.session.fs.writeFile('/root/manifests/a.yaml', cm('a', { k: 'v' }));
    h.session.fs.writeFile('/root/manifests/notes.txt', 'not a manifest');
    h.session.fs.writeFile('/root/manifests/more/b.yml', cm('b', { k: 'v' }));
    expect(h.run('kubectl apply -f manifests').stdout).toBe('configmap/a created\n');
    expect(h.run('kubectl apply -R -f manifests').stdout).toBe('configmap/a unchanged\nconfigmap/b created\n');
  });

  it('reads a heredoc from stdin with -f -', () => {
    const h = sandbox();
    const r = h.run(`kubectl apply -f - <<EOF\n${cm('from-stdin', { a: '1' })}EOF\n`);
    expect(r.stdout).toBe('configmap/from-stdin created\n');
  });

  it('reads JSON manifests too', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cm.json', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"a":"1"}}');
    expect(h.run('kubectl apply -f cm.json').stdout).toBe('configmap/j created\n');
  });

  it('puts objects in the namespace -n names, and refuses one that says otherwise', () => {
    const h = sandbox();
    h.run('kubectl create ns dev');
    h.session.fs.writeFile('/root/cm.yaml', cm('x', { a: '1' }));
    expect(h.run('kubectl apply -f cm.yaml -n dev').stdout).toBe('configmap/x created\n');
    expect(h.cluster.store.get('configmaps', 'dev', 'x')).toBeDefined();
    h.session.fs.writeFile('/root/other.yaml', yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: y
        namespace: default
    `);
    expect(h.run('kubectl apply -f other.yaml -n dev').stderr).toBe(
      `error: the namespace from the provided object "default" does not match the namespace "dev". You must pass '--namespace=default' to perform this operation.\n`,
    );
  });

  it('prints what it would do with --dry-run=client and changes nothing', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cm.yaml', cm('dry', { a: '1' }));
    expect(h.run('kubectl apply -f cm.yaml --dry-run=client').stdout).toBe('configmap/dry created (dry run)\n');
    expect(h.run('kubectl apply -f cm.yaml --dry-run=server').stdout).toBe('configmap/dry created (server dry run)\n');
    expect(h.cluster.store.get('configmaps', 'default', 'dry')).toBeUndefined();
  });
});

describe('bad input', () => {
  it('reports a tab used for indentation with its line and column, and applies nothing from the file', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/tab.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-demo\nspec:\n  containers:\n\t- name: app\n    image: nginx\n');
    const r = h.run('kubectl apply -f tab.yaml');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 7: found character that cannot start any token\nhint: tab.yaml:12:1: YAML indentation must use spaces; line 12 starts with a tab\n',
    );
    expect(h.cluster.store.get('configmaps', 'default', 'ok')).toBeUndefined();
  });

  it('rejects an API version Kubernetes removed, with a hint to the current one', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/rs.yaml', yaml`
      apiVersion: extensions/v1beta1
      kind: ReplicaSet
      metadata:
        name: frontend
      spec:
        replicas: 3
    `);
    expect(h.run('kubectl apply -f rs.yaml').stderr).toBe(
      'error: resource mapping not found for name: "frontend" namespace: "" from "rs.yaml": no matches for kind "ReplicaSet" in version "extensions/v1beta1"\nensure CRDs are installed first\n' +
        'hint: extensions/v1beta1 ReplicaSet was removed in Kubernetes 1.16; use "apiVersion: apps/v1" instead (check the manifest against `kubectl explain replicaset`, newer versions may require fields such as spec.selector)\n',
    );
  });

  it('rejects the batch/v1beta1 CronJob of Kubernetes before 1.25', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cj.yaml', yaml`
      apiVersion: batch/v1beta1
      kind: CronJob
      metadata:
        name: hello
    `);
    expect(h.run('kubectl apply -f cj.yaml').stderr).toContain('no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first\nhint: batch/v1beta1 CronJob was removed in Kubernetes 1.25; use "apiVersion: batch/v1" instead');
  });

  it('tells which fields are missing when apiVersion or kind is not set', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/x.yaml', 'metadata:\n  name: x\n');
    expect(h.run('kubectl apply -f x.yaml').stderr).toBe(
      'error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });

  it('refuses a URL: the sandbox has no network', () => {
    const h = sandbox();
    expect(h.run('kubectl apply -f https://k8s.io/examples/pods/simple-pod.yaml').stderr).toMatch(/^error: unable to read URL "https:\/\/k8s\.io\/examples\/pods\/simple-pod\.yaml": the sandbox has no network access/);
  });

  it('says so when the file does not exist', () => {
    const h = sandbox();
    expect(h.run('kubectl apply -f nothere.yaml').stderr).toBe('error: the path "nothere.yaml" does not exist\n');
    expect(h.run('kubectl apply').stderr).toBe('error: must specify one of -f and -k\n');
  });

  it('stops an alias bomb, deep nesting and a huge file within a second, and nothing is stored', () => {
    const h = sandbox();
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    h.session.fs.writeFile('/root/bomb.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n' + bomb.join('\n') + '\n');
    h.session.fs.writeFile('/root/deep.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n');
    const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' + Array.from({ length: 50_000 }, (_, i) => `  key${i}: "${'x'.repeat(90)}"`).join('\n') + '\n';
    h.session.fs.writeFile('/root/big.yaml', big);
    for (const [file, expected] of [
      ['bomb.yaml', 'yaml: document contains excessive aliasing'],
      ['deep.yaml', 'is nested more than 1000 levels deep'],
      ['big.yaml', 'Request entity too large: limit is 3145728'],
    ]) {
      const t0 = performance.now();
      const r = h.run(`kubectl apply -f ${file}`);
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(expected);
    }
    expect(h.cluster.store.list('configmaps', 'default').map((c) => c.metadata.name)).toEqual(['kube-root-ca.crt']);
  });
});
