import { beforeAll, describe, expect, it } from 'vitest';
import { Headless } from './headless.ts';
import { complete } from './complete.ts';

let h: Headless;

beforeAll(() => {
  h = new Headless({ freeze: true });
  h.run(`kubectl run web --image=nginx
kubectl run web2 --image=nginx
kubectl run api --image=nginx
kubectl create namespace dev
kubectl run worker --image=nginx -n dev
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: webapp}
spec:
  replicas: 0
  selector: {matchLabels: {app: webapp}}
  template:
    metadata: {labels: {app: webapp}}
    spec: {containers: [{name: web, image: nginx}]}
EOF
kubectl create configmap settings --from-literal=a=b
mkdir -p manifests/apps .hidden
cat > pod.yaml <<EOF
apiVersion: v1
kind: Pod
metadata: {name: x}
EOF
cat > manifests/svc.yaml <<EOF
kind: Service
EOF
echo x > 'my file.txt'
alias k=kubectl
export KUBE_EDITOR=vi
`);
});

interface Case {
  name: string;
  line: string;
  /** Defaults to the end of the line. */
  cursor?: number;
  /** Defaults to the start of the last word. */
  start?: number;
  /** The exact candidates… */
  candidates?: string[];
  /** …or some that must be there and some that must not. */
  includes?: string[];
  excludes?: string[];
}

const cases: Case[] = [
  // The first word
  { name: 'the first word completes to shell commands and builtins', line: 'ku', candidates: ['kubectl'] },
  { name: 'the first word offers the sandbox command', line: 'sand', candidates: ['sandbox'] },
  { name: 'an empty line lists every command, terminal ones and builtins', line: '', includes: ['kubectl', 'sandbox', 'echo', 'cat', 'ls', 'clear', 'history', 'k'] },
  { name: 'the first word after a pipe is a command again', line: 'kubectl get pods | gr', candidates: ['grep'] },
  { name: 'the first word after && is a command again', line: 'ls && ech', candidates: ['echo'] },
  { name: 'assignments before a command are skipped', line: 'A=1 kub', candidates: ['kubectl'] },
  { name: 'aliases are commands too', line: 'k', includes: ['k', 'kubectl'] },

  // kubectl subcommands
  { name: 'kubectl with nothing typed lists its subcommands', line: 'kubectl ', includes: ['get', 'describe', 'apply', 'create', 'config', 'run', 'version'], excludes: ['deployment'] },
  { name: 'a kubectl subcommand completes from its prefix', line: 'kubectl desc', candidates: ['describe'] },
  { name: 'several subcommands share a prefix', line: 'kubectl ap', candidates: ['api-resources', 'api-versions', 'apply'] },
  { name: 'nested subcommands of create complete', line: 'kubectl create config', candidates: ['configmap'] },
  { name: 'nested subcommands of config complete', line: 'kubectl config use', candidates: ['use-context'] },
  { name: 'subcommands are found after global flags', line: 'kubectl -n dev ge', candidates: ['get'] },
  { name: 'an alias of kubectl completes like kubectl', line: 'k ge', candidates: ['get'] },

  // Resource types
  { name: 'get with nothing typed lists plural resource types and all', line: 'kubectl get ', includes: ['all', 'pods', 'deployments', 'nodes', 'services'], excludes: ['pod', 'po', 'deploy'] },
  { name: 'a typed prefix matches plural, singular and short names', line: 'kubectl get deploy', candidates: ['deploy', 'deployment', 'deployments'] },
  { name: 'short names complete', line: 'kubectl get sv', candidates: ['svc'] },
  { name: 'describe completes resource types', line: 'kubectl describe no', candidates: ['no', 'node', 'nodes'] },
  { name: 'delete completes resource types', line: 'kubectl delete configm', candidates: ['configmap', 'configmaps'] },
  { name: 'label completes resource types', line: 'kubectl label na', candidates: ['namespace', 'namespaces'] },
  { name: 'explain completes resource types without all', line: 'kubectl explain al', candidates: [] },
  { name: 'a comma list completes its last type', line: 'kubectl get pods,se', start: 12, candidates: ['pods,secret', 'pods,secrets', 'pods,service', 'pods,serviceaccount', 'pods,serviceaccounts', 'pods,services'] },
  { name: 'a dotted prefix completes group-qualified resources', line: 'kubectl get deployments.', candidates: ['deployments.apps'] },
  { name: 'resource types that cannot be read are not offered to get', line: 'kubectl get tokenrev', candidates: [] },

  // Object names
  { name: 'object names after a type come from the default namespace', line: 'kubectl get pods we', candidates: ['web', 'web2'] },
  { name: 'object names with nothing typed list every object of the type', line: 'kubectl describe pod ', candidates: ['api', 'web', 'web2'] },
  { name: 'object names come from the namespace given with -n', line: 'kubectl get pods -n dev ', candidates: ['worker'] },
  { name: 'object names come from the namespace given with --namespace=', line: 'kubectl --namespace=dev get po ', candidates: ['worker'] },
  { name: 'object names come from every namespace with -A', line: 'kubectl get pods -A w', candidates: ['web', 'web2', 'worker'] },
  { name: 'the TYPE/NAME form completes names after the slash', line: 'kubectl get pod/we', candidates: ['pod/web', 'pod/web2'] },
  { name: 'the TYPE/NAME form works for later arguments too', line: 'kubectl delete pod/api deploy/', candidates: ['deploy/webapp'] },
  { name: 'nodes are cluster-scoped and listed whatever the namespace', line: 'kubectl describe nodes -n dev k8s-n', candidates: ['k8s-node01', 'k8s-node02'] },
  { name: 'names already given are not offered again', line: 'kubectl delete pod web ', candidates: ['api', 'web2'] },
  { name: 'deployments have names too', line: 'kubectl get deploy ', candidates: ['webapp'] },
  { name: 'label stops offering names once a KEY=VALUE is typed', line: 'kubectl label pod web app=x ', candidates: [] },
  { name: 'an unknown resource type has no names', line: 'kubectl get widgets ', candidates: [] },

  // Flags
  { name: 'flag names after -- come from the command and the global flags', line: 'kubectl get --na', candidates: ['--namespace'] },
  { name: 'a command flag completes', line: 'kubectl get --watch', candidates: ['--watch', '--watch-only'] },
  { name: 'global flags complete for every command', line: 'kubectl apply --request-t', candidates: ['--request-timeout'] },
  { name: 'a single dash lists shorthands too', line: 'kubectl get -', includes: ['-n', '-o', '-A', '--output', '--namespace', '--help'] },
  { name: 'flags of another command are not offered', line: 'kubectl version --watch', candidates: [] },

  // Flag values
  { name: 'namespaces complete after -n', line: 'kubectl get pods -n ', includes: ['default', 'dev', 'kube-system'] },
  { name: 'namespaces complete after --namespace', line: 'kubectl get pods --namespace d', candidates: ['default', 'dev'] },
  { name: 'namespaces complete after --namespace= from the equals sign', line: 'kubectl get pods --namespace=de', start: 29, candidates: ['default', 'dev'] },
  { name: 'output formats complete after -o', line: 'kubectl get pods -o ya', candidates: ['yaml'] },
  { name: 'output formats complete after -o=', line: 'kubectl get pods -o=js', start: 20, candidates: ['json', 'jsonpath-as-json=', 'jsonpath-file=', 'jsonpath='] },
  { name: 'contexts complete after --context', line: 'kubectl get pods --context ', candidates: ['kubernetes-admin@kubernetes'] },
  { name: 'config use-context completes context names', line: 'kubectl config use-context ', candidates: ['kubernetes-admin@kubernetes'] },

  // Files
  { name: 'files complete after -f', line: 'kubectl apply -f p', candidates: ['pod.yaml'] },
  { name: 'directories end with a slash', line: 'kubectl apply -f man', candidates: ['manifests/'] },
  { name: 'files inside a directory keep the directory part', line: 'kubectl apply -f manifests/', candidates: ['manifests/apps/', 'manifests/svc.yaml'] },
  { name: 'files complete after --filename=', line: 'kubectl apply --filename=manifests/s', start: 25, candidates: ['manifests/svc.yaml'] },
  { name: 'cat completes file paths', line: 'cat po', candidates: ['pod.yaml'] },
  { name: 'ls lists the directory, hidden entries left out', line: 'ls ', candidates: ['manifests/', 'my\\ file.txt', 'pod.yaml'] },
  { name: 'hidden entries complete once a dot is typed', line: 'ls .h', candidates: ['.hidden/'] },
  { name: 'cd completes directories only', line: 'cd ', candidates: ['manifests/'] },
  { name: 'absolute paths complete', line: 'cat /ro', candidates: ['/root/'] },
  { name: 'home-relative paths complete', line: 'cat ~/po', candidates: ['~/pod.yaml'] },
  { name: 'a redirection target completes as a file', line: 'echo hi > po', candidates: ['pod.yaml'] },
  { name: 'names with spaces are escaped', line: 'cat my', candidates: ['my\\ file.txt'] },
  { name: 'inside an open quote names are not escaped and the quote stays', line: 'cat "my', start: 5, candidates: ['my file.txt'] },

  // The sandbox command
  { name: 'sandbox subcommands complete', line: 'sandbox ', includes: ['help', 'time', 'advance', 'node', 'why', 'diagnostics'] },
  { name: 'a sandbox subcommand completes from its prefix', line: 'sandbox adv', candidates: ['advance'] },
  { name: 'nested sandbox words complete', line: 'sandbox node ', candidates: ['add', 'delete', 'start', 'stop'] },
  { name: 'sandbox why pod completes pod names', line: 'sandbox why pod w', candidates: ['web', 'web2'] },

  // Other words
  { name: 'exported variables complete after $', line: 'echo $KUBE', candidates: ['$KUBECONFIG', '$KUBE_EDITOR'] },
  { name: 'the cursor in the middle of the line completes the word before it', line: 'kubectl desc pods', cursor: 12, start: 8, candidates: ['describe'] },
];

