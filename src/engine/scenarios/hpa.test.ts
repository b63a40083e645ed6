import { describe, expect, it } from 'vitest';
import { objects, sandbox, yaml } from './harness.ts';
import type { Headless } from '../terminal/headless.ts';
import { Cluster } from '../cluster.ts';

// The Kubernetes HPA walkthrough (php-apache), which lesson 18 and the notes' N25/N31 follow.
const PHP_APACHE = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: php-apache
  spec:
    selector:
      matchLabels:
        run: php-apache
    template:
      metadata:
        labels:
          run: php-apache
      spec:
        containers:
        - name: php-apache
          image: registry.k8s.io/hpa-example
          ports:
          - containerPort: 80
          resources:
            limits:
              cpu: 500m
            requests:
              cpu: 200m
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: php-apache
    labels:
      run: php-apache
  spec:
    ports:
    - port: 80
    selector:
      run: php-apache
`;
const GENERATOR = 'kubectl run load-generator --image=busybox --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"';

type HPAObj = { status?: { currentReplicas?: number; desiredReplicas?: number; conditions?: { type: string; status: string; reason: string; message: string }[] } };
const hpa = (h: Headless) => h.cluster.store.get('horizontalpodautoscalers.autoscaling', 'default', 'php-apache') as unknown as HPAObj;
const replicas = (h: Headless) => (h.cluster.store.get('deployments.apps', 'default', 'php-apache')?.spec as { replicas: number }).replicas;
const hpaEvents = (h: Headless) =>
  objects(h, 'events', 'default')
    .filter((e) => (e as { involvedObject?: { kind: string } }).involvedObject?.kind === 'HorizontalPodAutoscaler')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${(e as { reason?: string }).reason}: ${(e as { message?: string }).message}`);

function walkthrough(): Headless {
  const h = sandbox();
  h.session.fs.writeFile('/root/php-apache.yaml', PHP_APACHE);
  h.run('kubectl apply -f php-apache.yaml && sleep 60');
  expect(h.run('kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10').stdout).toBe('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n');
  return h;
}

