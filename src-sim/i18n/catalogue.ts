// The one translation catalogue: every sentence the app's code produces, in
// every language it speaks, looked up by a typed key. The simulator and the
// course hand out `{ key, params }` messages; the text is made only when a
// message is shown (`t`, `render`), in the language of that moment.
//
// The English catalogue is the reference: its keys are `MessageKey`, and the
// `{name}` placeholders of its sentences are the parameters a key needs, so a
// missing key, a missing parameter or a Chinese sentence that uses a
// parameter English does not have is a compile error.
import type { Lang } from '../api.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { fillTemplate } from './template.ts';

export type MessageKey = keyof typeof en;

/** The `{name}` placeholders of a sentence, as a union of names. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** A message: a key and the values of its placeholders, rendered at display time. */
export interface Message {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** A placeholder's value: plain text (addresses, names, numbers), a clause that is itself translated, or a list of either. */
export type ParamValue = string | number | Message | ListParam;

/** How a list is joined: the `join.NAME` sentence of the language (", " in English, "、" in Chinese). */
export type JoinName = MessageKey extends infer K ? (K extends `join.${infer Name}` ? Name : never) : never;

/** Values shown one after another, joined the way the language of the moment joins them. */
export interface ListParam {
  readonly items: readonly ParamValue[];
  readonly join: JoinName;
}

/** A text the data carries in every language (a lesson's title, a check's own title). */
export type LocalText = Readonly<Record<Lang, string>>;

/** What the app shows: a message of the catalogue, or a text from the data in every language. */
export type TextOrMessage = Message | LocalText;

/** The clauses a `{cause}` placeholder may name (`cause.NAME`); they are filled from the same parameters. */
export type CauseName = MessageKey extends infer K ? (K extends `cause.${infer Name}` ? Name : never) : never;

/** The parameters `key` needs: one per placeholder of its English sentence. */
export type Params<K extends MessageKey> = { readonly [P in Placeholders<(typeof en)[K]>]: P extends 'cause' ? CauseName : ParamValue };

/** No argument for a key without placeholders; its parameters otherwise. */
export type ParamsArg<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [params?: Record<string, never>] : [params: Params<K>];

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** A message for later: the key is checked and the parameters typed now, the text made when shown. */
export function msg<K extends MessageKey>(key: K, ...[params]: ParamsArg<K>): Message {
  return { key, params: (params ?? {}) as Readonly<Record<string, ParamValue>> };
}

/** A list for a placeholder, joined at display time (`join.comma` unless told). */
export function list(items: readonly ParamValue[], join: JoinName = 'comma'): ListParam {
  return { items, join };
}

/** The sentence of `key` in `lang`, placeholders filled. */
export function t<K extends MessageKey>(lang: Lang, key: K, ...[params]: ParamsArg<K>): string {
  return render(lang, { key, params: (params ?? {}) as Readonly<Record<string, ParamValue>> });
}

/**
 * A message as text in `lang`. Clauses among the parameters are rendered in
 * the same language; a `{cause}` naming a clause is filled from the message's
 * own parameters. A key the catalogue lacks (a message from a newer file)
 * shows as the key and its parameters rather than vanishing.
 */
export function render(lang: Lang, message: Message): string {
  const template = CATALOGUES[lang][message.key] as string | undefined;
  if (template === undefined) return `${message.key} ${JSON.stringify(message.params)}`;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params)) values[name] = renderParam(lang, value);
  const cause = message.params['cause'];
  if (typeof cause === 'string' && `cause.${cause}` in CATALOGUES[lang]) {
    const { cause: _name, ...clauseParams } = message.params;
    values['cause'] = render(lang, { key: `cause.${cause}` as MessageKey, params: clauseParams });
  }
  return fillTemplate(template, values);
}

/** A placeholder's value as text in `lang`: clauses rendered, lists joined; plain values as they are. */
export function renderParam(lang: Lang, value: ParamValue): string | number {
  if (typeof value !== 'object') return value;
  if ('items' in value) return value.items.map((item) => renderParam(lang, item)).join(CATALOGUES[lang][`join.${value.join}`]);
  return render(lang, value);
}

/** A text in `lang`: a message rendered, or the data's own sentence in that language. */
export function renderText(lang: Lang, text: TextOrMessage): string {
  return isMessage(text) ? render(lang, text) : text[lang];
}

/** Whether `value` is a message (and not plain text). */
export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).key === 'string' && typeof (value as Message).params === 'object';
}
