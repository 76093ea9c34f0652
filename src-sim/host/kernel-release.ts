// The kernel each distribution's lab host runs: uname's release and version
// strings, and the /lib/modules directory modprobe looks in. Debian 12's
// 6.1.76-1 (bookworm's point release of February 2024) and Rocky 9.4's GA
// kernel, as `uname -a` prints them on those systems.
import type { HostOs } from './os.ts';

export interface KernelRelease {
  /** uname -r. */
  release: string;
  /** uname -v. */
  version: string;
  /** uname -p and -i: Debian's coreutils says "unknown" (and -a leaves them out); Fedora's patch makes them the machine's. */
  processor: string;
}

export const KERNEL: Record<HostOs, KernelRelease> = {
  'debian-12': { release: '6.1.0-18-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)', processor: 'unknown' },
  'rocky-9': { release: '5.14.0-427.13.1.el9_4.x86_64', version: '#1 SMP PREEMPT_DYNAMIC Wed May 1 19:11:28 UTC 2024', processor: 'x86_64' },
};
