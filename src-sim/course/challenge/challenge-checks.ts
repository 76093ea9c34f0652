// The checks a challenge evaluates: the lessons' checks (src-sim/course/lessons/
// checks.ts) plus one of its own, `ipvs-even`, for the faults that skew the
// load without removing anyone (uneven wrr weights, a hashing scheduler,
// persistence), which the lessons' checks cannot express.
import { list, msg, type Message } from '../../i18n/catalogue.ts';
import type { Lab } from '../../lab.ts';
import type { Check, CheckResult } from '../lessons/check-types.ts';
import { evaluateChecks, parseServiceKey } from '../lessons/checks.ts';

/** The service spreads new connections from one client evenly over its real servers. */
export interface IpvsEvenCheck {
  id: string;
  type: 'ipvs-even';
  host: string;
  service: string;
}

export type ChallengeCheck = Check | IpvsEvenCheck;

/** Schedulers that, for one client making one connection after another, take turns. */
const TURN_TAKING = new Set(['rr', 'wrr', 'lc', 'wlc', 'sed', 'nq', 'fo', 'ovf', 'mh']);
const WEIGHT_BLIND = new Set(['rr']);

function ipvsEven(lab: Lab, check: IpvsEvenCheck): CheckResult {
  const title = msg('check.even.title', { service: check.service, host: check.host });
  const reads = msg('check.reads.live', { what: msg('check.reads.ipvs', { host: check.host }) });
  const fail = (message: Message): CheckResult => ({ id: check.id, pass: false, title, reads, message, explanation: [] });
  const key = parseServiceKey(check.service);
  const service = key ? lab.host(check.host).ipvs.findService(key) : undefined;
  if (!service) return fail(msg('check.service.none', { host: check.host, service: check.service }));
  const weights = service.dests.map((d) => d.weight);
  const listed = list(service.dests.map((d) => `w=${d.weight}`));
  if (service.persistent) return fail(msg('check.even.persistent', { timeout: service.timeout }));
  if (!TURN_TAKING.has(service.schedName)) return fail(msg('check.even.hashing', { scheduler: service.schedName }));
  if (weights.some((w) => w <= 0)) return fail(msg('check.even.weight0', { weights: listed }));
  if (!WEIGHT_BLIND.has(service.schedName) && new Set(weights).size > 1) return fail(msg('check.even.uneven', { scheduler: service.schedName, weights: listed }));
  return { id: check.id, pass: true, title, reads, message: msg('check.even.ok', { scheduler: service.schedName, weights: listed }), explanation: [] };
}

/** Evaluates challenge checks in order; never changes `lab` (probes run on copies). */
export function evaluateChallengeChecks(lab: Lab, checks: readonly ChallengeCheck[]): CheckResult[] {
  const lessonChecks = checks.filter((c): c is Check => c.type !== 'ipvs-even');
  const lessonResults = new Map(evaluateChecks(lab, lessonChecks).map((r, i) => [lessonChecks[i]!, r]));
  return checks.map((c) => (c.type === 'ipvs-even' ? ipvsEven(lab, c) : lessonResults.get(c)!));
}
