// The few host APIs the simulator uses beyond ES2023 (every JavaScript runtime it runs in
// has them: Node, browsers, workers). Only what is used, so a new dependency on the host
// environment is a type error here rather than a surprise in one of them.
// Compiled only by src-sim/tsconfig.json; elsewhere the DOM and Node types declare them.

interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare const TextEncoder: { new (): TextEncoder };

interface TextDecoder {
  decode(input?: Uint8Array): string;
}
declare const TextDecoder: { new (label?: string, options?: { fatal?: boolean }): TextDecoder };

interface URL {
  readonly hostname: string;
  readonly port: string;
  readonly protocol: string;
}
declare const URL: { new (url: string): URL; canParse(url: string): boolean };

declare function structuredClone<T>(value: T): T;
