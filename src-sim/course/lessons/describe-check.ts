// A check's title, as a message, when the lesson gives none.
import { list, msg, type Message } from '../../i18n/catalogue.ts';
import type { Check } from './check-types.ts';

export function describeCheck(check: Check): Message {
  const title = describeWhat(check);
  // The commands stay as typed, joined as a commands file would run them.
  return check.after && check.after.length > 0 ? msg('check.title.after', { title, commands: check.after.join('; ') }) : title;
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
