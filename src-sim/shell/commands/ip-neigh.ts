// ip neigh show | add | replace | change | del | get | flush
import { formatIp4, parseIp4, parseMac } from '../../net/addr.ts';
import type { NetDevice } from '../../host/device.ts';
import type { NudState } from '../../host/neighbour/machine.ts';
import { NUD_VALID, type NeighbourEntry } from '../../host/neighbour/table.ts';
import type { CommandContext } from '../context.ts';
import { paint } from './ip-format.ts';
import { ipJsonOutput, type IpJson } from './ip-json.ts';
import { familyWord, matches, unknownVerb, type IpOptions } from './ip-object.ts';

const NUD_NAMES: Record<string, NudState | 'all'> = {
  permanent: 'PERMANENT', noarp: 'NOARP', reachable: 'REACHABLE', stale: 'STALE', none: 'NONE',
  incomplete: 'INCOMPLETE', delay: 'DELAY', probe: 'PROBE', failed: 'FAILED', all: 'all',
};

export function ipNeigh(ctx: CommandContext, args: string[], options: IpOptions): number {
  const verb = args[0];
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list')) return showOrFlush(ctx, args.slice(1), options, false);
  if (matches(verb, 'flush')) return showOrFlush(ctx, args.slice(1), options, true);
  if (matches(verb, 'add')) return modify(ctx, args.slice(1), 'add', options);
  if (matches(verb, 'replace')) return modify(ctx, args.slice(1), 'replace', options);
  if (matches(verb, 'change') || verb === 'chg') return modify(ctx, args.slice(1), 'change', options);
  if (matches(verb, 'delete')) return modify(ctx, args.slice(1), 'del', options);
  if (matches(verb, 'get')) return get(ctx, args.slice(1), options);
  return unknownVerb(ctx, verb, 'neigh');
}

function showOrFlush(ctx: CommandContext, args: string[], options: IpOptions, flush: boolean): number {
  let dev: NetDevice | undefined;
  let states: Set<NudState> | null = null;
  let to: number | null = null;
  let proxies = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === 'proxy') proxies = true;
    else if (word === 'dev') {
      const name = args[++i] ?? '';
      dev = ctx.host.device(name);
      if (!dev) {
        ctx.err(`Cannot find device "${name}"\n`);
        return 1;
      }
    } else if (word === 'nud') {
      const state = NUD_NAMES[args[++i] ?? ''];
      if (!state) {
        ctx.err(`Error: argument "${args[i] ?? ''}" is wrong: nud state is bad\n`);
        return 255;
      }
      states ??= new Set();
      if (state === 'all') Object.values(NUD_NAMES).forEach((s) => s !== 'all' && states!.add(s));
      else states.add(state);
    } else if (word === 'all') continue; // flush all: an argument, no filter.
    else if (word === 'to' || parseIp4(word) !== null) {
      to = parseIp4(word === 'to' ? (args[++i] ?? '') : word);
    } else {
      ctx.err(`Error: either "to" is duplicate, or "${word}" is a garbage.\n`);
      return 1;
    }
  }
  // do_show_or_flush wants any argument at all (`flush nud stale` will do).
  if (flush && args.length === 0) {
    ctx.err('Flush requires arguments.\n');
    return 1;
  }
  // By default show hides NOARP and NONE; flush leaves PERMANENT and NOARP alone but takes NONE.
  const visible = (e: NeighbourEntry): boolean => {
    if (states) return states.has(e.nud);
    if (flush) return e.nud !== 'NOARP' && e.nud !== 'PERMANENT';
    return e.nud !== 'NOARP' && e.nud !== 'NONE';
  };
  if (proxies && !flush) {
    // `show proxy`: the proxy entries (NTF_PROXY), printed as print_neigh prints them.
    for (const p of ctx.host.neigh.listProxies()) {
      if ((dev && p.dev !== dev) || (to !== null && p.ip !== to)) continue;
      ctx.out(`${formatIp4(p.ip)} ${dev ? '' : `dev ${p.dev.name} `}proxy \n`);
    }
    return 0;
  }
  const records: IpJson[] = [];
  let flushed = 0;
  for (const entry of ctx.host.neigh.list()) {
    if ((dev && entry.dev !== dev) || (to !== null && entry.ip !== to) || !visible(entry)) continue;
    if (flush) {
      ctx.host.neigh.update(entry, null, 'FAILED', { override: true, admin: true }, 'admin');
      ctx.host.neigh.remove(entry);
      flushed++;
      continue;
    }
    if (options.json) records.push(entryJson(ctx, entry, dev !== undefined, options));
    else ctx.out(formatEntry(ctx, entry, dev !== undefined, options));
  }
  if (options.json && !flush) ctx.out(ipJsonOutput(records, options.pretty));
  // -s: do_show_or_flush reports each round (one: the second dump finds nothing left).
  if (flush && options.stats) ctx.out(flushed > 0 ? `\n*** Round 1, deleting ${flushed} entries ***\n*** Flush is complete after 1 round ***\n` : 'Nothing to flush.\n');
  return 0;
}

