// `lvs-dr-lab` command-line entry: dispatches to one module per sub-command.
import { challengeCli } from './commands/challenge.ts';
import { conformanceCli } from './commands/conformance.ts';
import { gradeCli } from './commands/grade.ts';
import { kernelRunCli } from './commands/kernel-run.ts';
import { lessonCli } from './commands/lesson.ts';
import { packCli } from './commands/pack.ts';
import { runCli } from './commands/run.ts';

const USAGE = `Usage: lvs-dr-lab <command> [options]

Commands:
  run FILE [--json] [--seed N]     run a scenario in the simulator
  kernel-run FILE --json           run a scenario on real Linux (root; network namespaces)
  conformance [options]            compare the simulator with the kernel on the suite
  challenge new --seed N --level L [--json]              a seeded troubleshooting challenge: ticket and lab
  challenge check --seed N --level L --commands FILE     score a fix; exit 0 when every fault is fixed
  pack validate FILE               check an exercise pack; every problem with its JSON path
  grade --pack PACK RESULTS...     replay results files, recompute scores, CSV gradebook
  lesson list [--json]             the guided lessons
  lesson show ID                   a lesson's goal, hints, solution (a commands file) and debrief
  lesson check ID [--commands F]   apply a lesson's break and F's commands, print each check
  help                             show this help
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runCli(rest);
    case 'kernel-run':
      return kernelRunCli(rest);
    case 'conformance':
      return conformanceCli(rest);
    case 'lesson':
      return lessonCli(rest);
    case 'challenge':
      return challengeCli(rest);
    case 'pack':
      return packCli(rest);
    case 'grade':
      return gradeCli(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`lvs-dr-lab: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}
