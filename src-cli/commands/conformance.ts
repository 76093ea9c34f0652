export async function conformanceCli(args: string[]): Promise<number> { process.stderr.write('lvs-dr-lab: conformance is not implemented yet\n'); void args; return 2; }
