// The English catalogue, the reference for every other language.
import { traceEn } from './en/trace.ts';

export const en = { ...traceEn } as const;
