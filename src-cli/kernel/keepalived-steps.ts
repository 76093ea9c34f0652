// The keepalived step forms the kernel runner accepts (scenario-v1,
// "Keepalived scenarios"), recognised whole and never handed to a shell:
// - `cat > /etc/keepalived/NAME <<'EOF'` … `EOF`: the host's file is written
//   with the body (only plain names inside /etc/keepalived);
// - `systemctl start|stop|restart|is-active keepalived[.service]` alone on the line.
// Pure: keepalived.ts runs them.

export type KeepalivedVerb = 'start' | 'stop' | 'restart' | 'is-active';

/** `systemctl VERB keepalived[.service]` alone on the line: the verb; anything else: null. */
export function keepalivedControl(run: string): KeepalivedVerb | null {
  const m = /^\s*systemctl\s+(start|stop|restart|is-active)\s+keepalived(?:\.service)?\s*$/.exec(run);
  return m ? (m[1] as KeepalivedVerb) : null;
}

/** A file name keepalived's directory may hold (no path, no dot-names). */
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/**
 * `cat > /etc/keepalived/NAME <<'DELIM'` followed by the body and DELIM: the
 * file and what it holds; null for any other line. An unquoted delimiter is
 * accepted only when the body has nothing the shell would expand.
 */
export function keepalivedFileWrite(run: string): { name: string; text: string } | null {
  const m = /^cat\s*>\s*\/etc\/keepalived\/([^\s<>;&|]+)\s*<<\s*(?:'([A-Za-z_]\w*)'|"([A-Za-z_]\w*)"|([A-Za-z_]\w*))[ \t]*\n([\s\S]*)$/.exec(run);
  if (!m) return null;
  const name = m[1]!;
  if (!NAME_RE.test(name)) return null;
  const delimiter = m[2] ?? m[3] ?? m[4]!;
  const quoted = m[4] === undefined;
  const lines = m[5]!.split('\n');
  const end = lines.indexOf(delimiter);
  if (end < 0 || lines.slice(end + 1).some((l) => l.trim() !== '')) return null;
  const text = lines.slice(0, end).map((l) => `${l}\n`).join('');
  if (!quoted && /[$`\\]/.test(text)) return null;
  return { name, text };
}

/** Why a keepalived configuration cannot run on the comparison kernel (null: it can). */
export function keepalivedConfigProblem(text: string): string | null {
  // The kernel here has no IPVS: keepalived's checker would program nothing.
  if (/^\s*virtual_server(_group)?\b/m.test(text)) return 'a keepalived configuration with virtual_server is simulator-only (the comparison kernel has no IPVS)';
  return null;
}
