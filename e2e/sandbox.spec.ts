// The sandbox as a learner uses it: the editor, the graph, the terminal, the menus, reload, language.

import { expect, test, type Page } from '@playwright/test';

async function open(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('group', { name: 'Node k8s-node01' })).toBeVisible();
}

/** Types a line into the terminal as a learner would, and presses Enter. */
async function typeCommand(page: Page, line: string) {
  await page.getByTestId('terminal-output').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

const terminal = (page: Page) => page.getByTestId('terminal-output');

type Marker = { severity: number; message: string };
/** The editor's markers (8 is Error, 4 is Warning), read through the Monaco the page exposes. */
const markers = (page: Page, severity: number) =>
  page.evaluate((sev) => (window as unknown as { __monaco: { editor: { getModelMarkers(f: object): Marker[] } } }).__monaco.editor.getModelMarkers({}).filter((m) => m.severity === sev).map((m) => m.message), severity);

/**
 * Starts a file from the Pod template and replaces its text, as a learner pasting would. The YAML is
 * flow style so that Monaco's auto-indent cannot reshape what is typed.
 */
async function newPodFileWith(page: Page, text: string) {
  const editor = page.getByRole('region', { name: 'Editor' });
  await editor.getByRole('button', { name: 'New' }).click();
  await page.getByRole('menuitem', { name: 'Pod', exact: true }).click();
  await page.locator('.monaco-editor textarea').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  return editor;
}

test('a pod applied from the editor becomes Running on a worker node in the graph, and kubectl lists it', async ({ page }) => {
  await open(page);
  const editor = page.getByRole('region', { name: 'Editor' });
  await editor.getByRole('button', { name: 'New' }).click();
  await page.getByRole('menuitem', { name: 'Pod', exact: true }).click();
  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect(editor.getByRole('status')).toContainText(/pod\/\S+ created/);
  const pod = page.getByRole('button', { name: /^Pod / }).first();
  await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  const node = page.getByRole('group', { name: /^Node k8s-node0[12]$/ }).filter({ has: pod });
  await expect(node).toHaveCount(1);
  await page.screenshot({ path: 'test-results/pod-running.png' });

  await typeCommand(page, 'kubectl get pods');
  await expect(terminal(page)).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  await expect(terminal(page)).toContainText(/1\/1\s+Running\s+0/);
});

test('deleting a pod from its menu runs kubectl delete and the pod goes', async ({ page }) => {
  await open(page);
  await typeCommand(page, 'kubectl run web --image=nginx');
  const pod = page.getByRole('button', { name: 'Pod web', exact: true });
  await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  // The name in kubectl's output leads to the inspector.
  // (xterm's own layers sit over its text rows, so the mouse goes where the words are drawn.)
  const words = await terminal(page).getByText('pod/web created').boundingBox();
  if (!words) throw new Error('the terminal shows no "pod/web created"');
  await page.mouse.move(words.x + 15, words.y + words.height / 2);
  await page.mouse.click(words.x + 15, words.y + words.height / 2);
  await expect(page.getByRole('region', { name: 'Pod/web' })).toContainText('apiVersion: v1');
  await page.getByRole('button', { name: 'Actions for pod web' }).click();
  await page.getByRole('menuitem', { name: 'Delete', exact: true }).click();
  await expect(terminal(page)).toContainText('kubectl delete pod web -n default');
  await expect(terminal(page)).toContainText('pod "web" deleted', { timeout: 30_000 });
  await expect(pod).toHaveCount(0);
});

test('stopping a node’s kubelet turns the node NotReady once the grace period passes', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Actions for node k8s-node02' }).click();
  await page.getByRole('menuitem', { name: 'Stop kubelet' }).click();
  await expect(terminal(page)).toContainText('sandbox node stop k8s-node02');
  // 40 s without a heartbeat: step the clock a minute.
  await page.getByRole('button', { name: 'Step 1m' }).click();
  const node = page.getByRole('group', { name: 'Node k8s-node02' });
  await expect(node).toContainText('NotReady');
  await page.screenshot({ path: 'test-results/node-not-ready.png' });
  await typeCommand(page, 'kubectl get nodes');
  await expect(terminal(page)).toContainText(/k8s-node02\s+NotReady/);
});