/** print_neigh in JSON: the text's fields, the state as a list of its NUD flags. */
function entryJson(ctx: CommandContext, e: NeighbourEntry, devFiltered: boolean, options: IpOptions): IpJson {
  const record: Record<string, IpJson> = { dst: e.ipText };
  if (!devFiltered) record.dev = e.dev.name;
  if (NUD_VALID.has(e.nud) && e.lladdr) record.lladdr = e.lladdr;
  if (options.stats) {
    const stats = cacheInfo(ctx, e);
    if (stats.refcnt) record.refcnt = stats.refcnt;
    Object.assign(record, { used: stats.used, confirmed: stats.confirmed, updated: stats.updated, probes: e.probes });
  }
  if (e.nud !== 'NONE') record.state = [e.nud];
  return record;
}

/**
 * NDA_CACHEINFO as print_cacheinfo shows it: ages in whole seconds, and
 * ndm_refcnt, the references beyond the table's own: a pending timer holds
 * one (neigh_add_timer), so REACHABLE, DELAY, PROBE and INCOMPLETE entries show "ref 1".
 */
function cacheInfo(ctx: CommandContext, e: NeighbourEntry): { refcnt: number; used: number; confirmed: number; updated: number } {
  const now = ctx.clock.now;
  const secs = (t: number): number => Math.max(0, Math.floor((now - t) / 1_000_000));
  return { refcnt: e.timer !== null ? 1 : 0, used: secs(e.used), confirmed: secs(e.confirmed), updated: secs(e.updated) };
}

function formatEntry(ctx: CommandContext, e: NeighbourEntry, devFiltered: boolean, options: IpOptions): string {
  // ip -c paints each field with the space after it; the folded line is the same.
  let line = paint(options.color, 'inet', `${e.ipText} `);
  if (!devFiltered) line += `dev ${paint(options.color, 'ifname', `${e.dev.name} `)}`;
  if (NUD_VALID.has(e.nud) && e.lladdr) line += `lladdr ${paint(options.color, 'mac', `${e.lladdr} `)}`;
  if (options.stats) {
    const stats = cacheInfo(ctx, e);
    if (stats.refcnt) line += ` ref ${stats.refcnt}`;
    line += ` used ${stats.used}/${stats.confirmed}/${stats.updated}probes ${e.probes} `;
  }
  if (e.nud !== 'NONE') line += `${e.nud} `;
  return `${line}\n`;
}

