// The smoke journey both projects run: terminal, ARP, neighbour tables,
// frame explanations and the language switch.
import type { TestInfo } from '@playwright/test';
import { expect } from './fixtures.ts';
import type { WorkspacePage } from './pages/workspace-page.ts';

export async function smokeJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
  await workspace.selectHost('client');
  await workspace.run('ip addr show dev eth0');
  await expect(workspace.transcript).toContainText('198.51.100.10');

  // Neighbour tables start empty; the ARP exchange below must change one of them
  // (in Linux, the director learns the client from the request it answers).
  const tablesText = async (): Promise<string> =>
    (await workspace.neighbors('client').innerText()) + (await workspace.neighbors('director').innerText());
  const before = await tablesText();

  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  await expect(workspace.transcript).toContainText(/reply from 198\.51\.100\.100/);
  await expect.poll(tablesText).not.toBe(before);
  await workspace.screenshot(testInfo, 'after-arping');

  // The first frame is the client's who-has request; some host decided something about it.
  await expect(workspace.frames.first()).toContainText('who-has 198.51.100.100');
  await workspace.frames.first().click();
  await expect(workspace.frames.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(workspace.explanation.getByRole('listitem').first()).toBeVisible();
  await workspace.screenshot(testInfo, 'frame-explained');

  await workspace.switchLanguage('zh-CN');
  await expect(workspace.page.getByRole('heading', { level: 1 })).toHaveText('LVS-DR 实验室');
  await expect(workspace.page.getByRole('heading', { name: '解释' })).toBeVisible();
  await workspace.screenshot(testInfo, 'zh-CN');
}
