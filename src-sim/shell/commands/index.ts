// The commands the lab shell knows, one file each.
import type { Command } from '../context.ts';
import { ab } from './ab.ts';
import { arp } from './arp.ts';
import { arping } from './arping.ts';
import { awk } from './awk.ts';
import { cat } from './cat.ts';
import { chmod } from './chmod.ts';
import { cp } from './cp.ts';
import { curl } from './curl.ts';
import { cut } from './cut.ts';
import { date } from './date.ts';
import { echo } from './echo.ts';
import { editorCommand } from './editor.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { hostname } from './hostname.ts';
import { ifconfig } from './ifconfig.ts';
import { ifdown } from './ifdown.ts';
import { ifup } from './ifup.ts';
import { ip } from './ip.ts';
import { ipvsadm } from './ipvsadm.ts';
import { journalctl } from './journalctl.ts';
import { keepalived } from './keepalived.ts';
import { ipvsadmRestore, ipvsadmSave } from './ipvsadm-save.ts';
import { halt, poweroff, reboot, shutdown } from './reboot.ts';
import { uptime } from './uptime.ts';
import { ln } from './ln.ts';
import { ls } from './ls.ts';
import { mkdir } from './mkdir.ts';
import { modprobe } from './modprobe.ts';
import { mv } from './mv.ts';
import { netstat } from './netstat.ts';
import { pgrep } from './pgrep.ts';
import { pidof } from './pidof.ts';
import { ping } from './ping.ts';
import { printf } from './printf.ts';
import { ps } from './ps.ts';
import { readlink } from './readlink.ts';
import { rm } from './rm.ts';
import { rmdir } from './rmdir.ts';
import { route } from './route.ts';
import { sed } from './sed.ts';
import { seq } from './seq.ts';
import { service } from './service.ts';
import { sleep } from './sleep.ts';
import { sort } from './sort.ts';
import { ss } from './ss.ts';
import { sysctl } from './sysctl.ts';
import { systemctl } from './systemctl.ts';
import { tail } from './tail.ts';
import { tcpdump } from './tcpdump.ts';
import { tee } from './tee.ts';
import { touch } from './touch.ts';
import { tr } from './tr.ts';
import { uname } from './uname.ts';
import { uniq } from './uniq.ts';
import { wc } from './wc.ts';
import { watch } from './watch.ts';
import { which } from './which.ts';
import { who } from './who.ts';
import { id, whoami } from './whoami.ts';
import { xargs } from './xargs.ts';

export const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['ab', ab],
  ['arp', arp],
  ['arping', arping],
  ['awk', awk],
  ['cat', cat],
  ['chmod', chmod],
  ['cp', cp],
  ['curl', curl],
  ['cut', cut],
  ['date', date],
  ['echo', echo],
  ['grep', grep],
  ['halt', halt],
  ['head', head],
  ['hostname', hostname],
  ['id', id],
  ['ifconfig', ifconfig],
  ['ifdown', ifdown],
  ['ifup', ifup],
  ['ip', ip],
  ['ipvsadm', ipvsadm],
  ['ipvsadm-restore', ipvsadmRestore],
  ['ipvsadm-save', ipvsadmSave],
  ['journalctl', journalctl],
  ['keepalived', keepalived],
  ['ln', ln],
  ['ls', ls],
  ['mkdir', mkdir],
  ['modprobe', modprobe],
  ['mv', mv],
  ['nano', editorCommand('nano')],
  ['netstat', netstat],
  ['pgrep', pgrep],
  ['pidof', pidof],
  ['ping', ping],
  ['printf', printf],
  ['poweroff', poweroff],
  ['ps', ps],
  ['readlink', readlink],
  ['reboot', reboot],
  ['rm', rm],
  ['rmdir', rmdir],
  ['route', route],
  ['sed', sed],
  ['seq', seq],
  ['service', service],
  ['shutdown', shutdown],
  ['sleep', sleep],
  ['sort', sort],
  ['ss', ss],
  ['sysctl', sysctl],
  ['systemctl', systemctl],
  ['tail', tail],
  ['tcpdump', tcpdump],
  ['tee', tee],
  ['touch', touch],
  ['tr', tr],
  ['uname', uname],
  ['uniq', uniq],
  ['uptime', uptime],
  ['vi', editorCommand('vi')],
  ['vim', editorCommand('vim')],
  ['wc', wc],
  ['watch', watch],
  ['which', which],
  ['who', who],
  ['whoami', whoami],
  ['xargs', xargs],
]);
