// Grading a class without trusting any learner's file: each results file is
// replayed in a child process (grade-worker.ts) with a wall-time limit and a
// memory limit. A file that goes past either, or crashes its process, gets a
// row of its own saying why; the process is replaced and every other file is
// graded. Processes are reused between files that end normally, so a class of
// honest files costs one start per process, not one per file.
import { fork, type ChildProcess } from 'node:child_process';
import type { Lang } from '../../src-sim/api.ts';
import { ungradedRow, type GradeRow } from '../../src-sim/course/challenge/grade.ts';
import type { Pack } from '../../src-sim/course/challenge/pack.ts';
import type { FromGradeWorker, ToGradeWorker } from './grade-worker.ts';

export interface IsolationLimits {
  /** Wall-clock seconds one results file's replay may take. */
  seconds: number;
  /** Megabytes of JavaScript heap one grading process may use. */
  memoryMb: number;
  /** Grading processes running side by side. */
  workers: number;
}

export const DEFAULT_LIMITS: IsolationLimits = { seconds: 10, memoryMb: 512, workers: 2 };

export interface GradeJob {
  /** The name the gradebook shows. */
  file: string;
  /** Reads the file when its turn comes, so at most `workers` files are in memory at once. */
  read: () => { ok: true; text: string } | { ok: false; message: string };
}

export interface PoolOptions {
  workerScript: string;
  limits: IsolationLimits;
  lang: Lang;
}

type Stopped = { why: 'time' } | { why: 'memory' } | { why: 'crash'; how: string };

function stoppedMessage(stopped: Stopped, limits: IsolationLimits, lang: Lang): string {
  const zh = lang === 'zh-CN';
  switch (stopped.why) {
    case 'time':
      return zh ? `重放超过 ${limits.seconds} 秒（单个结果文件的时限，见 --time-limit），已被终止；此文件未评分` : `the replay took longer than ${limits.seconds} s (the limit for one results file, --time-limit) and was stopped; nothing in this file was graded`;
    case 'memory':
      return zh ? `重放所需内存超过 ${limits.memoryMb} MB（单个结果文件的上限，见 --memory-limit），已被终止；此文件未评分` : `the replay needed more than ${limits.memoryMb} MB of memory (the limit for one results file, --time-limit) and was stopped; nothing in this file was graded`;
    case 'crash':
      return zh ? `重放崩溃（${stopped.how}）；此文件未评分` : `the replay crashed (${stopped.how}); nothing in this file was graded`;
  }
}

function emptyRow(pack: Pack, file: string, status: GradeRow['status'], flag: string): GradeRow {
  return ungradedRow(pack, file, status, [flag]);
}

/** V8's words when a process reaches --max-old-space-size. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed/;
const STDERR_KEPT = 4096;

class GradingProcess {
  readonly child: ChildProcess;
  #stderr = '';
  exited = false;
  readonly #ready: Promise<boolean>;

  constructor(options: PoolOptions, pack: Pack, packId: string) {
    this.child = fork(options.workerScript, [], {
      // Not the parent's flags (a test runner's loaders): only the limits.
      execArgv: [`--max-old-space-size=${options.limits.memoryMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_KEPT);
    });
    this.child.once('exit', () => {
      this.exited = true;
    });
    // A process that dies before reading its messages is reported by grade(), not thrown here.
    this.child.on('error', () => {});
    this.#ready = new Promise((resolve) => {
      this.child.on('message', (message: FromGradeWorker) => message.type === 'ready' && resolve(true));
      this.child.once('exit', () => resolve(false));
    });
    this.send({ type: 'pack', pack, packId, lang: options.lang });
  }

  send(message: ToGradeWorker): void {
    if (!this.exited && this.child.connected) this.child.send(message, () => {});
  }

  /** Replays one file; resolves with its row, or with why the process had to be stopped. */
  async grade(file: string, text: string, seconds: number): Promise<{ row: GradeRow } | Stopped> {
    // The time limit starts once the process has loaded.
    await this.#ready;
    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: { row: GradeRow } | Stopped) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (message: FromGradeWorker) => {
        if (message.type === 'row') settle({ row: message.row });
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (OUT_OF_MEMORY.test(this.#stderr)) settle({ why: 'memory' });
        else settle({ why: 'crash', how: signal ? `signal ${signal}` : `exit status ${code}` });
      };
      const timer = setTimeout(() => {
        settle({ why: 'time' });
        this.stop();
      }, seconds * 1000);
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      if (this.exited) onExit(this.child.exitCode, this.child.signalCode);
      else this.send({ type: 'grade', file, text });
    });
  }

  stop(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

/** Grades every job; the rows come back in the jobs' order, one per job whatever happened to it. */
export async function gradeInPool(pack: Pack, packId: string, jobs: readonly GradeJob[], options: PoolOptions): Promise<GradeRow[]> {
  const rows: GradeRow[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    let grader: GradingProcess | undefined;
    try {
      while (next < jobs.length) {
        const index = next++;
        const job = jobs[index]!;
        const text = job.read();
        if (!text.ok) {
          rows[index] = emptyRow(pack, job.file, 'unreadable', text.message);
          continue;
        }
        if (!grader || grader.exited) grader = new GradingProcess(options, pack, packId);
        const outcome = await grader.grade(job.file, text.text, options.limits.seconds);
        if ('row' in outcome) rows[index] = outcome.row;
        else {
          rows[index] = emptyRow(pack, job.file, 'flagged', stoppedMessage(outcome, options.limits, options.lang));
          grader.stop();
          grader = undefined;
        }
      }
    } finally {
      grader?.stop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.limits.workers, jobs.length)) }, lane));
  return rows;
}