function modify(ctx: CommandContext, args: string[], op: 'add' | 'replace' | 'change' | 'del', options: IpOptions): number {
  let ip: number | null = null;
  let mac: string | null = null;
  let devName: string | undefined;
  let state: NudState = 'PERMANENT';
  let proxy = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (matches(word, 'proxy') && i + 1 < args.length) {
      // `proxy [to] ADDR`: the destination, flagged NTF_PROXY.
      proxy = true;
      let text = args[++i]!;
      if (matches(text, 'to')) text = args[++i] ?? '';
      ip = parseIp4(text);
      if (ip === null) {
        ctx.err(`Error: ${familyWord(options)} address is expected rather than "${text}".\n`);
        return 1;
      }
    } else if (word === 'lladdr') {
      const text = args[++i] ?? '';
      mac = parseMac(text);
      if (!mac) {
        ctx.err(`"${text}" is invalid lladdr.\n`);
        return 1;
      }
    } else if (word === 'dev') devName = args[++i];
    else if (word === 'nud') {
      const s = NUD_NAMES[args[++i] ?? ''];
      if (!s || s === 'all') {
        ctx.err(`Error: argument "${args[i] ?? ''}" is wrong: nud state is bad\n`);
        return 255;
      }
      state = s;
    } else if (word === 'to' || ip === null) {
      const text = word === 'to' ? (args[++i] ?? '') : word;
      ip = parseIp4(text);
      if (ip === null) {
        ctx.err(`Error: ${familyWord(options)} address is expected rather than "${text}".\n`);
        return 1;
      }
    } else {
      ctx.err(`Error: either "to" is duplicate, or "${word}" is a garbage.\n`);
      return 1;
    }
  }
  if (devName === undefined || ip === null) {
    ctx.err('Device and destination are required arguments.\n');
    return 255;
  }
  const dev = ctx.host.device(devName);
  if (!dev) {
    ctx.err(`Cannot find device "${devName}"\n`);
    return 1;
  }
  const table = ctx.host.neigh;
  if (proxy) {
    // neigh_add/neigh_delete with NTF_PROXY: only the proxy table is touched.
    if (op === 'del') {
      if (table.removeProxy(ip, dev)) return 0;
      ctx.err('RTNETLINK answers: No such file or directory\n');
      return 2;
    }
    table.addProxy(ip, dev);
    return 0;
  }
  const existing = table.lookup(ip, dev);
  if (op === 'del') {
    if (!existing || existing.nud === 'NONE') {
      ctx.err('RTNETLINK answers: No such file or directory\n');
      return 2;
    }
    table.update(existing, null, 'FAILED', { override: true, admin: true }, 'admin');
    table.remove(existing);
    return 0;
  }
  if (op === 'add' && existing && existing.nud !== 'NONE' && existing.nud !== 'FAILED') {
    ctx.err('RTNETLINK answers: File exists\n');
    return 2;
  }
  if (op === 'change' && !existing) {
    ctx.err('RTNETLINK answers: No such file or directory\n');
    return 2;
  }
  // neigh_add looks the entry up or creates it before __neigh_update refuses
  // the missing address: a refused add leaves a NONE entry behind (kernel run 421).
  const entry = existing ?? table.create(ip, dev);
  if (NUD_VALID.has(state) && state !== 'NOARP' && !mac && !existing?.lladdr) {
    ctx.err('Error: No link layer address given.\n');
    return 2;
  }
  table.update(entry, mac, state, { override: true, admin: true }, 'admin');
  return 0;
}

/** `ip neigh get ADDR dev DEV`: RTM_GETNEIGH for one entry, printed as show prints it. */
function get(ctx: CommandContext, args: string[], options: IpOptions): number {
  let ip: number | null = null;
  let devName: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === 'dev') devName = args[++i];
    else {
      const text = word === 'to' ? (args[++i] ?? '') : word;
      ip = parseIp4(text);
      if (ip === null) {
        ctx.err(`Error: ${familyWord(options)} address is expected rather than "${text}".\n`);
        return 1;
      }
    }
  }
  if (devName === undefined || ip === null) {
    ctx.err('Device and address are required arguments.\n');
    return 1;
  }
  const dev = ctx.host.device(devName);
  if (!dev) {
    ctx.err(`Cannot find device "${devName}"\n`);
    return 1;
  }
  const entry = ctx.host.neigh.lookup(ip, dev);
  if (!entry) {
    ctx.err('Error: Neighbour entry not found.\n');
    return 2;
  }
  ctx.out(options.json ? ipJsonOutput([entryJson(ctx, entry, false, options)], options.pretty) : formatEntry(ctx, entry, false, options));
  return 0;
}
