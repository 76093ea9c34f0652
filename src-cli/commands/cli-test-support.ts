// Captures what a CLI command writes, for the command tests.
import { vi } from 'vitest';

export function capture(): { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => ((stdout += String(text)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => ((stderr += String(text)), true));
  return { stdout: () => stdout, stderr: () => stderr };
}
