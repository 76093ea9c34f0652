// The session facade: everything the renderer may use from the simulator and
// the course, and nothing else (eslint's no-restricted-imports keeps
// src-renderer to this module). A running lab is reached only through a
// SessionClient (a Web Worker in the app); what is re-exported below is pure
// data work the window does itself: formatting, validation of files it
// opens, the course's catalogue, grading and the challenge generator.
export type { CommandResult, LabFrame, Lang, TraceEvent } from '../api.ts';
export type { CommandStep, Step } from '../step.ts';
export type { Scenario, ScenarioStep } from '../scenario/types.ts';
export { textbookScenario } from '../scenario/textbook.ts';
export { COMMAND_GAP_US } from '../lab.ts';
export { parseScenarioText, validateScenario } from '../schema/scenario.ts';
export { boolean, describeValue, expecting, integer, strictObject, text, validate, type Problem } from '../schema/problems.ts';
export { describeEvent } from '../i18n/trace.ts';
export { isLang, LANGS, msg, render, renderText, t, type Message, type MessageKey, type ParamsArg, type ParamValue, type TextOrMessage } from '../i18n/catalogue.ts';

// A running lab.
export { RemoteSession, SessionClient, type OutputListener, type SessionPort, type TerminalListener } from './client.ts';
export type { CompletionSource, FileBytes, HostSnapshot, LabDelta, RunOutcome, SessionCursor, SessionSpec } from './lab-session.ts';
export { createSessionServer } from './server.ts';
export type { ClientMessage, ServerMessage } from './protocol.ts';
export { decodeFrame, FRAME_KINDS, frameKind, type CaptureRow, type DecodedLayer, type DecodeWords, type FrameKind } from './capture-view.ts';
export { combineText, sysctlGrid, type InterfaceView, type NeighbourView, type ServiceView, type SysctlView } from './host-view.ts';

// The course: lessons, challenges, packs and grading.
export type { CheckResult } from '../course/lessons/check-types.ts';
export { renderCheckResult, type CheckResultText } from '../course/lessons/checks.ts';
export type { Lesson } from '../course/lessons/lesson-types.ts';
export { findLesson, loadCurriculum } from '../course/lessons/curriculum/index.ts';
export { lessonScenario, lessonSetup } from '../course/lessons/lesson-run.ts';
export { stepsFromLines } from '../course/lessons/commands-file.ts';
export { citationsIn, findSection, parseReference, type Block, type Inline, type Reference, type ReferenceSection } from '../course/reference/reference.ts';
export { dailySeed } from '../course/challenge/daily.ts';
export { isLevel, LEVELS, type Level } from '../course/challenge/levels.ts';
export type { Text } from '../course/challenge/faults.ts';
export { generateChallenge, type Challenge } from '../course/challenge/generate.ts';
export { playChallenge, playGenerated } from '../course/challenge/play.ts';
export { LESSON_PAR_SECONDS, playExercise, type LessonLookup } from '../course/challenge/exercise.ts';
export { parseResultsText, validateResults, type ExerciseResult, type ResultsFile, type RevealEvent, type TranscriptCommand } from '../course/challenge/results.ts';
export type { ScoreBreakdown } from '../course/challenge/score.ts';
export { isExam, localText, parsePackText, type Pack } from '../course/challenge/pack.ts';
export { makeLearnerExam, parseLearnerExamText, sealedChallenge, unlockExam, LEARNER_EXAM_FORMAT, type ExamExercise, type LearnerExam, type SealedLab } from '../course/challenge/exam.ts';
export { crossCheckRows, csvField, gradebookCsv, gradeResults, type GradeRow } from '../course/challenge/grade.ts';
export { classStats, classStatsCsv, gradebookFileText, savedGradebook, validateGradebook, type ExerciseStats, type SavedGradebook } from '../course/challenge/gradebook.ts';
export { makeExamResultsFile, makeResultsFile } from '../course/challenge/results-make.ts';
