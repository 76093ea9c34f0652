// Issue 16, item 1: no command line freezes or kills the lab. Each finding
// has its reproduction here; every one ends with bash's words (or one clear
// sentence), never a JavaScript error, a stack overflow or a frozen tab.
import { describe, expect, it } from 'vitest';
import { textbookLab, TEXTBOOK_VIP } from '../scenario/textbook.ts';
import { forkLab } from '../lab.ts';
import { DEFAULT_BUDGET, RUN_BUDGET } from '../core/budget.ts';
import { runScenarioWithLab } from '../scenario/run.ts';
import { applySteps } from '../step.ts';
import { lanHost, lanLab } from '../test-lab.ts';

describe('one budget per command line', () => {
  it('echo {1..1000}{1..1000}{1..1000} is sized before it is built and fails as bash xmalloc does', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const started = performance.now();
    const result = lab.run('rs1', 'echo {1..1000}{1..1000}{1..1000}');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.exit).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes\n$/);
    // The lab still works afterwards.
    expect(lab.run('rs1', 'echo {1..3}{a,b}').stdout).toBe('1a 1b 2a 2b 3a 3b\n');
  });

  it('a range bash expands is expanded, not left as text (the old per-brace limit)', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const words = lab.run('rs1', 'echo {1..150000}').stdout.trim().split(' ');
    expect(words).toHaveLength(150_000);
    expect(words.at(-1)).toBe('150000');
  });

  it('many brace groups in one word do not overflow the stack', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const result = lab.run('rs1', `echo ${'{a}'.repeat(20_000)}x{1,2}`);
    expect(result.exit).toBe(0);
    const many = lab.run('rs1', `echo ${'{a,b}'.repeat(40)}`);
    expect(many.stderr).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes\n$/);
  });

  it('nested loops share one budget of work: the line ends with one clear sentence', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    lab.budgetLimits = { ...lab.budgetLimits, work: 50_000 };
    const result = lab.run('rs1', 'for i in $(seq 100000); do for j in $(seq 100000); do echo $i $j; done; done');
    expect(result.exit).toBe(1);
    expect(result.stderr).toBe("bash: this command line did more than 50000 steps of work (the lab shell's budget) and was stopped\n");
    // Each line gets a fresh budget.
    expect(lab.run('rs1', 'for i in 1 2 3; do echo $i; done').stdout).toBe('1\n2\n3\n');
  });

  it('the default budget lets a 100,000-iteration loop finish', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const result = lab.run('rs1', 'for ((i = 0; i < 100000; i++)); do x=$i; done; echo $x');
    expect(result).toEqual({ exit: 0, stdout: '99999\n', stderr: '' });
  });

  it('$(( nested 2,500 deep ends with bash\'s recursion message, not a stack overflow', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const result = lab.run('rs1', `echo $((${'('.repeat(2500)}1${')'.repeat(2500)}))`);
    expect(result.exit).toBe(1);
    expect(result.stderr).toMatch(/^bash: \(+1\)+: expression recursion level exceeded \(error token is "\(+1\)+"\)\n$/);
    expect(lab.run('rs1', `echo $((${'('.repeat(100)}6*7${')'.repeat(100)}))`).stdout).toBe('42\n');
    expect(lab.run('rs1', `echo $((${'- '.repeat(3000)}1))`).stderr).toContain('expression recursion level exceeded');
  });

  it('command substitutions nested deeper than the budget allows stop cleanly', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const depth = 300;
    const line = `echo ${'$(echo '.repeat(depth)}x${')'.repeat(depth)}`;
    const result = lab.run('rs1', line);
    expect(result.exit).toBe(1);
    expect(result.stderr).toBe("bash: loops and substitutions nested too deeply (the lab shell's limit)\n");
    expect(lab.run('rs1', `echo ${'$(echo '.repeat(20)}x${')'.repeat(20)}`).stdout).toBe('x\n');
  });

  it('seq -w 200000 prints every number, zero-padded (it overflowed the stack)', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const lines = lab.run('rs1', 'seq -w 200000').stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(200_000);
    expect(lines[0]).toBe('000001');
    expect(lines.at(-1)).toBe('200000');
  });

  it('seq 1000000000 is refused before it is built', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const result = lab.run('rs1', 'seq 1000000000');
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes\n$/);
  });

  it('ab -n 1000000 ends within the budget and the logs keep only their capacity, counting what they dropped', () => {
    const lab = textbookLab({ realServers: 3, capture: true });
    // Frames cost FRAME_WORK units each: a budget of 1,000,000 sends thousands, more than the logs keep.
    lab.budgetLimits = { ...lab.budgetLimits, work: 1_000_000 };
    lab.logCapacity = 1_000;
    const result = lab.run('client', `ab -n 1000000 -c 10 http://${TEXTBOOK_VIP}/`);
    expect(result.stderr).toContain("bash: this command line did more than 1000000 steps of work (the lab shell's budget) and was stopped\n");
    expect(lab.frames.length).toBeLessThanOrEqual(1_000);
    expect(lab.captured.length).toBeLessThanOrEqual(1_000);
    expect(lab.trace.length).toBeLessThanOrEqual(1_000);
    expect(lab.dropped.frames).toBeGreaterThan(0);
    expect(lab.framesRecorded).toBe(lab.frames.length + lab.dropped.frames);
    // Frame ids keep counting: the newest frame is the last one recorded.
    expect(lab.frames.at(-1)!.id).toBeGreaterThan(lab.dropped.frames);
  }, 30_000);

  it('output is budgeted: a line keeps at most the output budget, in the lab\'s words; read pipes and substitutions give theirs back', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    lab.budgetLimits = { ...lab.budgetLimits, output: 2_000 };
    const flood = lab.run('rs1', 'for i in {1..1000}; do echo $i; done');
    expect(flood.exit).toBe(1);
    expect(flood.stdout.length).toBeLessThanOrEqual(2_000);
    expect(flood.stdout).toMatch(/^1\n2\n3\n/);
    expect(flood.stderr).toBe("bash: this command line kept more than 2000 bytes of output (the lab shell's budget) and was stopped\n");
    // Into a file counts too; /dev/null keeps nothing.
    expect(lab.run('rs1', 'seq 1000 > /tmp/n').stderr).toContain('kept more than 2000 bytes');
    expect(lab.run('rs1', 'seq 1000 > /dev/null')).toEqual({ exit: 0, stdout: '', stderr: '' });
    // 100 pipes of 292 bytes and 100 substitutions of 292 bytes: each is read, then let go.
    expect(lab.run('rs1', 'for i in $(seq 100); do seq 100 | wc -l > /dev/null; x=$(seq 100); done; echo ${#x}')).toEqual({ exit: 0, stdout: '291\n', stderr: '' });
  });

  it('ping -c 1000000 -i 0 stops within the default budget, keeping what it printed, and is killed: nothing of it runs on', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const started = performance.now();
    const result = lab.run('rs1', 'ping -c 1000000 -i 0 198.51.100.12');
    // About 3-4 s on the 2-core CI machine; a loaded one takes longer.
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(result.exit).toBe(1);
    expect(result.stderr).toBe(`bash: this command line did more than ${lab.budgetLimits.work} steps of work (the lab shell's budget) and was stopped\n`);
    const replies = result.stdout.split('\n').filter((line) => line.startsWith('64 bytes'));
    expect(replies.length).toBeGreaterThan(50_000);
    expect(result.stdout).not.toContain('statistics');
    expect(result.stdout.length).toBeLessThanOrEqual(lab.budgetLimits.output);
    expect(lab.frames.length).toBeLessThanOrEqual(lab.logCapacity);
    // What was on the wire arrives and the neighbour entries age, but rs1 sends no more echo requests.
    const last = lab.frames.at(-1)!.id;
    lab.sleep(5);
    expect(lab.frames.filter((f) => f.id > last && f.kind === 'ipv4' && f.src === '198.51.100.11')).toEqual([]);
    expect(lab.run('rs1', 'ping -c 1 198.51.100.12').stdout).toMatch(/1 received/);
  }, 90_000);

  it('a top-level sleep is budgeted too: time stops where the budget ran out', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    lab.run('rs1', 'ping -c 1 198.51.100.12');
    lab.budgetLimits = { ...lab.budgetLimits, work: 3 };
    const before = lab.now;
    expect(() => lab.sleep(3600)).not.toThrow();
    expect(lab.now).toBeLessThan(before + 3600);
  });
});

