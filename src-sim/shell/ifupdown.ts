// Debian 12's ifupdown (0.8.41): /etc/network/interfaces (and what it
// sources) read as interfaces(5) describes it, and ifup/ifdown running the
// inet methods' commands of its inet.defn through the lab shell, with its
// state in /run/network/ifstate. The commands, messages and exit statuses
// were recorded with ifupdown 0.8.41's ifup and ifdown in `unshare -n`.
import type { Command, CommandContext } from './context.ts';
import { absolutePath } from './cwd.ts';
import { expandPathname } from './shell-files.ts';
import { formatIp4, parseIp4 } from '../net/addr.ts';

export const INTERFACES_FILE = '/etc/network/interfaces';
export const IFSTATE_FILE = '/run/network/ifstate';

export interface IfaceStanza {
  name: string;
  family: string;
  method: string;
  /** Options in the order written (address, netmask, gateway, up, post-up, …). */
  options: Array<[string, string]>;
}

export interface InterfacesConfig {
  /** `auto` and `allow-auto` names, in order. */
  auto: string[];
  /** allow-CLASS names by class (hotplug, …). */
  allow: Map<string, string[]>;
  stanzas: IfaceStanza[];
}

/** Reads the interfaces file and the files it sources; an error is ifup's message. */
export function readInterfaces(ctx: CommandContext, path: string): InterfacesConfig | { error: string } {
  const config: InterfacesConfig = { auto: [], allow: new Map(), stanzas: [] };
  const error = readFile(ctx, path, config, 0);
  return error === null ? config : { error };
}

function readFile(ctx: CommandContext, path: string, config: InterfacesConfig, depth: number): string | null {
  const read = ctx.host.fs.read(absolutePath(ctx.host, path));
  if (!read.ok) return depth === 0 ? `couldn't read interfaces file "${path}"` : null;
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  let current: IfaceStanza | null = null;
  // A line ending in a backslash goes on with the next one.
  const lines = read.value.replace(/\\\n/g, ' ').split('\n');
  for (let i = 0; i < lines.length; i++) {
    ctx.budget.spend();
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = line.split(/\s+/);
    const keyword = words[0]!;
    if (keyword === 'iface') {
      if (words.length < 4) return `${path}:${i + 1}: too few parameters for iface line`;
      current = { name: words[1]!, family: words[2]!, method: words[3]!, options: [] };
      config.stanzas.push(current);
    } else if (keyword === 'auto' || keyword === 'allow-auto') {
      config.auto.push(...words.slice(1));
      current = null;
    } else if (keyword.startsWith('allow-')) {
      const cls = keyword.slice('allow-'.length);
      config.allow.set(cls, [...(config.allow.get(cls) ?? []), ...words.slice(1)]);
      current = null;
    } else if (keyword === 'source' || keyword === 'source-directory' || keyword === 'source-dir') {
      const target = words.slice(1).join(' ');
      const pattern = target.startsWith('/') ? target : `${dir}/${target}`;
      const files =
        keyword === 'source'
          ? expandPathname(ctx.host, '/', pattern, (n) => ctx.budget.spend(n))
          : directoryParts(ctx, pattern);
      for (const file of files) {
        if (depth > 8) break;
        const error = readFile(ctx, file, config, depth + 1);
        if (error) return error;
      }
      current = null;
    } else if (keyword === 'mapping' || keyword === 'rename') {
      current = null;
    } else {
      if (current === null) return `${path}:${i + 1}: misplaced option`;
      current.options.push([keyword, words.slice(1).join(' ')]);
    }
  }
  return null;
}

/** source-directory: the directory's files whose names are letters, digits, '_' and '-' (run-parts' rule). */
function directoryParts(ctx: CommandContext, dir: string): string[] {
  const names = ctx.host.fs.list(dir);
  return names.ok ? names.value.filter((n) => /^[a-zA-Z0-9_-]+$/.test(n)).map((n) => `${dir}/${n}`) : [];
}

