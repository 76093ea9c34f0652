// The journal's boots: what `journalctl -b`, `-b -1` and `--list-boots` see.
// Every boot has a boot ID (the kernel's random UUID, /proc/sys/kernel/
// random/boot_id) and the lines logged during it (Systemd.journal). A boot's
// lines outlive it only when journald stored them on disk: with Storage=auto
// (journald.conf's default on both distributions) that is when
// /var/log/journal exists when journald flushes at boot. Debian 12 creates
// it (the persistent journal of Debian 11's release notes); Rocky 9
// does not, so its journal lives in /run/log/journal and a reboot loses it,
// until the learner runs `mkdir /var/log/journal` and reboots.
import { SeededRandom } from '../../core/random.ts';
import type { Host } from '../host.ts';
import { hashName } from '../processes.ts';
import type { JournalLine } from './manager.ts';

export const PERSISTENT_JOURNAL_DIRECTORY = '/var/log/journal';

export interface JournalBoot {
  /** 32 hex digits, as sd_id128 prints a boot ID. */
  id: string;
  lines: readonly JournalLine[];
}

/**
 * The boot's ID, drawn from the lab's seed, the host's name and the boot's
 * number (never from the lab's random source): a random version 4 UUID as
 * the kernel's generate_random_uuid makes it.
 */
export function bootId(seed: number, hostName: string, boot: number): string {
  const random = new SeededRandom(hashName(seed, `${hostName}/boot/${boot}`));
  const bytes = Array.from({ length: 16 }, () => random.int(0, 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether journald keeps this boot's lines on disk (Storage=auto: the directory exists when it flushes at boot). */
export function journalOnDisk(host: Host): boolean {
  const stat = host.fs.stat(PERSISTENT_JOURNAL_DIRECTORY);
  return stat.ok && stat.value.type === 'dir';
}

/** The boots journalctl can read on the host, oldest first, the current one last. */
export function journalBoots(host: Host): JournalBoot[] {
  return [...host.storedBoots, { id: bootId(host.env.seed, host.name, host.boot), lines: host.systemd.journal }];
}

/**
 * A reboot: the new kernel's journal starts with the boots stored in
 * /var/log/journal, the one that just ended among them when journald had
 * flushed it there (the directory existed at its boot). Without the
 * directory now, nothing was kept.
 */
export function inheritJournal(old: Host, next: Host): void {
  if (!journalOnDisk(old)) return;
  const ended = old.journalFlushed ? [{ id: bootId(old.env.seed, old.name, old.boot), lines: old.systemd.journal }] : [];
  next.storedBoots = [...old.storedBoots, ...ended];
}
