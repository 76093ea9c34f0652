// The /proc/sys/net writer of one host namespace. A sysctl file belongs to
// the network namespace of the process that opens it, so the runner cannot
// open it itself: a small node process runs inside the namespace (`ip netns
// exec NS node -e …`) and, for each redirection, opens the file (truncating
// or appending, as bash's `>` or `>>`), writes the bytes in one write(2) as
// bash's echo does (a sysctl file parses each write alone), and closes it.
//
// One process per host for the whole run, fed one request per line, instead
// of one process per write: starting node costs 100-700 ms on a loaded
// machine, which stretched `echo 1 > /proc/sys/…` far past what a shell
// takes and broke timing-sensitive scenarios (204). A request now costs a
// round trip on a pipe.
import { spawn, type ChildProcess } from 'node:child_process';
import { CHILD_ENV, killTree, liveChildren } from './exec.ts';

/**
 * Reads `{"path","append","data"}` lines (data in base64) and answers each
 * with `{"error": null | "ECODE"}`, in order. It refuses any path outside
 * /proc/sys/net (the allowlist already did; this keeps a root process honest).
 */
const WRITER_SCRIPT = `const fs=require('fs');let buf='';
const answer=(error)=>process.stdout.write(JSON.stringify({error})+'\\n');
const handle=(line)=>{const q=JSON.parse(line);
if(typeof q.path!=='string'||!q.path.startsWith('/proc/sys/net/')||q.path.split('/').includes('..'))return answer('EACCES');
let fd;try{fd=fs.openSync(q.path,q.append?'a':'w')}catch(e){return answer(String(e.code))}
let error=null;const d=Buffer.from(q.data,'base64');
try{if(d.length>0)fs.writeSync(fd,d)}catch(e){error=String(e.code)}
fs.closeSync(fd);answer(error)};
process.stdin.setEncoding('utf8');
process.stdin.on('data',(c)=>{buf+=c;let i;while((i=buf.indexOf('\\n'))>=0){const line=buf.slice(0,i);buf=buf.slice(i+1);handle(line)}});
process.stdin.on('end',()=>process.exit(0));
process.stdout.write('ready\\n');`;

/** How long the writer may take to start (node, under load). */
const START_TIMEOUT_MS = 15_000;

interface Pending {
  resolve: (error: string | null) => void;
  timer: NodeJS.Timeout;
}

export class ProcSysWriter {
  private child: ChildProcess | null = null;
  private starting: Promise<void> | null = null;
  private readonly pending: Pending[] = [];
  private received = '';

  constructor(private readonly ns: string) {}

  /** Starts the writer (once); a run calls it at setup so that no step pays for it. */
  start(): Promise<void> {
    this.starting ??= new Promise<void>((resolve, reject) => {
      const child = spawn('ip', ['netns', 'exec', this.ns, process.execPath, '--max-old-space-size=32', '-e', WRITER_SCRIPT], {
        env: CHILD_ENV,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
        cwd: '/',
      });
      this.child = child;
      liveChildren.add(child);
      let ready = false;
      let stderr = '';
      const timer = setTimeout(() => {
        killTree(child);
        reject(new Error(`the /proc/sys writer of ${this.ns} did not start within ${START_TIMEOUT_MS / 1000} s`));
      }, START_TIMEOUT_MS);
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (text: string) => {
        this.received += text;
        if (!ready) {
          if (!this.received.startsWith('ready\n')) return;
          ready = true;
          clearTimeout(timer);
          this.received = this.received.slice('ready\n'.length);
          resolve();
        }
        this.answer();
      });
      child.stderr!.on('data', (b: Buffer) => {
        stderr += b.toString('utf8');
      });
      child.stdin!.on('error', () => {
        /* the writer died: 'close' below answers what is pending */
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', () => {
        liveChildren.delete(child);
        clearTimeout(timer);
        if (!ready) reject(new Error(`the /proc/sys writer of ${this.ns} exited before it was ready: ${stderr.trim()}`));
        this.child = null;
        this.starting = null;
        for (const p of this.pending.splice(0)) {
          clearTimeout(p.timer);
          p.resolve('EIO');
        }
      });
    });
    return this.starting;
  }

  /**
   * Opens `path` in the namespace, truncating or appending, and writes
   * `data` in one write (nothing for empty data: the open alone tells whether
   * bash's open would succeed). Null, or the errno code.
   */
  async write(path: string, append: boolean, data: Buffer, timeoutMs: number): Promise<string | null> {
    try {
      await this.start();
    } catch {
      return 'EIO';
    }
    const child = this.child;
    if (child === null) return 'EIO';
    return new Promise((resolve) => {
      // A writer that does not answer in time is stopped; its pending requests fail.
      const timer = setTimeout(() => killTree(child), Math.max(1, timeoutMs));
      this.pending.push({ resolve, timer });
      child.stdin!.write(`${JSON.stringify({ path, append, data: data.toString('base64') })}\n`);
    });
  }

  /** Ends the writer: stdin closed, then killed if it has not gone within 2 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === null) return;
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.stdin!.end();
    const timer = setTimeout(() => killTree(child), 2000);
    await closed;
    clearTimeout(timer);
  }

  private answer(): void {
    let i: number;
    while ((i = this.received.indexOf('\n')) >= 0) {
      const line = this.received.slice(0, i);
      this.received = this.received.slice(i + 1);
      const p = this.pending.shift();
      if (!p) continue;
      clearTimeout(p.timer);
      let error: unknown = 'EIO';
      try {
        error = (JSON.parse(line) as { error: unknown }).error;
      } catch {
        /* not an answer: the write counts as failed */
      }
      p.resolve(error === null ? null : typeof error === 'string' && /^E[A-Z]+$/.test(error) ? error : 'EIO');
    }
  }
}
