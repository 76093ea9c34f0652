// What stops an awk program with mawk's "run time error" (commands/awk.ts adds the words around it).
export class AwkRuntimeError extends Error {}
