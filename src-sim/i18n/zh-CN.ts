// The Chinese catalogue: every key of the English one (a missing key is a type
// error), using only the placeholders the English sentence has.
import type { en } from './en.ts';
import type { Agree, StrayPlaceholders } from './translation.ts';
import { appZh } from './zh-CN/app.ts';
import { challengeZh } from './zh-CN/challenge.ts';
import { checkZh } from './zh-CN/check.ts';
import { cliZh } from './zh-CN/cli.ts';
import { lessonZh } from './zh-CN/lesson.ts';
import { traceZh } from './zh-CN/trace.ts';

export const zhCN = { ...traceZh, ...appZh, ...challengeZh, ...lessonZh, ...checkZh, ...cliZh } as const;

/** Fails to compile, naming the keys, when a Chinese sentence uses a placeholder the English one lacks. */
export type ZhPlaceholdersAgree = Agree<StrayPlaceholders<typeof en, typeof zhCN>>;
