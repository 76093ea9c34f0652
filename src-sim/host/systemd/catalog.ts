// The message catalog entries (catalog/systemd.catalog.in, systemd 252) of
// the lines the lab's systemd logs: what `journalctl -x` prints under a line
// that carries a MESSAGE_ID. The Support: URL is the distribution's build
// option (-Dsupport-url): Debian's, and Rocky's debranded one.
import type { HostOs } from '../os.ts';

const CATALOG = {
  'unit-starting': ['A start job for unit @UNIT@ has begun execution', 'A start job for unit @UNIT@ has begun execution.\n\nThe job identifier is @JOB_ID@.'],
  'unit-started': ['A start job for unit @UNIT@ has finished successfully', 'A start job for unit @UNIT@ has finished successfully.\n\nThe job identifier is @JOB_ID@.'],
  'unit-failed': ['A start job for unit @UNIT@ has failed', 'A start job for unit @UNIT@ has finished with a failure.\n\nThe job identifier is @JOB_ID@ and the job result is @JOB_RESULT@.'],
  'unit-stopping': ['A stop job for unit @UNIT@ has begun execution', 'A stop job for unit @UNIT@ has begun execution.\n\nThe job identifier is @JOB_ID@.'],
  'unit-stopped': ['A stop job for unit @UNIT@ has finished', 'A stop job for unit @UNIT@ has finished.\n\nThe job identifier is @JOB_ID@ and the job result is @JOB_RESULT@.'],
  'unit-reloading': ['A reload job for unit @UNIT@ has begun execution', 'A reload job for unit @UNIT@ has begun execution.\n\nThe job identifier is @JOB_ID@.'],
  'unit-reloaded': ['A reload job for unit @UNIT@ has finished', 'A reload job for unit @UNIT@ has finished.\n\nThe job identifier is @JOB_ID@ and the job result is @JOB_RESULT@.'],
  'unit-success': ['Unit succeeded', "The unit @UNIT@ has successfully entered the 'dead' state."],
  'unit-process-exit': ['Unit process exited', "An @COMMAND@= process belonging to unit @UNIT@ has exited.\n\nThe process' exit code is '@EXIT_CODE@' and its exit status is @EXIT_STATUS@."],
  'unit-failure-result': ['Unit failed', "The unit @UNIT@ has entered the 'failed' state with result '@UNIT_RESULT@'."],
  'spawn-failed': ['Process @EXECUTABLE@ could not be executed', 'The process @EXECUTABLE@ could not be executed and failed.\n\nThe error number returned by this process is @ERRNO@.'],
} as const;

export type CatalogId = keyof typeof CATALOG;

/** A journal line's MESSAGE_ID and the fields its catalog entry names. */
export interface CatalogRef {
  id: CatalogId;
  fields: Readonly<Record<string, string | number>>;
}

const SUPPORT_URL: Record<HostOs, string> = {
  'debian-12': 'https://www.debian.org/support',
  'rocky-9': 'https://wiki.rockylinux.org/rocky/support',
};

/** The entry as print_catalog writes it: every line after "░░ " (U+2591 twice, then a space, even on an empty line). */
export function catalogLines(ref: CatalogRef, os: HostOs): string {
  const [subject, body] = CATALOG[ref.id];
  const text = `Subject: ${subject}\nDefined-By: systemd\nSupport: ${SUPPORT_URL[os]}\n\n${body}`;
  const filled = text.replace(/@([A-Z_]+)@/g, (_, name: string) => String(ref.fields[name] ?? ''));
  return filled.split('\n').map((line) => `░░ ${line}\n`).join('');
}