describe('the php-apache walkthrough', () => {
  it('kubectl autoscale --dry-run=client -o yaml prints the autoscaling/v1 object kubectl 1.30 generates', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/php-apache.yaml', PHP_APACHE);
    h.run('kubectl apply -f php-apache.yaml');
    expect(h.run('kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10 --dry-run=client -o yaml').stdout).toBe(yaml`
      apiVersion: autoscaling/v1
      kind: HorizontalPodAutoscaler
      metadata:
        creationTimestamp: null
        name: php-apache
      spec:
        maxReplicas: 10
        minReplicas: 1
        scaleTargetRef:
          apiVersion: apps/v1
          kind: Deployment
          name: php-apache
        targetCPUUtilizationPercentage: 50
      status:
        currentReplicas: 0
        desiredReplicas: 0
    `);
  });

  it('stores the v1 HPA as v2 with a cpu Utilization metric', () => {
    const h = walkthrough();
    const obj = h.cluster.store.get('horizontalpodautoscalers.autoscaling', 'default', 'php-apache')!;
    expect(obj.apiVersion).toBe('autoscaling/v2');
    expect(obj.spec).toEqual({ maxReplicas: 10, minReplicas: 1, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] });
  });

  it('shows <unknown> until its first sync 15s later, then 0% at idle', () => {
    const h = walkthrough();
    expect(h.run('kubectl get hpa').stdout).toBe(
      'NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        0          0s\n',
    );
    h.run('sleep 15');
    expect(h.run('kubectl get hpa').stdout).toBe(
      'NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'php-apache   Deployment/php-apache   cpu: 0%/50%   1         10        1          15s\n',
    );
    expect(hpa(h).status?.conditions?.map((c) => `${c.type}=${c.status} ${c.reason}`)).toEqual(['AbleToScale=True ReadyForNewScale', 'ScalingActive=True ValidMetricFound', 'ScalingLimited=True TooFewReplicas']);
  });

  it('scales up under the load generator (4, then 6, then 7) and down only after the 5-minute stabilization window', () => {
    const h = walkthrough();
    h.run('sleep 30');
    h.run(GENERATOR);
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) {
      h.run('sleep 15');
      seen.push(replicas(h));
    }
    // The scale-up limit (max(2×current, 4)) caps the first step; later steps follow the utilization.
    expect(seen).toEqual([4, 4, 6, 6, 7, 7, 7, 7, 7, 7]);
    expect(hpaEvents(h)).toEqual([
      'SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target',
      'SuccessfulRescale: New size: 6; reason: cpu resource utilization (percentage of request) above target',
      'SuccessfulRescale: New size: 7; reason: cpu resource utilization (percentage of request) above target',
    ]);
    expect(h.run('kubectl get hpa --no-headers').stdout).toMatch(/^php-apache {3}Deployment\/php-apache {3}cpu: (49|50|51|52|53)%\/50% {3}1 {5}10 {4}7 {5}/);

    h.run('kubectl delete pod load-generator');
    h.run('sleep 4m');
    // Usage is long back to idle, but the window still holds the recommendation of 7.
    expect(replicas(h)).toBe(7);
    expect(hpa(h).status?.conditions?.find((c) => c.type === 'AbleToScale')).toMatchObject({ reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
    h.run('sleep 3m');
    expect(replicas(h)).toBe(1);
    expect(hpaEvents(h).slice(3).every((e) => e.startsWith('SuccessfulRescale: New size: ') && e.endsWith('; reason: All metrics below target'))).toBe(true);
  });

  it('without metrics-server shows <unknown> and FailedGetResourceMetric events', () => {
    const h = walkthrough();
    h.run('kubectl delete deployment metrics-server -n kube-system && sleep 60');
    expect(h.run('kubectl get hpa').stdout).toContain('cpu: <unknown>/50%');
    const msg = 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
    expect(hpaEvents(h)).toContain(`FailedGetResourceMetric: ${msg}`);
    expect(hpaEvents(h)).toContain(`FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: ${msg}`);
    expect(hpa(h).status?.conditions?.find((c) => c.type === 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${msg}` });
    expect(h.run('kubectl top pod').output).toBe('error: Metrics API not available\n');
    // The failed metric leaves an empty status entry behind, as the real controller's zero value does.
    expect((h.cluster.store.get('horizontalpodautoscalers.autoscaling', 'default', 'php-apache')!.status as { currentMetrics?: unknown[] }).currentMetrics).toEqual([{ type: '' }]);
  });

  it('kubectl describe hpa lays out metrics, replicas, conditions and events as kubectl does', () => {
    const h = walkthrough();
    h.run(GENERATOR);
    h.run('sleep 30');
    expect(h.run('kubectl describe hpa php-apache').stdout).toBe(yaml`
      Name:                                                  php-apache
      Namespace:                                             default
      Labels:                                                <none>
      Annotations:                                           <none>
      CreationTimestamp:                                     Mon, 02 Jun 2025 08:06:00 +0000
      Reference:                                             Deployment/php-apache
      Metrics:                                               ( current / target )
        resource cpu on pods  (as a percentage of request):  134% (268m) / 50%
      Min replicas:                                          1
      Max replicas:                                          10
      Deployment pods:                                       4 current / 4 desired
      Conditions:
        Type            Status  Reason              Message
        ----            ------  ------              -------
        AbleToScale     True    ReadyForNewScale    recommended size matches current size
        ScalingActive   True    ValidMetricFound    the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
        ScalingLimited  False   DesiredWithinRange  the desired count is within the acceptable range
      Events:
        Type    Reason             Age   From                       Message
        ----    ------             ----  ----                       -------
        Normal  SuccessfulRescale  15s   horizontal-pod-autoscaler  New size: 4; reason: cpu resource utilization (percentage of request) above target
    `);
  });

  it('follows `sandbox load` on the Deployment as it follows a generator', () => {
    const h = walkthrough();
    expect(h.run('sandbox load deployment/php-apache 450m').stdout).toBe('load on deployment/php-apache set to 450m of CPU, spread over its ready pods\n');
    h.run('sleep 3m');
    // 450m over pods asking 200m each at a 50% target: 5 pods.
    expect(replicas(h)).toBe(5);
  });

  it('continues byte-identically after a snapshot taken mid-scale-up', () => {
    const h = walkthrough();
    h.run(GENERATOR);
    h.run('sleep 40s');
    const copy = Cluster.restore(JSON.parse(JSON.stringify(h.cluster.snapshot())));
    h.cluster.advance(5 * 60_000);
    copy.advance(5 * 60_000);
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(h.cluster.snapshot()));
  });

  it('an autoscaling/v2 HPA with a scale-down policy of one pod a minute steps down one at a time', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/php-apache.yaml', PHP_APACHE);
    h.session.fs.writeFile('/root/hpa.yaml', yaml`
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata:
        name: php-apache
      spec:
        scaleTargetRef:
          apiVersion: apps/v1
          kind: Deployment
          name: php-apache
        minReplicas: 1
        maxReplicas: 10
        metrics:
        - type: Resource
          resource:
            name: cpu
            target:
              type: Utilization
              averageUtilization: 50
        behavior:
          scaleDown:
            stabilizationWindowSeconds: 30
            policies:
            - type: Pods
              value: 1
              periodSeconds: 60
    `);
    h.run('kubectl apply -f php-apache.yaml && kubectl scale deployment php-apache --replicas=4 && sleep 60 && kubectl apply -f hpa.yaml');
    expect(h.run('kubectl describe hpa php-apache').stdout).toContain(yaml`
      Behavior:
        Scale Up:
          Stabilization Window: 0 seconds
          Select Policy: Max
          Policies:
            - Type: Pods     Value: 4    Period: 15 seconds
            - Type: Percent  Value: 100  Period: 15 seconds
        Scale Down:
          Stabilization Window: 30 seconds
          Select Policy: Max
          Policies:
            - Type: Pods  Value: 1  Period: 60 seconds
    `);
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      h.run('sleep 60');
      seen.push(replicas(h));
    }
    expect(seen).toEqual([3, 2, 1, 1, 1, 1]);
    // At 1% (2m of 200m) ceil(0.02 × 1) is 1: the minimum is not what limits it.
    expect(hpa(h).status?.conditions?.find((c) => c.type === 'ScalingLimited')).toMatchObject({ status: 'False', reason: 'DesiredWithinRange' });
  });

  it('scales on memory with an AverageValue target', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/php-apache.yaml', PHP_APACHE);
    h.session.fs.writeFile('/root/hpa.yaml', yaml`
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata:
        name: php-apache
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}
        minReplicas: 1
        maxReplicas: 5
        metrics:
        - type: Resource
          resource:
            name: memory
            target:
              type: AverageValue
              averageValue: 4Mi
    `);
    h.run('kubectl apply -f php-apache.yaml && sleep 60 && kubectl apply -f hpa.yaml && sleep 16');
    // php-apache idles at about 9Mi: more than twice the 4Mi average asked for.
    expect(hpaEvents(h)[0]).toBe('SuccessfulRescale: New size: 3; reason: memory resource above target');
    expect(h.run('kubectl get hpa --no-headers').stdout).toMatch(/^php-apache {3}Deployment\/php-apache {3}memory: \d+\/4Mi {3}1 {5}5 {5}1 {5}/);
  });

  it('reports pods without a CPU request and a missing target as the controller does', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/ghost.yaml', yaml`
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata:
        name: ghost
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: gone}
        maxReplicas: 3
    `);
    h.run('kubectl create deployment web --image=nginx && sleep 60 && kubectl autoscale deployment web --max=3 && kubectl apply -f ghost.yaml');
    h.run('sleep 16');
    const pod = objects(h, 'pods', 'default')[0].metadata.name!;
    const events = objects(h, 'events', 'default')
      .filter((e) => (e as { involvedObject?: { kind: string } }).involvedObject?.kind === 'HorizontalPodAutoscaler')
      .map((e) => `${(e as unknown as { involvedObject: { name: string } }).involvedObject.name} ${(e as { reason?: string }).reason}: ${(e as { message?: string }).message}`);
    expect(events).toContain(`web FailedGetResourceMetric: failed to get cpu utilization: missing request for cpu in container nginx of Pod ${pod}`);
    expect(events).toContain('ghost FailedGetScale: deployments.apps "gone" not found');
    expect(h.run('kubectl get hpa').stdout).toBe(
      'NAME    REFERENCE         TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
        'ghost   Deployment/gone   cpu: <unknown>/80%   1         3         0          16s\n' +
        'web     Deployment/web    cpu: <unknown>/80%   1         3         1          16s\n',
    );
  });
});
