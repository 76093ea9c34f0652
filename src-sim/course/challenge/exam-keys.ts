// The keyed functions that make an exam hold, in pure TypeScript so the
// renderer, the grading processes and the CLI derive exactly the same values
// synchronously (src-sim may use neither node:crypto nor the asynchronous
// WebCrypto; sha256.ts is the one SHA-256):
//
//   HMAC-SHA-256 (RFC 2104) over sha256.ts;
//   variant(secret, learner, exercise) → the seed that draws the learner's
//     faults and the seed of their lab's random source: only the teacher,
//     who holds the secret, can compute them;
//   learnerCode(secret, learner) → the short code the teacher hands each
//     learner; it unlocks that learner's lab in the learner's pack;
//   seal / unseal: a learner's labs encrypted under a key derived from their
//     code (HMAC-SHA-256 in counter mode as the key stream, then an HMAC tag
//     over the ciphertext: encrypt-then-MAC). Without the code the pack says
//     nothing about anyone's faults; a wrong code is refused by the tag.
//
// The only randomness an exam needs is the teacher's secret; the app or the
// CLI draws it from the platform's generator and passes it in.
import { sha256Bytes } from './sha256.ts';

const BLOCK = 64;

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(BLOCK);
  block.set(key.length > BLOCK ? sha256Bytes(key) : key);
  const inner = block.map((b) => b ^ 0x36);
  const outer = block.map((b) => b ^ 0x5c);
  return sha256Bytes(concat(outer, sha256Bytes(concat(inner, message))));
}

export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Bytes of an even-length hex string (validated by the caller's schema). */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** HMAC of the secret (hex) over labelled parts; NUL separates them, so no two inputs collide. */
function keyed(secretHex: string, ...parts: string[]): Uint8Array {
  return hmacSha256(fromHex(secretHex), utf8(parts.join('\0')));
}

export interface Variant {
  /** Draws the learner's faults (generateChallenge). */
  seed: number;
  /** Seeds the learner's lab's random source; a different number, so the lab never shows the fault seed. */
  labSeed: number;
}

/** A learner's variant of one exam exercise. */
export function examVariant(secretHex: string, learner: string, exerciseId: string): Variant {
  const mac = new DataView(keyed(secretHex, 'variant', learner, exerciseId).buffer);
  return { seed: mac.getUint32(0), labSeed: mac.getUint32(4) };
}

// Crockford's base 32: no I, L, O, U, so a code read aloud or copied by hand survives.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/** The learner's exam code: 10 characters (50 bits), given to them by the teacher. */
export function learnerCode(secretHex: string, learner: string): string {
  const mac = keyed(secretHex, 'code', learner);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[mac[i]! & 31];
  return code;
}

/** A code as typed: case, spaces and dashes do not matter; O, I and L read as 0, 1, 1. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function sealKeys(code: string, examId: string, learner: string): { stream: Uint8Array; tag: Uint8Array } {
  const master = hmacSha256(utf8(normalizeCode(code)), utf8(['seal', examId, learner].join('\0')));
  return { stream: hmacSha256(master, utf8('stream')), tag: hmacSha256(master, utf8('tag')) };
}

function xorStream(key: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  const counter = new Uint8Array(4);
  for (let block = 0; block * 32 < data.length; block++) {
    new DataView(counter.buffer).setUint32(0, block);
    const pad = hmacSha256(key, counter);
    for (let i = 0; i < 32 && block * 32 + i < data.length; i++) out[block * 32 + i] = data[block * 32 + i]! ^ pad[i]!;
  }
  return out;
}

export interface Sealed {
  /** Ciphertext, hex. */
  sealed: string;
  /** HMAC-SHA-256 of the ciphertext, hex. */
  tag: string;
}

/** Encrypts `text` for the holder of `code` (one learner of one exam). */
export function seal(text: string, code: string, examId: string, learner: string): Sealed {
  const keys = sealKeys(code, examId, learner);
  const ciphertext = xorStream(keys.stream, utf8(text));
  return { sealed: toHex(ciphertext), tag: toHex(hmacSha256(keys.tag, ciphertext)) };
}

/** The text sealed for `learner`, or null when the code is not theirs (or the ciphertext was changed). */
export function unseal(box: Sealed, code: string, examId: string, learner: string): string | null {
  const keys = sealKeys(code, examId, learner);
  const ciphertext = fromHex(box.sealed);
  const expected = toHex(hmacSha256(keys.tag, ciphertext));
  let diff = expected.length ^ box.tag.length;
  for (let i = 0; i < expected.length && i < box.tag.length; i++) diff |= expected.charCodeAt(i) ^ box.tag.charCodeAt(i);
  if (diff !== 0) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(xorStream(keys.stream, ciphertext));
  } catch {
    return null;
  }
}
