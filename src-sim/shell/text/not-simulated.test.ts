// What the lab's text tools do not run is refused with one sentence saying
// so and a failing status, never silence or an internal error.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';

describe('text tools refuse what they do not simulate', () => {
  const lab = lanLab([lanHost('h', 1)]);
  const cases: [string, string][] = [
    ["awk 'function f(x){return x*2} {print f($1)}' /etc/hostname", 'awk: user-defined functions are not simulated in this lab\n'],
    ["awk '{print $1 > \"/tmp/zz\"}' /etc/hostname", 'awk: output redirection (print > file, print | command) is not simulated in this lab\n'],
    ["awk 'BEGIN { \"date\" | getline d }'", 'awk: command | getline is not simulated in this lab\n'],
    ["awk 'BEGIN { getline line < \"/etc/hostname\" }'", 'awk: getline from a file is not simulated in this lab\n'],
    ["awk 'BEGIN { system(\"ls\") }'", 'awk: system() is not simulated in this lab\n'],
  ];
  for (const [line, stderr] of cases) {
    it(line, () => {
      expect(lab.run('h', line)).toEqual({ exit: 2, stdout: '', stderr });
    });
  }
});