describe('complete', () => {
  it.each(cases)('$name', (c) => {
    const cursor = c.cursor ?? c.line.length;
    const r = complete(h.session, c.line, cursor);
    const before = c.line.slice(0, cursor);
    const expectedStart = c.start ?? before.length - (/\S*$/.exec(before)?.[0].length ?? 0);
    expect(r.start).toBe(expectedStart);
    if (c.candidates) expect(r.candidates).toEqual(c.candidates);
    for (const x of c.includes ?? []) expect(r.candidates).toContain(x);
    for (const x of c.excludes ?? []) expect(r.candidates).not.toContain(x);
    expect([...r.candidates].sort()).toEqual(r.candidates);
    expect(new Set(r.candidates).size).toBe(r.candidates.length);
  });

  it('changes nothing in the cluster or the shell', () => {
    const rev = h.cluster.store.rev;
    const now = h.cluster.now();
    const cwd = h.session.shell.cwd;
    for (const c of cases) complete(h.session, c.line, c.cursor ?? c.line.length);
    expect(h.cluster.store.rev).toBe(rev);
    expect(h.cluster.now()).toBe(now);
    expect(h.session.shell.cwd).toBe(cwd);
  });

  it('copes with a cursor past the end of the line', () => {
    expect(complete(h.session, 'kubectl ver', 99)).toEqual({ start: 8, candidates: ['version'] });
  });
});
