// The real-Linux runner used by `kernel-run` and `conformance`.
export { kernelRun, isRoot, missingTools, KernelSetupError, ScenarioRefusedError, type KernelRunOptions, type PortOrder } from './run.ts';
export { removeStaleNamespaces } from './netns.ts';
export { refusalReasons } from './safety.ts';
