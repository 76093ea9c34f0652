// The rules for a file name the app suggests in a save dialog or a download:
// one base name that means the same file on Linux, macOS and Windows and reads
// the same as it is. Main refuses a name that breaks them (checkSuggestedName);
// the renderer makes names from what a file or a learner typed with safeSaveName.

// Characters Windows refuses in file names.
const WINDOWS_RESERVED = /[<>:"/\\|?*]/;
// C0 and C1 control characters: a name must not carry terminal escapes or line breaks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Bidirectional formatting: U+202E makes "gpj.exe" look like "exe.jpg".
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// Windows device names, with or without an extension ("CON", "nul.txt", "COM1.json", "LPT¹").
const DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\.|$)/i;

export const MAX_SAVE_NAME_CHARS = 200;

/** Why `name` cannot be a suggested file name, or null when it can. */
export function saveNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > MAX_SAVE_NAME_CHARS) return `must be 1 to ${MAX_SAVE_NAME_CHARS} characters`;
  if (WINDOWS_RESERVED.test(name)) return 'must be a file name without folders or the characters < > : " / \\ | ? *';
  if (CONTROL.test(name)) return 'must not contain control characters';
  if (BIDI.test(name)) return 'must not contain bidirectional formatting characters (such as U+202E)';
  if (name.startsWith('.')) return 'must not start with a dot';
  if (/[. ]$/.test(name)) return 'must not end with a dot or a space (Windows drops them)';
  if (DEVICE.test(name.replace(/ +(?=\.|$)/, ''))) return 'is a Windows device name (CON, PRN, AUX, NUL, COM1…, LPT1…)';
  return null;
}

/** A name that passes saveNameProblem, made from any text (a pack's file name, a learner's name). */
export function safeSaveName(name: string, fallback: string): string {
  let safe = name
    .normalize('NFKC')
    .replace(new RegExp(`${WINDOWS_RESERVED.source}|${CONTROL.source}|${BIDI.source}`, 'g'), '-')
    .slice(0, MAX_SAVE_NAME_CHARS)
    .replace(/^[. ]+|[. ]+$/g, '');
  if (DEVICE.test(safe.replace(/ +(?=\.|$)/, ''))) safe = `_${safe}`.slice(0, MAX_SAVE_NAME_CHARS);
  return saveNameProblem(safe) === null ? safe : fallback;
}
