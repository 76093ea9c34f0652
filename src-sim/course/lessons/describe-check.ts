// A check's title, as a message, when the lesson gives none.
import { list, msg, type Message } from '../../i18n/catalogue.ts';
import { CONF_COMBINE } from '../../host/sysctl.ts';
import type { ArpProbe, Check, HttpProbe, PingProbe } from './check-types.ts';

export function describeCheck(check: Check): Message {
  const title = describeWhat(check);
  // The commands stay as typed, joined as a commands file would run them.
  const after = check.after && check.after.length > 0 ? msg('check.title.after', { title, commands: check.after.join('; ') }) : title;
  return check.reboot && check.reboot.length > 0 ? msg('check.title.reboot', { title: after, hosts: list(check.reboot, 'and') }) : after;
}

function describeWhat(check: Check): Message {
  switch (check.type) {
    case 'address': {
      const where = check.dev ? msg('check.title.where', { dev: check.dev }) : '';
      return msg(check.present ? 'check.title.address.has' : 'check.title.address.hasNot', { host: check.host, address: check.address, where });
    }
    case 'conf':
      return msg('check.title.conf', { host: check.host, name: check.key, values: list(check.oneOf, 'or'), dev: check.dev });
    case 'sysctl':
      return msg('check.title.sysctl', { host: check.host, name: check.name, values: list(check.oneOf, 'or') });
    case 'neighbour': {
      if (check.present === false) return msg('check.neigh.none', { host: check.host, ip: check.ip });
      return msg('check.title.neigh', { host: check.host, ip: check.ip, mac: check.mac ? msg('check.title.neigh.mac', { mac: check.mac }) : '' });
    }
    case 'ipvs-service':
      return msg(check.present ? 'check.title.service.has' : 'check.title.service.hasNot', { host: check.host, service: check.service });
    case 'ipvs-dest': {
      if (check.present === false) return msg('check.dest.none', { service: check.service, dest: check.dest });
      const how = [check.fwd, check.minWeight !== undefined ? msg('check.title.dest.weight', { min: check.minWeight }) : undefined].filter((x) => x !== undefined);
      return msg('check.title.dest', { service: check.service, dest: check.dest, how: how.length > 0 ? msg('check.title.dest.how', { items: list(how) }) : '' });
    }
    case 'arp-probe':
      return msg(check.answeredBy.length === 1 ? 'check.title.arp.one' : 'check.title.arp.many', { target: check.target, from: check.from, hosts: list(check.answeredBy) });
    case 'ping-probe':
      return msg('check.title.ping', { from: check.from, target: check.target, by: check.answeredBy });
    case 'http-probe':
      return msg('check.title.http', { count: check.count, from: check.from, url: check.url, servers: list(check.servers), via: check.via ? msg('check.via', { via: check.via }) : '' });
  }
}

/**
 * What a check reads and when: a state check reads the learner's lab as it
 * is (or a copy replayed to its `after`); a probe sends traffic on a copy
 * replayed from the learner's own commands, so the copy's ARP caches are the
 * learner's, not cold ones. `arpDev` is the device an ARP probe sends on.
 */
export function describeReads(check: Check, arpDev?: string): Message {
  const commands = check.after && check.after.length > 0 ? check.after.join('; ') : null;
  if (check.type === 'arp-probe' || check.type === 'ping-probe' || check.type === 'http-probe') {
    const action = probeAction(check, arpDev);
    return commands ? msg('check.reads.probeAfter', { commands, action }) : msg('check.reads.probe', { action });
  }
  const what = stateRead(check);
  return commands ? msg('check.reads.copy', { what, commands }) : msg('check.reads.live', { what });
}

function probeAction(check: ArpProbe | PingProbe | HttpProbe, arpDev: string | undefined): Message {
  switch (check.type) {
    case 'arp-probe': {
      // The command checks.ts runs, word for word.
      const dev = check.dev ?? arpDev;
      return msg('check.reads.arp', { from: check.from, command: `arping -c 1 -w 1${dev ? ` -I ${dev}` : ''} ${check.target}` });
    }
    case 'ping-probe':
      return msg('check.reads.ping', { from: check.from, command: `ping -c 1 -W 1 ${check.target}` });
    case 'http-probe':
      return msg('check.reads.http', { from: check.from, command: `curl -s -m 2 ${check.url}`, count: check.count });
  }
}

function stateRead(check: Exclude<Check, ArpProbe | PingProbe | HttpProbe>): Message {
  switch (check.type) {
    case 'address':
      return msg('check.reads.addresses', { host: check.host });
    case 'conf':
      return (CONF_COMBINE[check.key] ?? 'dev') === 'dev' ? msg('check.reads.confDev', { host: check.host, dev: check.dev, key: check.key }) : msg('check.reads.conf', { host: check.host, dev: check.dev, key: check.key });
    case 'sysctl':
      return msg('check.reads.sysctl', { host: check.host, name: check.name, path: `/proc/sys/${check.name.replaceAll('.', '/')}` });
    case 'neighbour':
      return msg('check.reads.neigh', { host: check.host });
    case 'ipvs-service':
    case 'ipvs-dest':
      return msg('check.reads.ipvs', { host: check.host });
  }
}
