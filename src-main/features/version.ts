import { app } from 'electron';
import { handle, noArgs } from '../ipc.ts';

export function setupVersion(): void {
  handle('app:get-version', noArgs, () => app.getVersion());
}
