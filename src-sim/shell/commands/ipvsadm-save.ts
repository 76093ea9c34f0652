// ipvsadm-save and ipvsadm-restore, the scripts Debian's ipvsadm package
// installs: `ipvsadm -S` with the arguments given (-n), and `ipvsadm -R`
// reading standard input.
import type { Command } from '../context.ts';
import { ipvsadm } from './ipvsadm.ts';

export const ipvsadmSave: Command = (ctx) => ipvsadm({ ...ctx, argv: ['ipvsadm', '-S', ...ctx.argv.slice(1)] });

export const ipvsadmRestore: Command = (ctx) => ipvsadm({ ...ctx, argv: ['ipvsadm', '-R', ...ctx.argv.slice(1)] });
