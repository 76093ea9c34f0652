import { describe, expect, it } from 'vitest';
import { getopt, glibcMessage, type GetoptConfig } from './getopt.ts';

const CONFIG: GetoptConfig = {
  permute: true,
  abbreviations: true,
  options: [
    { name: 'count', short: 'c', arg: 'required' },
    { name: 'numeric', short: 'n', long: 'numeric', arg: 'none' },
    { name: 'verbose', short: 'v', long: 'verbose', arg: 'none' },
    { name: 'version', short: 'V', long: 'version', arg: 'none' },
    { name: 'persistent', short: 'p', long: 'persistent', arg: 'optional' },
  ],
};

describe('getopt', () => {
  it('bundles short options, takes attached or next-word arguments and permutes operands like glibc', () => {
    const r = getopt(['host', '-nc3', '-c', '4', '--numeric', 'x', '--', '-v'], CONFIG);
    expect(r.options.map((o) => [o.name, o.arg])).toEqual([['numeric', null], ['count', '3'], ['count', '4'], ['numeric', null]]);
    expect(r.operands).toEqual(['host', 'x', '-v']);
    expect(r.error).toBeNull();
  });

  it('stops at the first operand without permutation', () => {
    expect(getopt(['-n', 'host', '-v'], { ...CONFIG, permute: false }).operands).toEqual(['host', '-v']);
  });

  it('takes an optional argument from the next word only in popt mode', () => {
    expect(getopt(['-p', '300'], CONFIG).options[0]!.arg).toBeNull();
    expect(getopt(['-p', '300'], { ...CONFIG, optionalFromNextWord: true }).options[0]!.arg).toBe('300');
    expect(getopt(['-p', '-n'], { ...CONFIG, optionalFromNextWord: true }).options.map((o) => o.arg)).toEqual([null, null]);
  });

  it('accepts an unambiguous prefix of a long option and names the candidates of an ambiguous one', () => {
    expect(getopt(['--num'], CONFIG).options[0]!.name).toBe('numeric');
    const r = getopt(['--ver'], CONFIG);
    expect(r.error).toEqual({ kind: 'ambiguous', word: '--ver', long: 'ver', candidates: ['verbose', 'version'] });
    expect(glibcMessage('arping', r.error!)).toBe("arping: option '--ver' is ambiguous; possibilities: '--verbose' '--version'");
  });

  it('returns errors as data, with glibc getopt words, keeping the options before the error', () => {
    const words = (argv: string[]) => {
      const r = getopt(argv, CONFIG);
      return { before: r.options.length, message: r.error && glibcMessage('ping', r.error) };
    };
    expect(words(['-n', '-z'])).toEqual({ before: 1, message: "ping: invalid option -- 'z'" });
    expect(words(['-c'])).toEqual({ before: 0, message: "ping: option requires an argument -- 'c'" });
    expect(words(['--bogus=1'])).toEqual({ before: 0, message: "ping: unrecognized option '--bogus=1'" });
    expect(words(['--numeric=1'])).toEqual({ before: 0, message: "ping: option '--numeric' doesn't allow an argument" });
  });
});
