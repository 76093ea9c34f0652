// The curriculum: every lesson file, validated. Add a lesson by adding its JSON here.
import type { Problem } from '../../../schema/problems.ts';
import { validateLesson } from '../validate-lesson.ts';
import type { Lesson } from '../lesson-types.ts';
import lesson1 from './01-same-segment.json' with { type: 'json' };
import lesson2 from './02-vip-on-every-rs.json' with { type: 'json' };
import lesson3 from './03-arp-ignore.json' with { type: 'json' };
import lesson4 from './04-arp-announce.json' with { type: 'json' };
import lesson5 from './05-vip-on-eth0.json' with { type: 'json' };
import lesson6 from './06-vip-netmask.json' with { type: 'json' };
import lesson7 from './07-ipvsadm-mistakes.json' with { type: 'json' };
import lesson8 from './08-arp-race.json' with { type: 'json' };
import lesson9 from './09-failover-garp.json' with { type: 'json' };
import lesson10 from './10-config-order.json' with { type: 'json' };
import lesson11 from './11-missing-service.json' with { type: 'json' };
import lesson12 from './12-split-brain-vrid.json' with { type: 'json' };
import lesson13 from './13-checker-port.json' with { type: 'json' };

const SOURCES: ReadonlyArray<readonly [string, unknown]> = [
  ['01-same-segment.json', lesson1],
  ['02-vip-on-every-rs.json', lesson2],
  ['03-arp-ignore.json', lesson3],
  ['04-arp-announce.json', lesson4],
  ['05-vip-on-eth0.json', lesson5],
  ['06-vip-netmask.json', lesson6],
  ['07-ipvsadm-mistakes.json', lesson7],
  ['08-arp-race.json', lesson8],
  ['09-failover-garp.json', lesson9],
  ['10-config-order.json', lesson10],
  ['11-missing-service.json', lesson11],
  ['12-split-brain-vrid.json', lesson12],
  ['13-checker-port.json', lesson13],
];

export interface CurriculumProblem extends Problem {
  file: string;
}

export interface Curriculum {
  lessons: Lesson[];
  /** Lessons that failed validation are left out and reported here. */
  problems: CurriculumProblem[];
}

let cached: Curriculum | null = null;

/** Every valid lesson in order; validated once (on a copy, so the imported JSON stays as written). */
export function loadCurriculum(): Curriculum {
  if (cached) return cached;
  const lessons: Lesson[] = [];
  const problems: CurriculumProblem[] = [];
  const ids = new Set<string>();
  for (const [file, raw] of SOURCES) {
    const result = validateLesson(structuredClone(raw));
    if (!result.ok) {
      problems.push(...result.problems.map((p) => ({ file, ...p })));
      continue;
    }
    if (ids.has(result.lesson.id)) {
      problems.push({ file, path: '$.id', message: `duplicate lesson id "${result.lesson.id}"` });
      continue;
    }
    ids.add(result.lesson.id);
    lessons.push(result.lesson);
  }
  lessons.sort((a, b) => a.order - b.order);
  cached = { lessons, problems };
  return cached;
}

export function findLesson(id: string): Lesson | undefined {
  return loadCurriculum().lessons.find((l) => l.id === id);
}