/** /run/network/ifstate: the interfaces ifup brought up ("lo=lo" lines), in order. */
export function readState(ctx: CommandContext): string[] {
  const read = ctx.host.fs.read(IFSTATE_FILE);
  if (!read.ok) return [];
  return read.value.split('\n').filter((l) => l !== '').map((l) => l.split('=')[0]!);
}

export function writeState(ctx: CommandContext, names: readonly string[]): void {
  ctx.host.fs.mkdir('/run/network', { parents: true });
  ctx.host.fs.write(IFSTATE_FILE, names.map((n) => `${n}=${n}\n`).join(''));
}

const option = (stanza: IfaceStanza, key: string): string | undefined => stanza.options.find(([k]) => k === key)?.[1];
const options = (stanza: IfaceStanza, ...keys: string[]): string[] => stanza.options.filter(([k]) => keys.includes(k)).map(([, v]) => v);

/** The address, netmask and broadcast words inet static gives ip: `ADDR/NETMASK broadcast B` (a /N address becomes a dotted netmask). */
function staticAddress(stanza: IfaceStanza): string | null {
  const address = option(stanza, 'address');
  if (address === undefined) return null;
  const [ip = '', len] = address.split('/');
  let netmask = option(stanza, 'netmask');
  if (len !== undefined && netmask === undefined && /^\d+$/.test(len) && Number(len) <= 32) {
    const bits = Number(len);
    netmask = formatIp4(bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);
  }
  if (netmask === undefined) return ip;
  let words = `${ip}/${netmask}`;
  const broadcast = option(stanza, 'broadcast');
  const ipNumber = parseIp4(ip);
  const maskNumber = parseIp4(netmask);
  if (broadcast !== undefined) words += ` broadcast ${broadcast}`;
  else if (ipNumber !== null && maskNumber !== null) words += ` broadcast ${formatIp4((ipNumber | ~maskNumber) >>> 0)}`;
  return words;
}

/** The commands ifup runs for one stanza, in order (pre-up, the method's, up/post-up). */
export function upCommands(stanza: IfaceStanza): string[] | null {
  const method: string[] = [];
  const iface = stanza.name;
  if (stanza.family !== 'inet') return null;
  if (stanza.method === 'loopback') method.push(`ip link set dev ${iface} up`);
  else if (stanza.method === 'static') {
    const address = staticAddress(stanza);
    if (address === null) return null;
    method.push(`ip addr add ${address} dev ${iface} label ${iface}`, `ip link set dev ${iface} up`);
    const gateway = option(stanza, 'gateway');
    if (gateway !== undefined) method.push(`ip route add default via ${gateway} dev ${iface} onlink`);
  } else if (stanza.method !== 'manual') return null;
  return [...options(stanza, 'pre-up'), ...method, ...options(stanza, 'up', 'post-up')];
}

/** The commands ifdown runs: down/pre-down, the method's, post-down. An alias (lo:0) keeps its device up. */
export function downCommands(stanza: IfaceStanza): string[] | null {
  const method: string[] = [];
  const iface = stanza.name;
  if (stanza.family !== 'inet') return null;
  if (stanza.method === 'loopback') method.push(`ip link set dev ${iface} down`);
  else if (stanza.method === 'static') {
    const address = staticAddress(stanza);
    if (address === null) return null;
    const gateway = option(stanza, 'gateway');
    if (gateway !== undefined) method.push(`ip route del default via ${gateway} dev ${iface} 2>&1 1>/dev/null || true`);
    method.push(`ip addr del ${address} dev ${iface} label ${iface}`);
    if (!iface.includes(':')) method.push(`ip link set dev ${iface} down`);
  } else if (stanza.method !== 'manual') return null;
  return [...options(stanza, 'down', 'pre-down'), ...method, ...options(stanza, 'post-down')];
}

