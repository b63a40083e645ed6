// The editor's "New" menu: a starting manifest for each of the kinds a learner meets first, in the
// notes' style (nginx and wangyanglinux/myapp images, small names), with current apiVersions.

export interface Template {
  /** Stable id, also the i18n key suffix of the menu label. */
  id: string;
  /** The kind(s) it creates, as the menu shows them. */
  label: string;
  /** The file name it starts as under /root (made unique by the store). */
  fileName: string;
  content: string;
}

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app: myapp
spec:
  containers:
    - name: myapp
      image: wangyanglinux/myapp:v1
      ports:
        - containerPort: 80
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deploy
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
            limits:
              cpu: 200m
              memory: 128Mi
`;

const serviceClusterIP = `apiVersion: v1
kind: Service
metadata:
  name: nginx-svc
spec:
  type: ClusterIP
  selector:
    app: nginx
  ports:
    - name: http
      port: 80
      targetPort: 80
      protocol: TCP
`;

const serviceNodePort = `apiVersion: v1
kind: Service
metadata:
  name: myapp-nodeport
spec:
  type: NodePort
  selector:
    app: myapp
  ports:
    - name: http
      port: 80
      targetPort: 80
      nodePort: 30080
`;

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  game.properties: |
    enemies=aliens
    lives=3
`;

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: app-secret
type: Opaque
stringData:
  username: admin
  password: "123456"
`;

const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 1
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: pi
          image: perl
          command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
`;

const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  concurrencyPolicy: Allow
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: hello
              image: busybox
              command: ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"]
`;

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: myapp-ds
  labels:
    app: myapp-ds
spec:
  selector:
    matchLabels:
      app: myapp-ds
  template:
    metadata:
      labels:
        app: myapp-ds
    spec:
      containers:
        - name: myapp
          image: wangyanglinux/myapp:v1
`;

const statefulSet = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx-sts
spec:
  clusterIP: None
  selector:
    app: nginx-sts
  ports:
    - name: web
      port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx-sts
  template:
    metadata:
      labels:
        app: nginx-sts
    spec:
      containers:
        - name: nginx
          image: nginx
          ports:
            - name: web
              containerPort: 80
`;

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: myapp-ingress
spec:
  ingressClassName: nginx
  rules:
    - host: www.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: nginx-svc
                port:
                  number: 80
`;

const namespace = `apiVersion: v1
kind: Namespace
metadata:
  name: dev
`;

const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: nginx-hpa
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: nginx-deploy
  minReplicas: 1
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 50
`;

export const TEMPLATES: readonly Template[] = [
  { id: 'pod', label: 'Pod', fileName: 'pod.yaml', content: pod },
  { id: 'deployment', label: 'Deployment', fileName: 'deployment.yaml', content: deployment },
  { id: 'service-clusterip', label: 'Service (ClusterIP)', fileName: 'service.yaml', content: serviceClusterIP },
  { id: 'service-nodeport', label: 'Service (NodePort)', fileName: 'service-nodeport.yaml', content: serviceNodePort },
  { id: 'configmap', label: 'ConfigMap', fileName: 'configmap.yaml', content: configMap },
  { id: 'secret', label: 'Secret', fileName: 'secret.yaml', content: secret },
  { id: 'job', label: 'Job', fileName: 'job.yaml', content: job },
  { id: 'cronjob', label: 'CronJob', fileName: 'cronjob.yaml', content: cronJob },
  { id: 'daemonset', label: 'DaemonSet', fileName: 'daemonset.yaml', content: daemonSet },
  { id: 'statefulset', label: 'StatefulSet + headless Service', fileName: 'statefulset.yaml', content: statefulSet },
  { id: 'ingress', label: 'Ingress', fileName: 'ingress.yaml', content: ingress },
  { id: 'namespace', label: 'Namespace', fileName: 'namespace.yaml', content: namespace },
  { id: 'hpa', label: 'HorizontalPodAutoscaler', fileName: 'hpa.yaml', content: hpa },
];

/** An empty manifest, for "New" without a kind. */
export const BLANK: Template = { id: 'blank', label: 'Blank', fileName: 'manifest.yaml', content: 'apiVersion: v1\nkind: \nmetadata:\n  name: \n' };
