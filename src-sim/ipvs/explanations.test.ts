// Every decision the director, the real servers, the router and the client
// make in the LVS labs has a sentence in both languages.
import { describe, expect, test } from 'vitest';
import { describeEvent } from '../i18n/trace.ts';
import { englishWords } from '../i18n/english-words-test-support.ts';
import type { Lab } from '../lab.ts';
import { textbookLab, TEXTBOOK_VIP } from '../scenario/textbook.ts';

const VIP = TEXTBOOK_VIP;

function labs(): Lab[] {
  const dr = textbookLab({ realServers: 3 });
  dr.run('client', `for i in 1 2 3; do curl -s ${VIP}; done`);
  dr.run('client', 'curl -s -m 2 198.51.100.11:81');
  dr.run('client', 'curl -s -m 2 198.51.100.99');
  const nat = textbookLab({ realServers: 3, method: '-m' });
  nat.run('client', `curl -s ${VIP}`);
  const tun = textbookLab({ method: '-i', realServers: 1 });
  tun.run('client', `curl -s ${VIP}`);
  tun.run('rs1', 'ip link set tunl0 down');
  tun.run('client', `curl -s -m 2 ${VIP}`);
  const loop = textbookLab({ realServers: 0 });
  loop.run('director', `ipvsadm -a -t ${VIP}:80 -r 203.0.113.50:80 -g`);
  loop.run('client', `curl -s -m 2 ${VIP}`);
  const noVip = textbookLab({ realServers: 3 });
  noVip.run('rs3', `ip addr del ${VIP}/32 dev lo`);
  noVip.run('client', `curl -s -m 2 ${VIP}`);
  const quiesced = textbookLab({ realServers: 3 });
  for (const n of ['11', '12', '13']) quiesced.run('director', `ipvsadm -e -t ${VIP}:80 -r 198.51.100.${n}:80 -w 0`);
  quiesced.run('client', `curl -s ${VIP}`);
  const vipGone = textbookLab({ realServers: 3 });
  vipGone.run('router', `ip neigh replace ${VIP} lladdr 02:00:00:00:00:02 dev eth0 nud permanent`);
  vipGone.run('director', `ip addr del ${VIP}/24 dev eth0`);
  vipGone.run('client', `curl -s -m 1 ${VIP}`);
  return [dr, nat, tun, loop, noVip, quiesced, vipGone];
}

describe('explanations of the LVS labs', () => {
  const all = labs().flatMap((lab) => lab.trace);
  test.each([...new Set(all.map((e) => e.key))].sort())('%s has an English and a Chinese sentence with every placeholder filled', (key) => {
    const event = all.find((e) => e.key === key)!;
    for (const lang of ['en', 'zh-CN'] as const) expect(describeEvent(event, lang)).not.toMatch(/\{\w+\}/);
  });

  test('every explanation reads as Chinese in zh-CN (no English outside code, names and addresses)', () => {
    const english = new Map<string, string>();
    for (const event of all) {
      const text = describeEvent(event, 'zh-CN');
      for (const word of englishWords(text)) english.set(`${event.key}: ${word}`, text);
    }
    expect([...english.keys()], [...english.values()].join('\n')).toEqual([]);
  });

  test('the decisions a learner asks about are all there', () => {
    const keys = new Set<string>(all.map((e) => e.key));
    for (const key of ['ipvs.schedule', 'ipvs.xmit.dr', 'ipvs.xmit.dr-gateway', 'ipvs.xmit.nat', 'ipvs.nat.reply', 'ipvs.xmit.tun', 'ipip.decap', 'ipip.tunl0-down', 'ipvs.no-destination', 'ipvs.vip-not-local', 'tcp.accept', 'tcp.reply-route.gateway', 'tcp.refused', 'ip.drop.no-forwarding', 'tcp.syn-retransmit']) {
      expect(keys.has(key), key).toBe(true);
    }
  });
});
