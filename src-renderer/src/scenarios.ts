// Loading scenarios: the built-in standard lab and files the learner opens.
import { parseScenarioText, textbookScenario, validateScenario, type Problem, type Scenario, type Step } from '../../src-sim/session/index.ts';

/** Same limit as the main process applies to `scenario:open`. */
export { MAX_SCENARIO_BYTES } from '../../src-main/ipc-map.ts';

/** The workspace's lab: the textbook lab with the client on the LAN and the director's IPVS table left to the learner. */
export function standardScenario(): Scenario {
  const result = validateScenario(textbookScenario({ name: 'Standard LVS-DR lab', client: 'flat', service: false }));
  if (!result.ok) throw new Error(`built-in scenario is invalid: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

/**
 * The free lab's two-director lab: the textbook lab's `directors: 2, keepalived: true` (client
 * behind the router, so the router's ARP cache has to follow the VIP), keepalived.conf written on
 * director (priority 150) and director2 (100) by the setup, keepalived not started yet.
 */
export function keepalivedLab(): { scenario: Scenario; setup: Step[] } {
  const { steps, ...scenario } = textbookScenario({ name: 'Two directors with keepalived', directors: 2, keepalived: true });
  const result = validateScenario({ ...scenario, steps: [] });
  if (!result.ok) throw new Error(`built-in scenario is invalid: ${JSON.stringify(result.problems)}`);
  return { scenario: result.scenario, setup: steps };
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

export function loadScenarioText(text: string): LoadResult {
  return parseScenarioText(text);
}
