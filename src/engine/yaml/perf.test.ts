import { test } from 'vitest';
import { parseManifests } from './parse.ts';
test('tmp perf', () => {
const doc = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: default
  labels:
    app: web
    tier: frontend
  annotations:
    description: "A long description of this deployment number ${i} that goes on for a while"
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
          protocol: TCP
        resources:
          limits: {cpu: 500m, memory: 128Mi}
          requests: {cpu: 250m, memory: 64Mi}
        env:
        - name: MODE
          value: 'production'
        args: ["--port", "80", "--verbose"]
        command:
        - /bin/sh
        - -c
        - |
          echo starting
          exec nginx -g 'daemon off;'
`;
let text = '';
for (let i = 0; text.length < 5e6; i++) text += (i ? '---\n' : '') + doc(i);
for (let k = 0; k < 4; k++) {
  const t0 = performance.now(); const r = parseManifests(text, 'big.yaml');
  console.log((text.length/1e6).toFixed(2)+'MB', (performance.now()-t0).toFixed(0)+'ms', r.documents.length, r.error?.message);
}
});