test('a reload keeps the cluster, the terminal history and the rewind timeline', async ({ page }) => {
  await open(page);
  await typeCommand(page, 'kubectl run keep --image=nginx');
  await expect(terminal(page)).toContainText('pod/keep created');
  await expect(page.getByRole('button', { name: 'Pod keep', exact: true })).toBeVisible();
  // The autosave follows each command within a moment.
  // (page.evaluate awaits the async read; waitForFunction would take its promise for a truthy value.)
  await expect
    .poll(() =>
      page.evaluate(async () => {
        // Look without creating anything: only a database the page made is opened.
        if (!(await indexedDB.databases()).some((d) => d.name === 'kube-sandbox')) return false;
        const db = await new Promise<IDBDatabase>((r) => {
          const q = indexedDB.open('kube-sandbox');
          q.onsuccess = () => r(q.result);
        });
        if (!db.objectStoreNames.contains('saves')) {
          db.close();
          return false;
        }
        const v = await new Promise((r) => {
          const q = db.transaction('saves').objectStore('saves').get('autosave');
          q.onsuccess = () => r(q.result);
        });
        db.close();
        return JSON.stringify(v ?? '').includes('"name":"keep"');
      }),
    )
    .toBe(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Pod keep', exact: true })).toBeVisible();
  await page.getByTestId('terminal-output').click();
  await page.keyboard.press('ArrowUp');
  await expect(terminal(page)).toContainText('kubectl run keep --image=nginx');
  // The rewind timeline came back too: before the command, there was no pod.
  await page.getByRole('group', { name: 'Rewind' }).getByRole('button', { name: 'Rewind to just before: kubectl run keep --image=nginx' }).click();
  await expect(page.getByRole('button', { name: 'Pod keep', exact: true })).toHaveCount(0);
});

test('the language switch changes the page’s text', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('tab', { name: '检查器' })).toBeVisible();
  await expect(page.getByRole('button', { name: '重置', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/zh.png' });
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeVisible();
});

test('a YAML error shows a marker in the editor and applies nothing', async ({ page }) => {
  await open(page);
  // The mapping on line 3 is never closed.
  const editor = await newPodFileWith(page, 'apiVersion: v1\nkind: Pod\nmetadata: {name: broken, labels: {app: x}\nspec: {containers: [{name: c, image: nginx}]}\n');
  await expect.poll(async () => (await markers(page, 8)).length).toBeGreaterThan(0);
  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect(editor.getByRole('status')).toContainText('error');
  await page.screenshot({ path: 'test-results/yaml-error.png' });
  await typeCommand(page, 'kubectl get pod broken');
  await expect(terminal(page)).toContainText('Error from server (NotFound): pods "broken" not found');
});

test('the editor warns about a field Kubernetes does not have, from the bundled schema', async ({ page }) => {
  await open(page);
  await newPodFileWith(page, 'apiVersion: v1\nkind: Pod\nmetadata: {name: typo}\nspex: {containers: [{name: c, image: nginx}]}\n');
  await expect
    .poll(async () => (await markers(page, 4)).join('\n'))
    .toContain('spex');
});

test('rewind shows the cluster as it was before a command, and the learner can continue from there', async ({ page }) => {
  await open(page);
  await typeCommand(page, 'kubectl run web --image=nginx');
  const pod = page.getByRole('button', { name: 'Pod web', exact: true });
  await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  await typeCommand(page, 'kubectl delete pod web');
  // kubectl waits until the pod is gone, then the prompt is back.
  await expect(terminal(page)).toContainText(/pod "web" deleted\s*\[root@k8s-master01 ~\]#\s*$/, { timeout: 30_000 });
  await expect(pod).toHaveCount(0);

  // The delete is marked on the strip: just before it, web is there again, Running.
  const strip = page.getByRole('group', { name: 'Rewind' });
  await strip.getByRole('button', { name: 'Rewind to just before: kubectl delete pod web' }).click();
  await expect(strip.getByRole('status')).toContainText(/The cluster at \d\d:\d\d:\d\d, \S+ ago \(read-only\)/);
  await expect(pod).toHaveAttribute('data-status', 'Running');
  await page.screenshot({ path: 'test-results/rewind-past.png', animations: 'disabled' });
  // The past cannot be changed from the terminal.
  await typeCommand(page, 'kubectl get pods');
  await expect(terminal(page)).toContainText('you are looking at the cluster as it was at');

  // Back to now: web is gone again. Then back before the delete, and continue from there.
  await strip.getByRole('button', { name: 'Back to now' }).click();
  await expect(pod).toHaveCount(0);
  await expect(strip).toContainText('Live');
  await strip.getByRole('button', { name: 'Rewind to just before: kubectl delete pod web' }).click();
  await expect(pod).toBeVisible();
  await strip.getByRole('button', { name: 'Continue from here' }).click();
  await page.getByRole('dialog', { name: 'Continue from here' }).getByRole('button', { name: 'Continue from here' }).click();
  await expect(strip).toContainText('Live');
  await typeCommand(page, 'kubectl get pods');
  await expect(terminal(page)).toContainText(/web\s+1\/1\s+Running\s+0/);
  await expect(pod).toHaveAttribute('data-status', 'Running');
});

test('a Deployment applied from the editor runs its pods on the workers, and a pod deleted from its menu is replaced', async ({ page }) => {
  await open(page);
  const editor = page.getByRole('region', { name: 'Editor' });
  await editor.getByRole('button', { name: 'New' }).click();
  await page.getByRole('menuitem', { name: 'Deployment', exact: true }).click();
  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect(editor.getByRole('status')).toContainText('deployment.apps/nginx-deploy created');
  const pods = page.getByRole('button', { name: /^Pod nginx-deploy-/ });
  await expect(pods).toHaveCount(3, { timeout: 30_000 });
  for (const p of await pods.all()) await expect(p).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  // The control plane is tainted: every pod is on a worker.
  await expect(page.getByRole('group', { name: 'Node k8s-master01' }).getByRole('button', { name: /^Pod nginx-deploy-/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/deployment-running.png', animations: 'disabled' });

  const first = (await pods.first().getAttribute('aria-label'))!.replace(/^Pod /, '');
  await page.getByRole('button', { name: `Actions for pod ${first}` }).click();
  await page.getByRole('menuitem', { name: 'Delete', exact: true }).click();
  await expect(terminal(page)).toContainText(`pod "${first}" deleted`, { timeout: 30_000 });
  // The ReplicaSet makes a new pod in its place.
  await expect(page.getByRole('button', { name: `Pod ${first}`, exact: true })).toHaveCount(0);
  await expect(pods).toHaveCount(3);
  for (const p of await pods.all()) await expect(p).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
});

test('a set image rollout is watched in the graph to its end, then rolled back from the inspector', async ({ page }) => {
  await open(page);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('5');
  await typeCommand(page, 'kubectl create deployment web --image=nginx:1.14 --replicas=3');
  const pods = page.getByRole('button', { name: /^Pod web-/ });
  await expect(pods).toHaveCount(3, { timeout: 30_000 });
  for (const p of await pods.all()) await expect(p).toContainText('r1');
  await page.getByRole('checkbox', { name: 'Owners' }).check();
  await expect(page.getByRole('button', { name: 'Deployment web', exact: true })).toBeVisible();

  await typeCommand(page, 'kubectl set image deployment/web nginx=nginx:1.15');
  await typeCommand(page, 'kubectl rollout status deployment/web');
  // Mid-rollout both ReplicaSets stand in the workloads column.
  await expect(page.getByRole('button', { name: /^ReplicaSet web-/ })).toHaveCount(2);
  await page.screenshot({ path: 'test-results/rollout-midway.png', animations: 'disabled' });
  await expect(terminal(page)).toContainText('deployment "web" successfully rolled out', { timeout: 60_000 });
  await expect(pods).toHaveCount(3, { timeout: 30_000 });
  for (const p of await pods.all()) await expect(p).toContainText('r2');

  await page.getByRole('button', { name: 'Deployment web', exact: true }).click();
  const inspector = page.getByRole('region', { name: 'Deployment/web' });
  await inspector.getByRole('tab', { name: 'Revisions' }).click();
  await expect(inspector).toContainText(/REVISION\s+CHANGE-CAUSE/);
  await inspector.getByRole('button', { name: 'Roll back to revision 1' }).click();
  await expect(terminal(page)).toContainText('kubectl rollout undo deployment/web --to-revision=1');
  await expect(terminal(page)).toContainText('deployment.apps/web rolled back');
  // Revision 1's template comes back as revision 3.
  await expect(pods).toHaveCount(3, { timeout: 60_000 });
  for (const p of await pods.all()) await expect(p).toContainText('r3', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/rollout-undone.png', animations: 'disabled' });
});

test('the load slider drives CPU and the HorizontalPodAutoscaler scales the Deployment out in the graph', async ({ page }) => {
  await open(page);
  await typeCommand(page, 'kubectl create deployment php-apache --image=registry.k8s.io/hpa-example');
  await typeCommand(page, 'kubectl set resources deployment php-apache --requests=cpu=200m');
  await typeCommand(page, 'kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10');
  await expect(terminal(page)).toContainText('horizontalpodautoscaler.autoscaling/php-apache autoscaled');
  const pods = page.getByRole('button', { name: /^Pod php-apache-/ });
  await expect(pods).toHaveCount(1, { timeout: 30_000 });

  await page.getByRole('checkbox', { name: 'Owners' }).check();
  await page.getByRole('button', { name: 'Deployment php-apache', exact: true }).click();
  const slider = page.getByRole('region', { name: 'Deployment/php-apache' }).getByRole('slider', { name: 'CPU load' });
  await expect(slider).toBeEnabled();
  await slider.focus();
  await page.keyboard.press('End');
  await expect(terminal(page)).toContainText('load on deployment/php-apache set to 2 of CPU');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('60');
  // 2 CPUs of demand over 200m requests: the autoscaler goes to its maximum, four pods or double at a time.
  await expect(pods).toHaveCount(10, { timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('0');
  await page.screenshot({ path: 'test-results/hpa-scaled.png', animations: 'disabled' });
  await typeCommand(page, 'kubectl get hpa');
  await expect(terminal(page)).toContainText(/php-apache\s+Deployment\/php-apache\s+cpu: \d+%\/50%\s+1\s+10\s+10\s/);
});

test('a pod’s logs grow in the inspector as simulated time passes, and its menu prints them in the terminal', async ({ page }) => {
  await open(page);
  await typeCommand(page, `kubectl run ticker --image=busybox -- sh -c 'while true; do echo tick; sleep 2; done'`);
  const pod = page.getByRole('button', { name: 'Pod ticker', exact: true });
  await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  await pod.click();
  const inspector = page.getByRole('region', { name: 'Pod/ticker' });
  await inspector.getByRole('tab', { name: 'Logs' }).click();
  await expect(inspector.getByRole('tabpanel')).toContainText('tick');
  await page.getByRole('button', { name: 'Actions for pod ticker' }).click();
  await page.getByRole('menuitem', { name: 'Logs', exact: true }).click();
  await expect(terminal(page)).toContainText(/kubectl logs ticker -n default\s*tick/);
  await page.getByRole('button', { name: 'Step 1m' }).click();
  // A line every 2 s: a minute later there are about thirty more.
  await expect.poll(async () => ((await inspector.getByRole('tabpanel').innerText()).match(/tick/g) ?? []).length).toBeGreaterThan(25);
});
