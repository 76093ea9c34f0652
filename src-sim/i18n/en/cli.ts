// The command line's own sentences (`lvs-dr-lab lesson`, `lvs-dr-lab challenge`);
// usage and error messages stay English, like any tool's. zh-CN/cli.ts has the same keys.
export const cliEn = {
  'cli.lesson.checks': 'Checks',
  'cli.lesson.solution': 'Solution (a commands file)',
  'cli.lesson.wrongFixes': 'Wrong fixes',
  'cli.lesson.debrief': 'Debrief',
  'cli.lesson.because': 'because',
  'cli.challenge.header.one': 'Challenge seed {seed} level {level} ({count} fault, par {par} s)',
  'cli.challenge.header.many': 'Challenge seed {seed} level {level} ({count} faults, par {par} s)',
  'cli.challenge.lab': 'Lab',
  'cli.challenge.howToCheck': 'Check a fix with `lvs-dr-lab challenge check --seed N --level L --commands FILE`.',
  'cli.challenge.fixed': 'FIXED',
  'cli.challenge.notFixed': 'NOT FIXED',
  'cli.challenge.broken': 'BROKEN',
  'cli.challenge.fault': 'fault {n}: {title}',
  'cli.challenge.score': 'Score {total}/1000: repair {repair} + speed {speed} + care {care} − hints {hints} (virtual time {seconds} s)',
} as const;
