// Checks for everything the renderer sends to main. The renderer is treated as
// untrusted (a compromised page must not reach files outside the store, write
// huge files or pass paths): each checker returns the typed arguments or throws
// an Error saying what is wrong. Plain TypeScript, so it is unit-tested directly.
import { documentSizeProblem, invalidKeyMessage, isStoreKey } from '../src-renderer/src/storage/keys.ts';
import {
  MAX_SAVE_BYTES,
  OPEN_PURPOSES,
  type FileFilter,
  type IpcArgs,
  type IpcChannel,
  type OpenFileRequest,
  type SaveFileRequest,
  type UiLanguage,
} from './ipc-map.ts';
import { saveNameProblem } from './save-name.ts';

export type ArgsChecker<C extends IpcChannel> = (args: unknown[]) => IpcArgs<C>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function count(args: unknown[], n: number): void {
  if (args.length !== n) throw new Error(`expected ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`);
}

/** Refuses properties the channel does not know, so a typo or an injected option is never silently ignored. */
function onlyKeys(value: Record<string, unknown>, allowed: string[], what: string): void {
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new Error(`${what}: unknown propert${extra.length === 1 ? 'y' : 'ies'} ${extra.join(', ')}`);
}

/** For channels that take nothing: anything extra is a sign of misuse. */
export function noArgs(args: unknown[]): [] {
  count(args, 0);
  return [];
}

function storeKey(value: unknown): string {
  if (!isStoreKey(value)) throw new Error(invalidKeyMessage(value));
  return value;
}

export const checkStoreKey: ArgsChecker<'store:load'> = (args) => {
  count(args, 1);
  return [storeKey(args[0])];
};

export const checkStoreSave: ArgsChecker<'store:save'> = (args) => {
  count(args, 2);
  const [key, text] = args;
  storeKey(key);
  if (typeof text !== 'string') throw new Error('the document must be JSON text');
  const tooLarge = documentSizeProblem(key as string, text);
  if (tooLarge) throw new Error(tooLarge);
  return [key as string, text];
};

export const checkLanguage: ArgsChecker<'app:set-language'> = (args) => {
  count(args, 1);
  const lang = args[0];
  if (lang !== 'en' && lang !== 'zh-CN') throw new Error(`unknown language ${JSON.stringify(lang)} (expected "en" or "zh-CN")`);
  return [lang as UiLanguage];
};

export const checkOpenFile: ArgsChecker<'file:open'> = (args) => {
  count(args, 1);
  const request = args[0];
  if (!isRecord(request)) throw new Error('the request must be an object');
  onlyKeys(request, ['purpose', 'multiple'], 'open request');
  const { purpose, multiple } = request;
  if (!OPEN_PURPOSES.includes(purpose as OpenFileRequest['purpose'])) {
    throw new Error(`unknown purpose ${JSON.stringify(purpose)} (expected ${OPEN_PURPOSES.join(', ')})`);
  }
  if (multiple !== undefined && typeof multiple !== 'boolean') throw new Error('multiple must be true or false');
  return [{ purpose: purpose as OpenFileRequest['purpose'], multiple: multiple === true }];
};

const EXTENSION = /^[A-Za-z0-9]{1,16}$/;

/** A suggested name is a base name only (a renderer must not pick the folder) that reads as it is (save-name.ts). */
export function checkSuggestedName(name: unknown): string {
  if (typeof name !== 'string') throw new Error('suggestedName must be 1 to 200 characters');
  const problem = saveNameProblem(name);
  if (problem) throw new Error(`suggestedName ${JSON.stringify(name.slice(0, 80))} ${problem}`);
  return name;
}

function checkFilters(value: unknown): FileFilter[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 8) throw new Error('filters must be a list of at most 8 filters');
  return value.map((filter: unknown, i) => {
    if (!isRecord(filter)) throw new Error(`filters[${i}] must be an object`);
    onlyKeys(filter, ['name', 'extensions'], `filters[${i}]`);
    const { name, extensions } = filter;
    if (typeof name !== 'string' || name.length === 0 || name.length > 64) throw new Error(`filters[${i}].name must be 1 to 64 characters`);
    if (!Array.isArray(extensions) || extensions.length === 0 || extensions.length > 8) {
      throw new Error(`filters[${i}].extensions must be a list of 1 to 8 extensions`);
    }
    for (const ext of extensions) {
      if (typeof ext !== 'string' || !EXTENSION.test(ext)) {
        throw new Error(`filters[${i}].extensions: ${JSON.stringify(ext)} is not an extension (letters and digits, no dot)`);
      }
    }
    return { name, extensions: extensions as string[] };
  });
}

export const checkSaveFile: ArgsChecker<'file:save'> = (args) => {
  count(args, 1);
  const request = args[0];
  if (!isRecord(request)) throw new Error('the request must be an object');
  onlyKeys(request, ['suggestedName', 'filters', 'data'], 'save request');
  const suggestedName = checkSuggestedName(request['suggestedName']);
  const filters = checkFilters(request['filters']);
  const data = request['data'];
  let size: number;
  if (typeof data === 'string') size = data.length * 3; // worst case of UTF-8, checked before encoding
  else if (data instanceof Uint8Array) size = data.byteLength;
  else throw new Error('data must be text or bytes (Uint8Array)');
  if (size > MAX_SAVE_BYTES && (typeof data !== 'string' || Buffer.byteLength(data) > MAX_SAVE_BYTES)) {
    throw new Error(`data too large (limit ${MAX_SAVE_BYTES} bytes)`);
  }
  const checked: SaveFileRequest = { suggestedName, data };
  if (filters) checked.filters = filters;
  return [checked];
};