/**
 * ifup and ifdown (one program in ifupdown): -a (every `auto` interface, or
 * with --allow=CLASS every allow-CLASS one; ifdown -a: every interface up),
 * -i FILE, -X/--exclude, -f; -v, --no-scripts and --read-environment change
 * nothing the lab shows. Each command runs through the lab shell as ifupdown
 * runs it through /bin/sh; the first that fails stops the interface.
 */
export function ifupdown(direction: 'up' | 'down'): Command {
  return (ctx) => {
    const self = direction === 'up' ? 'ifup' : 'ifdown';
    if (ctx.host.os !== 'debian-12') {
      ctx.err(`${self}: the lab models Debian's ifupdown; on Rocky 9 NetworkManager brings up the ifcfg files (not simulated)\n`);
      return 1;
    }
    const args = ctx.argv.slice(1);
    let all = false;
    let force = false;
    let file = INTERFACES_FILE;
    let allowClass: string | null = null;
    const excludes: string[] = [];
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const value = (long: string): string | undefined => (arg.startsWith(`${long}=`) ? arg.slice(long.length + 1) : args[++i]);
      if (arg === '-a' || arg === '--all') all = true;
      else if (arg === '-f' || arg === '--force') force = true;
      else if (arg === '-v' || arg === '--verbose' || arg === '--no-scripts' || arg === '--read-environment' || arg === '--ignore-errors' || arg === '--no-mappings') continue;
      else if (arg === '-i' || arg.startsWith('--interfaces')) file = value('--interfaces') ?? file;
      else if (arg === '-X' || arg.startsWith('--exclude')) excludes.push(value('--exclude') ?? '');
      else if (arg.startsWith('--allow')) allowClass = value('--allow') ?? null;
      else if (arg.startsWith('-')) {
        ctx.err(`${self}: unrecognized option '${arg}'\n${self}: Use --help for help\n`);
        return 1;
      } else names.push(arg.split('=')[0]!);
    }
    const config = readInterfaces(ctx, file);
    if ('error' in config) {
      ctx.err(`${self}: ${config.error}\n`);
      return 1;
    }
    let state = readState(ctx);
    if (all) {
      const listed = direction === 'down' ? [...state].reverse() : allowClass === null ? config.auto : (config.allow.get(allowClass) ?? []);
      names.push(...listed);
    } else if (names.length === 0) {
      ctx.err(`${self}: no interface(s) specified\n${self}: Use --help for help\n`);
      return 1;
    }
    let exit = 0;
    const run = (line: string): number => {
      const r = ctx.run(line);
      ctx.out(r.stdout);
      ctx.err(r.stderr);
      return r.exit;
    };
    for (const name of names) {
      if (excludes.some((x) => x === name)) continue;
      const up = state.includes(name);
      if (direction === 'up' && up && !force) {
        // -a passes over what is up without a word.
        if (!all) ctx.err(`ifup: interface ${name} already configured\n`);
        continue;
      }
      if (direction === 'down' && !up && !force) {
        ctx.err(`ifdown: interface ${name} not configured\n`);
        continue;
      }
      const stanzas = config.stanzas.filter((s) => s.name === name && s.family === 'inet');
      if (stanzas.length === 0 && direction === 'up') {
        ctx.err(`ifup: unknown interface ${name}\n`);
        exit = 1;
        continue;
      }
      let failed = false;
      for (const stanza of stanzas) {
        for (const line of (direction === 'up' ? upCommands(stanza) : downCommands(stanza)) ?? []) {
          if (run(line) !== 0 && direction === 'up') {
            failed = true;
            break;
          }
        }
        if (failed) break;
      }
      if (failed) {
        ctx.err(`ifup: failed to bring up ${name}\n`);
        exit = 1;
        continue;
      }
      state = direction === 'up' ? [...state, name] : state.filter((n) => n !== name);
      writeState(ctx, state);
    }
    return exit;
  };
}
