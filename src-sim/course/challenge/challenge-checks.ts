// The checks a challenge evaluates: the lessons' checks (src-sim/course/lessons/
// checks.ts) plus one of its own, `ipvs-even`, for the faults that skew the
// load without removing anyone (uneven wrr weights, a hashing scheduler,
// persistence), which the lessons' checks cannot express.
import type { Lang } from '../../api.ts';
import type { Lab } from '../../lab.ts';
import type { Check, CheckResult } from '../lessons/check-types.ts';
import { evaluateChecks, parseServiceKey, tr } from '../lessons/checks.ts';

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

function ipvsEven(lab: Lab, check: IpvsEvenCheck, lang: Lang): CheckResult {
  const t = (en: string, zh: string) => tr(lang, en, zh);
  const title = t(`${check.service} on ${check.host} shares new connections evenly`, `${check.host} 上的 ${check.service} 平均分配新连接`);
  const fail = (message: string): CheckResult => ({ id: check.id, pass: false, title, message, explanation: [] });
  const key = parseServiceKey(check.service);
  const service = key ? lab.host(check.host).ipvs.findService(key) : undefined;
  if (!service) return fail(t(`${check.host} has no virtual service ${check.service}`, `${check.host} 没有虚拟服务 ${check.service}`));
  const weights = service.dests.map((d) => d.weight);
  const listed = service.dests.map((d) => `w=${d.weight}`).join(', ');
  if (service.persistent) return fail(t(`the service is persistent (-p ${service.timeout}): one client always reaches the same real server`, `服务是持久的（-p ${service.timeout}）：同一客户端总是到达同一台真实服务器`));
  if (!TURN_TAKING.has(service.schedName)) return fail(t(`the ${service.schedName} scheduler maps one client address to one real server`, `${service.schedName} 调度算法把同一客户端地址映射到同一台真实服务器`));
  if (weights.some((w) => w <= 0)) return fail(t(`a real server has weight 0 (${listed})`, `有真实服务器权重为 0（${listed}）`));
  if (!WEIGHT_BLIND.has(service.schedName) && new Set(weights).size > 1) return fail(t(`${service.schedName} shares by weight and the weights differ (${listed})`, `${service.schedName} 按权重分配，而各权重不同（${listed}）`));
  return { id: check.id, pass: true, title, message: t(`${service.schedName}, ${listed}`, `${service.schedName}，${listed}`), explanation: [] };
}

/** Evaluates challenge checks in order; never changes `lab` (probes run on copies). */
export function evaluateChallengeChecks(lab: Lab, checks: readonly ChallengeCheck[], options: { lang?: Lang } = {}): CheckResult[] {
  const lang = options.lang ?? 'en';
  const lessonChecks = checks.filter((c): c is Check => c.type !== 'ipvs-even');
  const lessonResults = new Map(evaluateChecks(lab, lessonChecks, { lang }).map((r, i) => [lessonChecks[i]!, r]));
  return checks.map((c) => (c.type === 'ipvs-even' ? ipvsEven(lab, c, lang) : lessonResults.get(c)!));
}
