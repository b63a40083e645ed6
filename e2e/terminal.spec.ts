import { expect, test } from '@playwright/test';

test('kubectl get nodes typed into the page shows the nodes', async ({ page }) => {
  await page.goto('/');
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await expect(input).toBeEnabled();
  await input.fill('kubectl get nodes');
  await input.press('Enter');
  const output = page.getByTestId('terminal-output');
  await expect(output).toContainText('NAME');
  await expect(output).toContainText(/k8s-master01\s+Ready\s+control-plane/);
  await expect(output).toContainText(/k8s-node01\s+Ready\s+<none>/);
  await expect(output).toContainText(/k8s-node02\s+Ready\s+<none>/);
  await page.screenshot({ path: 'test-results/get-nodes.png' });
});

test('a pod applied from the terminal becomes Running as simulated time passes', async ({ page }) => {
  await page.goto('/');
  const input = page.getByRole('textbox', { name: 'Terminal input' });
  await expect(input).toBeEnabled();
  await input.fill('kubectl run web --image=nginx');
  await input.press('Enter');
  const output = page.getByTestId('terminal-output');
  await expect(output).toContainText('pod/web created');
  await input.fill('kubectl wait --for=condition=Ready pod/web --timeout=60s && kubectl get pod web');
  await input.press('Enter');
  await expect(output).toContainText('pod/web condition met', { timeout: 30_000 });
  await expect(output).toContainText(/web\s+1\/1\s+Running/);
});