describe('Ctrl-C', () => {
  it('stops a loop between two steps: ^C, status 130, the next line runs normally', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    let checks = 0;
    lab.interrupted = () => ++checks > 2_000;
    const result = lab.run('rs1', 'for i in $(seq 100000); do ping -c 1 198.51.100.12; done');
    expect(result.exit).toBe(130);
    expect(result.stdout.endsWith('^C\n')).toBe(true);
    lab.interrupted = () => false;
    expect(lab.run('rs1', 'echo $?')).toEqual({ exit: 0, stdout: '130\n', stderr: '' });
  });

  it('reaches a running ping as SIGINT: ^C, its summary, its own status', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    let checks = 0;
    lab.interrupted = () => ++checks > 200;
    const result = lab.run('rs1', 'ping 198.51.100.12; echo never');
    expect(result.stdout).toMatch(/\^C\n--- 198\.51\.100\.12 ping statistics ---\n\d+ packets transmitted, \d+ received, \d+% packet loss/);
    expect(result.stdout).not.toContain('never');
    expect(result.exit).toBe(0);
  });

  it('is journaled at the unit of work where it landed, so a fork replays the same state', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    let checks = 0;
    lab.interrupted = () => ++checks > 3_000;
    const result = lab.run('rs1', 'for i in $(seq 1000); do ping -c 1 198.51.100.12 > /dev/null; n=$i; done');
    expect(result.exit).toBe(130);
    lab.interrupted = () => false;
    const copy = forkLab(lab);
    expect(copy.run('rs1', 'echo $n').stdout).toBe(lab.run('rs1', 'echo $n').stdout);
    expect(copy.frames.map((f) => f.id)).toEqual(lab.frames.map((f) => f.id));
    expect(copy.now).toBe(lab.now);
  });
});

