// Renders a trace event as a sentence in the learner's language.
import type { Lang, TraceEvent } from '../api.ts';
import { CAUSES, MESSAGES } from './messages.ts';
import { fillTemplate as fill } from './template.ts';

export function describeEvent(event: TraceEvent, lang: Lang): string {
  const template = MESSAGES[event.key];
  if (!template) return `${event.key} ${JSON.stringify(event.params)}`;
  const params: Record<string, string | number> = { ...event.params };
  const cause = typeof params['cause'] === 'string' ? CAUSES[params['cause']] : undefined;
  if (cause) params['cause'] = fill(cause[lang], params);
  return fill(template[lang], params);
}
