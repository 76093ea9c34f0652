// keepalived 2.2.7 (Debian 12) as a command: `keepalived -t` tests the
// configuration (its messages on stderr, pass by pass; exit 0, 4 for a
// configuration it cannot run, 5 for errors it runs despite, 6 for script
// security), `keepalived -v` prints its version. Run without them it starts
// the daemon (src-sim/keepalived/daemon.ts) outside systemd, as a fork would.
import type { Command } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { ConfigError, DEFAULT_CONFIG_FILE, parseKeepalivedConfig } from '../../keepalived/config.ts';
import { hostConfigSource, interfaceNames } from '../../keepalived/source.ts';
import { keepalivedOf } from '../../keepalived/daemon.ts';
// keepalived.service registers with the lab's systemd when the command set is loaded.
import '../../keepalived/service.ts';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'file', short: 'f', long: 'use-file', arg: 'required' },
  { name: 'test', short: 't', long: 'config-test', arg: 'optional' },
  { name: 'version', short: 'v', long: 'version', arg: 'none' },
  { name: 'help', short: 'h', long: 'help', arg: 'none' },
  { name: 'dont-fork', short: 'n', long: 'dont-fork', arg: 'none' },
  { name: 'log-console', short: 'l', long: 'log-console', arg: 'none' },
  { name: 'log-detail', short: 'D', long: 'log-detail', arg: 'none' },
  { name: 'vrrp', short: 'P', long: 'vrrp', arg: 'none' },
  { name: 'check', short: 'C', long: 'check', arg: 'none' },
];

export const KEEPALIVED_VERSION_TEXT = [
  'Keepalived v2.2.7 (01/16,2022)',
  '',
  'Copyright(C) 2001-2022 Alexandre Cassen, <acassen@gmail.com>',
  '',
  'Built with kernel headers for Linux 5.19.11',
  'Running on Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)',
  'Distro: Debian GNU/Linux 12 (bookworm)',
  '',
  'Config options:  NFTABLES LVS REGEX VRRP VRRP_AUTH VRRP_VMAC JSON BFD OLD_CHKSUM_COMPAT SNMP_V3_FOR_V2 SNMP_VRRP SNMP_CHECKER SNMP_RFCV2 SNMP_RFCV3 DBUS INIT=systemd SYSTEMD_NOTIFY',
  '',
].join('\n');

/** config_test_exit: what `keepalived -t` exits with for the largest error reported. */
export function configTestExit(status: number): number {
  if (status === ConfigError.ok) return 0;
  if (status <= ConfigError.fatal) return 4;
  if (status === ConfigError.securityError) return 6;
  return 5;
}

export const keepalived: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true });
  if (parsed.error) {
    const e = parsed.error;
    if (e.kind === 'missing-argument') ctx.err(`Missing parameter for option ${'short' in e ? `-${e.short}` : `--${e.long}`}\n`);
    else ctx.err(`Unknown option ${e.word}\n`);
    return 1;
  }
  const has = (name: string): boolean => parsed.options.some((o) => o.name === name);
  if (has('version')) {
    ctx.err(KEEPALIVED_VERSION_TEXT);
    return 0;
  }
  const file = parsed.options.findLast((o) => o.name === 'file')?.arg ?? DEFAULT_CONFIG_FILE;
  if (has('test')) {
    const source = hostConfigSource(ctx.host);
    if (source.glob(file).length === 0) {
      ctx.err(`Config files missing '${file}'.\n`);
      return 0;
    }
    const result = parseKeepalivedConfig(source, file, { interfaces: interfaceNames(ctx.host), configTest: true });
    for (const message of result.messages) ctx.err(`${message.text}\n`);
    return configTestExit(result.status);
  }
  // Without --dont-fork keepalived forks and the command returns at once; the daemon logs to syslog.
  const daemon = keepalivedOf(ctx.host);
  if (daemon.running) return 0;
  daemon.onLog = null;
  daemon.start(ctx.argv, file);
  return 0;
};