describe('one budget per run of many steps', () => {
  const heavy = { host: 'rs1', run: 'for ((i = 0; i < 10000; i++)); do :; done' };

  it('a scenario of many steps each near its line\'s budget stops where the run\'s budget runs out; the lab and its journal hold what ran', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const limits = { ...RUN_BUDGET, work: 100_000 };
    const steps = Array.from({ length: 1_000 }, () => heavy);
    const applied = applySteps(lab, steps, limits);
    // Each step spends tens of thousands of units: a few steps run, the rest do not.
    expect(applied.length).toBeGreaterThan(1);
    expect(applied.length).toBeLessThan(10);
    const last = applied.at(-1)!.result!;
    expect(last.exit).toBe(1);
    expect(last.stderr).toBe("bash: this run's steps did more than 100000 steps of work in all (the lab's budget for one run): it was stopped here\n");
    for (const { result } of applied.slice(0, -1)) expect(result).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(lab.journal).toHaveLength(applied.length);
    // The lab keeps working, each line with its own budget again.
    expect(lab.run('rs1', 'echo $?; ping -c 1 198.51.100.12 > /dev/null && echo up')).toEqual({ exit: 0, stdout: '1\nup\n', stderr: '' });
    // A fork replays the stopped step to the same unit of work, with the same sentence.
    const copy = forkLab(lab);
    expect(copy.journal.map((entry) => entry.result)).toEqual(lab.journal.map((entry) => entry.result));
    expect(copy.now).toBe(lab.now);
  });

  it('output kept by all the steps is budgeted as a whole', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const steps = Array.from({ length: 100 }, () => ({ host: 'rs1', run: 'seq 1000' }));
    const applied = applySteps(lab, steps, { ...RUN_BUDGET, output: 20_000 });
    expect(applied.length).toBeLessThan(10);
    expect(applied.at(-1)!.result!.stderr).toContain("this run's steps kept more than 20000 bytes of output in all");
    expect(applied.reduce((sum, { result }) => sum + result!.stdout.length, 0)).toBeLessThanOrEqual(20_000);
  });

  it('a background flood between the steps (the gaps) is charged to the run too', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const steps = [{ host: 'rs1', run: 'ping -q -i 0 -c 100000000 198.51.100.12 > /dev/null &' }, ...Array.from({ length: 1_000 }, () => ({ host: 'rs2', run: 'true' }))];
    const applied = applySteps(lab, steps, { ...RUN_BUDGET, work: 50_000 });
    expect(applied.length).toBeLessThan(100);
    expect(lab.run('rs1', 'kill %1; echo $?').stdout).toBe('0\n');
  });

  it('headless run of a 10,000-step hostile scenario ends within the default run budget (RUN_BUDGET: 9 s idle, 40 s at load 15)', () => {
    const scenario = { format: 'lvs-dr-lab/scenario@1' as const, hosts: [lanHost('rs1', 11)], steps: Array.from({ length: 10_000 }, () => ({ host: 'rs1', run: 'while true; do\n:\ndone' })) };
    const started = performance.now();
    const run = runScenarioWithLab(scenario);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(120);
    // Five lines' worth of work: the sixth step is stopped by the run, each before it by its line.
    expect(run.applied).toBe(RUN_BUDGET.work / DEFAULT_BUDGET.work + 1);
    expect(run.observation.steps.at(0)!.stderr).toContain("this command line did more than");
    expect(run.observation.steps.at(-1)!.stderr).toContain("this run's steps did more than");
  }, 180_000);
});

