export async function runCli(args: string[]): Promise<number> { process.stderr.write('lvs-dr-lab: run is not implemented yet\n'); void args; return 2; }
