// axe-core on the workspace (browser build): no serious or critical
// violations, at rest and with frames, a decode and the what-if view open.
// (Named *workspace.spec.ts so the web project's testMatch picks it up.)
import AxeBuilder from '@axe-core/playwright';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import type { WorkspacePage } from './pages/workspace-page.ts';

requireChromium(test);

async function seriousViolations(workspace: WorkspacePage): Promise<string[]> {
  const results = await new AxeBuilder({ page: workspace.page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

test('the workspace at rest has no serious or critical axe violations', async ({ workspace }) => {
  expect(await seriousViolations(workspace)).toEqual([]);
});

test('the workspace with frames, a decode, the text twin and what-if has none either', async ({ workspace }) => {
  await workspace.setSpeed('instant');
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  await workspace.frames.first().click();
  await expect(workspace.decode).toBeVisible();
  await workspace.page.getByText('Topology as text').click();
  await workspace.page.getByText('Transcript as text').first().click();
  await workspace.page.getByRole('button', { name: 'What if…' }).click();
  await workspace.page.getByRole('button', { name: 'Fork and replay' }).click();
  await expect(workspace.page.getByTestId('whatif-forked')).toBeVisible();
  expect(await seriousViolations(workspace)).toEqual([]);
});

test('the workspace in Chinese has none either', async ({ workspace }) => {
  await workspace.switchLanguage('zh-CN');
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  expect(await seriousViolations(workspace)).toEqual([]);
});

test('the keyboard shortcuts dialog, open, has none either', async ({ workspace }) => {
  await workspace.page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(workspace.page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(workspace)).toEqual([]);
});
