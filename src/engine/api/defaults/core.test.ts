import { describe, expect, it } from 'vitest';
import { clone, type KubeObject } from '../object.ts';
import { coreDefaulters } from './core.ts';
import { imageTag } from './pod.ts';

type Json = Record<string, unknown>;

function defaulted(resource: string, o: Json): Json {
  const obj = clone(o) as unknown as KubeObject;
  coreDefaulters[resource](obj);
  return obj as unknown as Json;
}

/** What SetDefaults_Container adds to a container that says nothing more. */
const containerDefaults = (pullPolicy: string) => ({
  imagePullPolicy: pullPolicy,
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  resources: {},
});

/** What SetDefaults_Pod and SetDefaults_PodSpec add to a pod spec. */
const podSpecDefaults = {
  enableServiceLinks: true,
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: 'default-scheduler',
};

describe('Pod defaulting (the notes manifests)', () => {
  it('a two-container pod gets every default kubectl get -o yaml shows', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pod-demo', namespace: 'default', labels: { app: 'myapp' } },
      spec: {
        containers: [
          { name: 'myapp-1', image: 'hub.harry.com/library/myapp:v1' },
          { name: 'busybox-1', image: 'busybox:latest', command: ['/bin/sh', '-c', 'sleep 3600'] },
        ],
      },
    };
    expect(defaulted('pods', pod)).toEqual({
      ...pod,
      spec: {
        containers: [
          { name: 'myapp-1', image: 'hub.harry.com/library/myapp:v1', ...containerDefaults('IfNotPresent') },
          { name: 'busybox-1', image: 'busybox:latest', command: ['/bin/sh', '-c', 'sleep 3600'], ...containerDefaults('Always') },
        ],
        ...podSpecDefaults,
      },
    });
  });

  it('init containers get the same container defaults', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'myapp-pod', namespace: 'default', labels: { app: 'myapp' } },
      spec: {
        containers: [{ name: 'myapp-container', image: 'busybox', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
        initContainers: [
          { name: 'init-myservice', image: 'busybox', command: ['sh', '-c', 'until nslookup myservice; do echo waiting for myservice; sleep 2; done;'] },
          { name: 'init-mydb', image: 'busybox', command: ['sh', '-c', 'until nslookup mydb; do echo waiting for mydb; sleep 2; done;'] },
        ],
      },
    };
    const out = defaulted('pods', pod) as { spec: { initContainers: Json[]; containers: Json[] } };
    expect(out.spec.initContainers).toEqual(pod.spec.initContainers.map((c) => ({ ...c, ...containerDefaults('Always') })));
    expect(out.spec.containers[0]).toEqual({ ...pod.spec.containers[0], ...containerDefaults('Always') });
  });

  it('probes of each kind get their thresholds, and httpGet its scheme and path', () => {
    const pod = {
      metadata: { name: 'probes', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'wangyanglinux/myapp:v1',
            imagePullPolicy: 'IfNotPresent',
            ports: [{ name: 'http', containerPort: 80 }],
            readinessProbe: { httpGet: { port: 80, path: '/index1.html' }, initialDelaySeconds: 1, periodSeconds: 3 },
            livenessProbe: { exec: { command: ['test', '-e', '/tmp/live'] }, initialDelaySeconds: 1, periodSeconds: 3 },
            startupProbe: { tcpSocket: { port: 80 }, timeoutSeconds: 10 },
          },
        ],
      },
    };
    const c = (defaulted('pods', pod) as { spec: { containers: Json[] } }).spec.containers[0];
    expect(c.ports).toEqual([{ name: 'http', containerPort: 80, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({
      httpGet: { port: 80, path: '/index1.html', scheme: 'HTTP' },
      initialDelaySeconds: 1,
      periodSeconds: 3,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.livenessProbe).toEqual({
      exec: { command: ['test', '-e', '/tmp/live'] },
      initialDelaySeconds: 1,
      periodSeconds: 3,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.startupProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 10, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  it('an httpGet without a path probes "/", and a postStart hook is defaulted too', () => {
    const pod = {
      metadata: { name: 'hooks', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx', lifecycle: { postStart: { httpGet: { port: 80 } } } }] },
    };
    const c = (defaulted('pods', pod) as { spec: { containers: Json[] } }).spec.containers[0];
    expect(c.lifecycle).toEqual({ postStart: { httpGet: { port: 80, path: '/', scheme: 'HTTP' } } });
  });

  it('requests default to limits, and every quantity is stored in canonical form', () => {
    const pod = {
      metadata: { name: 'r', namespace: 'default' },
      spec: {
        containers: [
          { name: 'c', image: 'nginx:1.25', resources: { limits: { cpu: 0.5, memory: '1.5Gi' }, requests: { cpu: 1 } } },
        ],
      },
    };
    const c = (defaulted('pods', pod) as { spec: { containers: Json[] } }).spec.containers[0];
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1536Mi' }, requests: { cpu: '1', memory: '1536Mi' } });
  });

  it('quantities finer than a milli-unit round up', () => {
    const pod = { metadata: { name: 'r', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x:1', resources: { requests: { cpu: '0.1m' } } }] } };
    const c = (defaulted('pods', pod) as { spec: { containers: Json[] } }).spec.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '1m' } });
  });

  it('env fieldRefs get apiVersion v1', () => {
    const pod = {
      metadata: { name: 'e', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'x:1', env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }] },
    };
    const c = (defaulted('pods', pod) as { spec: { containers: Json[] } }).spec.containers[0];
    expect(c.env).toEqual([{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP', apiVersion: 'v1' } } }]);
  });

  it('volumes get their default modes, a hostPath type, and a source-less volume becomes an emptyDir', () => {
    const pod = {
      metadata: { name: 'v', namespace: 'default' },
      spec: {
        containers: [{ name: 'c', image: 'x:1' }],
        volumes: [
          { name: 'cache', emptyDir: {} },
          { name: 'bare' },
          { name: 'host', hostPath: { path: '/data' } },
          { name: 'cfg', configMap: { name: 'app-config' } },
          { name: 'sec', secret: { secretName: 'creds' } },
          { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          { name: 'all', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
        ],
      },
    };
    expect((defaulted('pods', pod) as { spec: { volumes: Json[] } }).spec.volumes).toEqual([
      { name: 'cache', emptyDir: {} },
      { name: 'bare', emptyDir: {} },
      { name: 'host', hostPath: { path: '/data', type: '' } },
      { name: 'cfg', configMap: { name: 'app-config', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 'creds', defaultMode: 420 } },
      { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels', apiVersion: 'v1' } }], defaultMode: 420 } },
      { name: 'all', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }], defaultMode: 420 } },
    ]);
  });

  it('with hostNetwork every container port is a host port', () => {
    const pod = { metadata: { name: 'h', namespace: 'default' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 8080 }] }] } };
    const c = (defaulted('pods', pod) as { spec: { containers: Json[] } }).spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  });

  it('nothing the user set is overwritten', () => {
    const pod = {
      metadata: { name: 'k', namespace: 'default' },
      spec: {
        restartPolicy: 'Never',
        dnsPolicy: 'Default',
        terminationGracePeriodSeconds: 0,
        enableServiceLinks: false,
        containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' }],
      },
    };
    const spec = (defaulted('pods', pod) as { spec: Json }).spec;
    expect(spec).toMatchObject({ restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, enableServiceLinks: false });
    expect((spec.containers as Json[])[0]).toMatchObject({ imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' });
  });
});

describe('imagePullPolicy follows the image tag (parsers.ParseImageName)', () => {
  it.each([
    ['nginx', 'latest'],
    ['nginx:latest', 'latest'],
    ['nginx:1.25', '1.25'],
    ['hub.harry.com/library/myapp:v1', 'v1'],
    ['localhost:5000/myapp', 'latest'],
    ['localhost:5000/myapp:v2', 'v2'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', ''],
    ['nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '1.25'],
    ['Nginx', ''],
    ['', ''],
  ])('%j has the tag %j', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});

describe('Service defaulting', () => {
  it('the notes NodePort service gets protocol, policies and families, but no cluster IP', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'tomcat-server', namespace: 'default' },
      spec: { type: 'NodePort', ports: [{ port: 11111, targetPort: 8080, nodePort: 30001 }], selector: { tier: 'frontend' } },
    };
    expect(defaulted('services', svc)).toEqual({
      ...svc,
      spec: {
        type: 'NodePort',
        ports: [{ port: 11111, targetPort: 8080, nodePort: 30001, protocol: 'TCP' }],
        selector: { tier: 'frontend' },
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
      },
    });
  });

  it('a ClusterIP service targets its own port when targetPort is unset', () => {
    const spec = (defaulted('services', { metadata: { name: 's', namespace: 'default' }, spec: { ports: [{ port: 80 }] } }) as { spec: Json }).spec;
    expect(spec).toEqual({
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('a LoadBalancer allocates node ports by default', () => {
    const spec = (defaulted('services', { metadata: { name: 's', namespace: 'default' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } }) as { spec: Json }).spec;
    expect(spec).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
  });

  it('ClientIP affinity gets the three-hour timeout', () => {
    const spec = (defaulted('services', { metadata: { name: 's', namespace: 'default' }, spec: { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] } }) as { spec: Json }).spec;
    expect(spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it('an ExternalName service gets no IP families and no traffic policy', () => {
    const spec = (defaulted('services', { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'my.database.example.com' } }) as { spec: Json }).spec;
    expect(spec).toEqual({ type: 'ExternalName', externalName: 'my.database.example.com', sessionAffinity: 'None' });
  });

  it('a headless service without a selector asks for every family', () => {
    const spec = (defaulted('services', { metadata: { name: 'h', namespace: 'default' }, spec: { clusterIP: 'None' } }) as { spec: Json }).spec;
    expect(spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4'] });
  });
});

describe('defaulting of the other core kinds', () => {
  it('a ReplicationController takes its selector and labels from the template, one replica, and pod template defaults', () => {
    const rc = {
      metadata: { name: 'frontend', namespace: 'default' },
      spec: { template: { metadata: { labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'php', image: 'php:8', resources: { limits: { cpu: '1' } } }] } } },
    };
    const out = defaulted('replicationcontrollers', rc) as { metadata: Json; spec: { template: { spec: Json } } & Json };
    expect(out.metadata.labels).toEqual({ tier: 'frontend' });
    expect(out.spec.selector).toEqual({ tier: 'frontend' });
    expect(out.spec.replicas).toBe(1);
    // Templates keep exactly the resources written: requests come from limits only in Pods.
    expect(out.spec.template.spec).toEqual({
      containers: [{ name: 'php', image: 'php:8', resources: { limits: { cpu: '1' } }, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
  });

  it('a namespace is labelled with its own name', () => {
    expect(defaulted('namespaces', { metadata: { name: 'dev' } })).toEqual({ metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } } });
  });

  it('a secret is Opaque, and its stringData is written into data', () => {
    expect(defaulted('secrets', { metadata: { name: 's', namespace: 'default' }, data: { a: 'eA==' }, stringData: { user: 'admin', a: 'y' } })).toEqual({
      metadata: { name: 's', namespace: 'default' },
      data: { a: 'eQ==', user: 'YWRtaW4=' },
      type: 'Opaque',
    });
  });

  it('a configmap is stored as written: Go drops the empty data map SetDefaults_ConfigMap adds', () => {
    expect(coreDefaulters.configmaps).toBeUndefined();
  });

  it('endpoint ports are TCP unless they say otherwise', () => {
    const ep = { metadata: { name: 'e', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] };
    expect((defaulted('endpoints', ep) as { subsets: { ports: Json[] }[] }).subsets[0].ports).toEqual([
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
  });

  it('a PersistentVolume is retained, a filesystem, and Pending', () => {
    const pv = { metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } };
    expect(defaulted('persistentvolumes', pv)).toEqual({
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('a PersistentVolumeClaim is a filesystem claim, Pending, with its request canonical', () => {
    const pvc = { metadata: { name: 'c', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } };
    expect(defaulted('persistentvolumeclaims', pvc)).toEqual({
      metadata: { name: 'c', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('a container LimitRange fills default from max, defaultRequest from default, then from min', () => {
    const lr2 = { metadata: { name: 'l', namespace: 'default' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' }, default: { memory: '512Mi' }, min: { cpu: '100m', memory: '64Mi' } }] } };
    expect((defaulted('limitranges', lr2) as { spec: { limits: Json[] } }).spec.limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      default: { memory: '512Mi', cpu: '2' },
      defaultRequest: { memory: '512Mi', cpu: '2' },
      min: { cpu: '100m', memory: '64Mi' },
    });
  });

  it('a Pod LimitRange gets no defaults', () => {
    const lr = { metadata: { name: 'l', namespace: 'default' }, spec: { limits: [{ type: 'Pod', max: { cpu: 2 } }] } };
    expect((defaulted('limitranges', lr) as { spec: { limits: Json[] } }).spec.limits[0]).toEqual({ type: 'Pod', max: { cpu: '2' } });
  });

  it('a ResourceQuota stores its quantities in canonical form', () => {
    const rq = { metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods: 10, 'requests.cpu': 0.5, 'requests.memory': '1.5Gi' } } };
    expect((defaulted('resourcequotas', rq) as { spec: Json }).spec).toEqual({ hard: { pods: '10', 'requests.cpu': '500m', 'requests.memory': '1536Mi' } });
  });

  it('a node without allocatable gets its capacity', () => {
    const node = { metadata: { name: 'n1' }, status: { capacity: { cpu: 4, memory: '8Gi', pods: '110' } } };
    expect((defaulted('nodes', node) as { status: Json }).status).toEqual({
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
    });
  });

  it('a PodTemplate gets pod template defaults', () => {
    const pt = { metadata: { name: 'p', namespace: 'default' }, template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } };
    expect((defaulted('podtemplates', pt) as { template: { spec: Json } }).template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
  });
});
