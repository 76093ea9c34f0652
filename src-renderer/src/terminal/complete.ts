// Tab completion for the lab shell: commands, their options, `ip` objects,
// interface names, sysctl keys and /proc/sys paths. Pure: the terminal passes
// the line and what the host has; this decides what Tab inserts.
import { COMMAND_OPTIONS, INTERFACE_ARGUMENTS, IP_KEYWORDS, IP_OBJECTS } from './command-words.ts';

export interface CompletionSource {
  commands: readonly string[];
  /** The host's interface names (eth0, lo, lo:0 …). */
  interfaces: readonly string[];
  /** Every sysctl key, dotted (net.ipv4.conf.all.arp_ignore). */
  sysctlKeys: readonly string[];
}

export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number;
  /** Every match, sorted; shown when Tab is pressed twice. */
  candidates: string[];
  /** The text to put in place of the word (their longest common prefix, plus a space when unique and final). */
  replacement: string;
}

const PROC_SYS = '/proc/sys/';
const FILES = ['/etc/ipvsadm.rules'];

export function complete(line: string, cursor: number, source: CompletionSource): Completion {
  const before = line.slice(0, cursor);
  // The current simple command starts after the last ; && || or |.
  const commandStart = Math.max(before.lastIndexOf(';'), before.lastIndexOf('&'), before.lastIndexOf('|')) + 1;
  const start = Math.max(before.lastIndexOf(' '), before.lastIndexOf('>'), commandStart - 1) + 1;
  const word = before.slice(start);
  const previous = before.slice(commandStart, start).trim().split(/\s+/).filter((w) => w !== '');
  const [candidates, separator] = candidatesFor(word, previous, source);
  const matches = [...new Set(candidates.filter((c) => c.startsWith(word)))].sort();
  return { start, candidates: matches, replacement: replacementFor(word, matches, separator) };
}

/** Candidates and the character that separates their parts ('.' or '/'), if completed part by part. */
function candidatesFor(word: string, previous: readonly string[], source: CompletionSource): [string[], string | null] {
  if (word.startsWith('/')) return [[...procPaths(source.sysctlKeys), ...FILES], '/'];
  const command = previous[0];
  if (command === undefined) return [[...source.commands], null];
  const last = previous[previous.length - 1]!;
  if (INTERFACE_ARGUMENTS[command]?.includes(last)) return [[...source.interfaces], null];
  if (command === 'ifconfig' && previous.length === 1 && !word.startsWith('-')) return [[...source.interfaces], null];
  if (command === 'sysctl' && !word.startsWith('-') && !word.includes('=')) return [[...source.sysctlKeys], '.'];
  if (command === 'ip') return [ipWords(previous.slice(1).filter((w) => !w.startsWith('-')), word), null];
  return [[...(COMMAND_OPTIONS[command] ?? [])], null];
}

function ipWords(args: readonly string[], word: string): string[] {
  if (word.startsWith('-')) return [...(COMMAND_OPTIONS['ip'] ?? [])];
  const [object, verb] = args;
  if (object === undefined) return Object.keys(IP_OBJECTS);
  const full = Object.keys(IP_OBJECTS).find((o) => o.startsWith(object));
  if (full === undefined) return [];
  if (verb === undefined) return [...IP_OBJECTS[full]!];
  return [...IP_KEYWORDS[full]!];
}

/** /proc/sys/net/ipv4/conf/all/arp_ignore for every key. */
function procPaths(keys: readonly string[]): string[] {
  return keys.map((k) => PROC_SYS + k.replace(/\./g, '/'));
}

/**
 * Keys and paths complete one part at a time, as bash does for directories:
 * `net.ipv4.c` → `net.ipv4.conf.`, not every key below it.
 */
function replacementFor(word: string, matches: readonly string[], separator: string | null): string {
  if (matches.length === 0) return word;
  const parts = separator === null ? matches : [...new Set(matches.map((m) => upToNextSeparator(m, word.length, separator)))];
  const common = commonPrefix(parts);
  const final = parts.length === 1 && (separator === null || !common.endsWith(separator));
  return final ? `${common} ` : common;
}

function upToNextSeparator(candidate: string, from: number, separator: string): string {
  const next = candidate.indexOf(separator, from);
  return next === -1 ? candidate : candidate.slice(0, next + 1);
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