describe('runaway recursion and growth end in bash\'s words', () => {
  it('a file that sources itself: the innermost source fails with bash\'s SOURCENEST words and the rest goes on', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    lab.writeFile('rs1', '/root/self.sh', 'n=$((n + 1))\nsource /root/self.sh\n');
    const result = lab.run('rs1', 'n=0; source /root/self.sh; echo $n');
    expect(result.stderr).toBe('bash: /root/self.sh: maximum source nesting level exceeded (200)\n');
    expect(result.stdout).toBe('200\n');
  });

  it('endless function recursion ends the line with bash\'s FUNCNEST words', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const result = lab.run('rs1', 'f() { f; }; f; echo never');
    expect(result).toEqual({ exit: 1, stdout: '', stderr: 'bash: f: maximum function nesting level exceeded (200)\n' });
    expect(lab.run('rs1', 'echo ok').stdout).toBe('ok\n');
  });

  it('eval of itself ends with bash\'s EVALNEST words', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const result = lab.run('rs1', `x='eval "$x"'; eval "$x"; echo after $?`);
    expect(result.stderr).toContain('eval: maximum eval nesting level exceeded (200)\n');
    expect(result.stdout).toBe('after 1\n');
  });

  it('a variable doubled in a loop fails as bash\'s xmalloc does, not as a JavaScript string error', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    // A small memory budget keeps the test quick: the default's 64 MB takes seconds of copying.
    lab.budgetLimits = { ...lab.budgetLimits, memory: 1_000_000 };
    const doubled = lab.run('rs1', 'x=a; while true; do x=$x$x; done');
    expect(doubled.exit).toBe(1);
    expect(doubled.stderr).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes\n$/);
    expect(lab.run('rs1', 'x=a; while true; do x+=$x; done').stderr).toMatch(/^bash: xmalloc: cannot allocate \d+ bytes\n$/);
    expect(lab.run('rs1', 'echo ${#x}').exit).toBe(0);
  });
});
