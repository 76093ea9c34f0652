// A check's title in the learner's language when the lesson gives none.
import type { Lang } from '../../api.ts';
import type { Check } from './check-types.ts';

export function describeCheck(check: Check, lang: Lang): string {
  const en = lang === 'en';
  const after = check.after && check.after.length > 0 ? (en ? ' (after: ' : '（之后：') + check.after.join('; ') + (en ? ')' : '）') : '';
  switch (check.type) {
    case 'address': {
      const where = check.dev ? (en ? ` on ${check.dev}` : ` 在 ${check.dev} 上`) : '';
      return (en ? `${check.host} ${check.present ? 'has' : 'does not have'} ${check.address}${where}` : `${check.host}${where}${check.present ? '配置了' : '没有配置'} ${check.address}`) + after;
    }
    case 'conf':
      return (en ? `${check.host} uses ${check.key} ${check.oneOf.join(' or ')} on ${check.dev}` : `${check.host} 在 ${check.dev} 上实际使用 ${check.key} = ${check.oneOf.join(' 或 ')}`) + after;
    case 'sysctl':
      return `${check.host}: ${check.name} = ${check.oneOf.join(en ? ' or ' : ' 或 ')}${after}`;
    case 'neighbour': {
      if (check.present === false) return (en ? `${check.host} has no ARP entry for ${check.ip}` : `${check.host} 没有 ${check.ip} 的 ARP 条目`) + after;
      const mac = check.mac ? (en ? ` pointing at ${check.mac}` : `，指向 ${check.mac}`) : '';
      return (en ? `${check.host}'s ARP entry for ${check.ip}${mac}` : `${check.host} 中 ${check.ip} 的 ARP 条目${mac}`) + after;
    }
    case 'ipvs-service':
      return (en ? `${check.host} ${check.present ? 'has' : 'does not have'} the virtual service ${check.service}` : `${check.host} ${check.present ? '有' : '没有'}虚拟服务 ${check.service}`) + after;
    case 'ipvs-dest': {
      if (check.present === false) return (en ? `${check.service} has no real server ${check.dest}` : `${check.service} 没有真实服务器 ${check.dest}`) + after;
      const how = [check.fwd, check.minWeight !== undefined ? (en ? `weight ≥ ${check.minWeight}` : `权重 ≥ ${check.minWeight}`) : undefined].filter(Boolean).join(', ');
      return (en ? `${check.service} has the real server ${check.dest}${how ? ` (${how})` : ''}` : `${check.service} 有真实服务器 ${check.dest}${how ? `（${how}）` : ''}`) + after;
    }
    case 'arp-probe':
      return (en ? `ARP for ${check.target} from ${check.from}: only ${check.answeredBy.join(', ')} answer${check.answeredBy.length === 1 ? 's' : ''}` : `${check.from} 对 ${check.target} 发 ARP：只有 ${check.answeredBy.join('、')} 应答`) + after;
    case 'ping-probe':
      return (en ? `${check.from} pings ${check.target} and ${check.answeredBy} answers` : `${check.from} ping ${check.target}，由 ${check.answeredBy} 应答`) + after;
    case 'http-probe': {
      const via = check.via ? (en ? `, all through ${check.via}` : `，全部经过 ${check.via}`) : '';
      return (en ? `${check.count} requests from ${check.from} to ${check.url} are answered by ${check.servers.join(', ')}${via}` : `${check.from} 向 ${check.url} 发出 ${check.count} 个请求，${check.servers.join('、')} 都有应答${via}`) + after;
    }
  }
}
