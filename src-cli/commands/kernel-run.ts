export async function kernelRunCli(args: string[]): Promise<number> { process.stderr.write('lvs-dr-lab: kernel-run is not implemented yet\n'); void args; return 2; }
