// One grading process of `lvs-dr-lab grade`'s pool (grade-pool.ts): it receives
// the pack once, then one results file at a time, replays it and sends back its
// gradebook row. A results file that loops, exhausts memory or crashes this
// process takes down only this process; the pool writes that file's row.
import type { Lang } from '../../src-sim/api.ts';
import { gradeResults, type GradeRow } from '../../src-sim/course/challenge/grade.ts';
import type { Pack } from '../../src-sim/course/challenge/pack.ts';
import { cliLessons } from './lesson-source.ts';

export type ToGradeWorker = { type: 'pack'; pack: Pack; packId: string; lang: Lang } | { type: 'grade'; file: string; text: string };
export type FromGradeWorker = { type: 'ready' } | { type: 'row'; row: GradeRow };

let context: { pack: Pack; packId: string; lang: Lang } | undefined;

process.on('message', (message: ToGradeWorker) => {
  if (message.type === 'pack') {
    context = { pack: message.pack, packId: message.packId, lang: message.lang };
    return;
  }
  if (!context) throw new Error('grade worker: a results file arrived before the pack');
  const row = gradeResults(context.pack, context.packId, message.file, message.text, { lessons: cliLessons, lang: context.lang });
  const reply: FromGradeWorker = { type: 'row', row };
  process.send!(reply);
});

// Loaded: the pool starts a file's time limit from here, so a slow start is not charged to the first file.
process.send!({ type: 'ready' } satisfies FromGradeWorker);
