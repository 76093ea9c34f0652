// Trace events as messages: a trace key is a key of the catalogue's
// `trace.` section, so recording an event whose sentence does not exist, or
// without a parameter its sentence shows, does not compile.
import type { Lang, TraceEvent } from '../api.ts';
import { render, type Message, type MessageKey, type ParamValue, type Params } from './catalogue.ts';

/** Every trace event key: `arp.send.request` for the sentence `trace.arp.send.request`. */
export type TraceKey = MessageKey extends infer K ? (K extends `trace.${infer Key}` ? Key : never) : never;

/** What an event of `key` records: the placeholders of its sentence, and any other value checks read. */
export type TraceParamsOf<K extends TraceKey> = Params<`trace.${K}`> & Readonly<Record<string, ParamValue>>;

/** A trace event's parameters as stored. */
export type TraceParams = Record<string, ParamValue>;

/** The message a trace event is shown as. */
export function traceMessage(event: Pick<TraceEvent, 'key' | 'params'>): Message {
  return { key: `trace.${event.key}`, params: event.params };
}

/** A trace event as a sentence in the learner's language. */
export function describeEvent(event: Pick<TraceEvent, 'key' | 'params'>, lang: Lang): string {
  return render(lang, traceMessage(event));
}
