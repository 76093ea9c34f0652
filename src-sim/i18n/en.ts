// The English catalogue, the reference for every other language. Its parts
// use distinct key prefixes, so spreading them cannot hide a key.
import { appEn } from './en/app.ts';
import { challengeEn } from './en/challenge.ts';
import { checkEn } from './en/check.ts';
import { cliEn } from './en/cli.ts';
import { lessonEn } from './en/lesson.ts';
import { traceEn } from './en/trace.ts';

export const en = { ...traceEn, ...appEn, ...challengeEn, ...lessonEn, ...checkEn, ...cliEn } as const;
