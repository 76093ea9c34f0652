// Inputs for fuzzing the lab from a learner's side, generated from grammars:
// shell scripts (lists, pipelines, compound commands, functions — recursive
// ones too —, redirections, here-documents and expansions) and keepalived.conf
// files (its blocks and keywords with good and bad values, includes, stray
// braces and quotes), each also cut at a random place (an unterminated quote,
// half a loop, a block never closed). The vitest test and the long-run fuzzer
// (scripts/fuzz.mjs) draw from this one generator; src-sim/fuzz-target.ts
// runs what it draws.
import fc from 'fast-check';
import type { FuzzInput } from '../fuzz-target.ts';

const name = fc.constantFrom('x', 'y', 'i', 'VIP', 'f', 'g');
const literal = fc.constantFrom('a', 'b c', '1', '0', '-n', '*', '198.51.100.100', '', '{1..3}', 'a{b,c}', '~', '/tmp/*', '"q"', "'s'", '\\$x');
const expansion = fc.oneof(
  name.map((n) => `$${n}`),
  name.map((n) => `"$${n}"`),
  fc.constantFrom('$1', '$#', '$@', '"$@"', '$?', '$$', '$0', '${x:-d}', '${x:=z}', '${#y}', '${VIP%.*}', '${VIP##*.}', '${y/a/b}', '$((i+1))', '$((1/0))', '`echo bq`', '$(echo s)', '${x:?}', '${PIPESTATUS[0]}'),
);
const word = fc.oneof(literal, expansion, fc.tuple(literal, expansion).map(([a, b]) => `${a}${b}`));
const words = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(' '));
const redirect = fc.constantFrom('', '', '', ' > /tmp/out', ' >> /tmp/out', ' 2>/dev/null', ' 2>&1', ' >&2', ' < /tmp/out', ' < /nope', ' > /proc/sys/net/ipv4/conf/all/arp_ignore', ' <<< "in $x"', ' &>/dev/null', ' >&3', ' > /etc');
const simple = fc.oneof(
  fc.tuple(fc.constantFrom('echo', 'echo -n', 'true', 'false', ':', 'read', 'shift', 'set --', 'local', 'return', 'exit', 'export', 'unset', 'test', '[', 'cd', 'pwd', 'type', 'eval', 'let', 'f', 'g', 'seq', 'nosuch', 'source', 'break', 'continue', 'bash -c', 'sh -c'), words, redirect).map(([c, w, r]) => `${c} ${w}${r}`),
  fc.tuple(name, word).map(([n, w]) => `${n}=${w}`),
  fc.tuple(word, fc.constantFrom('=', '!=', '-eq', '-lt', '-z', '-f'), word).map(([a, op, b]) => `[ ${a} ${op} ${b} ]`),
  fc.tuple(word, fc.constantFrom('==', '!=', '=~', '<', '-gt', '&& -n', '|| -z'), word).map(([a, op, b]) => `[[ ${a} ${op} ${b} ]]`),
  fc.constantFrom('(( i++ ))', '(( i < 3 ))', '(( 1/0 ))', 'i=$((i+1))', 'set -e', 'set +e', 'set -x', 'set +x', 'set -u', 'set +u'),
);

const { script } = fc.letrec<{ script: string; command: string; list: string }>((tie) => ({
  script: fc.array(tie('list'), { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
  list: fc.tuple(tie('command'), fc.array(fc.tuple(fc.constantFrom(' ; ', ' && ', ' || ', ' | ', ' |& ', ' & '), tie('command')), { maxLength: 2 })).map(([first, rest]) => first + rest.map(([op, c]) => op + c).join('')),
  command: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    simple,
    simple.map((c) => `! ${c}`),
    tie('list').map((l) => `{ ${l}; }`),
    tie('list').map((l) => `( ${l} )`),
    fc.tuple(tie('list'), tie('list'), tie('list')).map(([c, t, e]) => `if ${c}; then ${t}; else ${e}; fi`),
    fc.tuple(tie('list'), tie('list')).map(([c, b]) => `while ${c}; do ${b}; done`),
    fc.tuple(tie('list'), tie('list')).map(([c, b]) => `until ${c}; do ${b}; done`),
    fc.tuple(name, words, tie('list')).map(([n, w, b]) => `for ${n} in ${w}; do ${b}; done`),
    tie('list').map((b) => `for ((i=0; i<3; i++)); do ${b}; done`),
    fc.tuple(word, tie('list'), tie('list')).map(([w, a, b]) => `case ${w} in a|b*) ${a};; *) ${b};; esac`),
    fc.tuple(fc.constantFrom('f', 'g'), tie('list')).map(([n, b]) => `${n}() { ${b}; }`),
    fc.constantFrom('f() { f; }', 'g() { g | g; }', 'f() { local x=1; echo $x; return 2; }'),
    tie('list').map((b) => `read a b <<EOF\n${b}\nEOF`),
    tie('list').map((b) => `x=$(${b})`),
  ),
}));

/** `text`, or the same text cut at a random place. */
const orCut = (text: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof(text, fc.tuple(text, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))));

/** A generated script, or the same script cut at a random place (unterminated quotes, half a loop). */
export const scriptArb: fc.Arbitrary<string> = orCut(script);

// keepalived.conf: values good and bad for each keyword, so the parser's range checks, defaults and refusals all run.
const kaNumber = fc.constantFrom('0', '1', '3', '51', '100', '150', '255', '256', '-1', '1.5', '99999999999', 'x', '');
const kaAddress = fc.constantFrom('198.51.100.100', '198.51.100.100/24', '198.51.100.11', '203.0.113.7/32', '192.0.2.300', 'VIP', '::1', '198.51.100.100/33');
const kaValue = fc.oneof(kaNumber, kaAddress, fc.constantFrom('eth0', 'lo', 'eth9', 'MASTER', 'BACKUP', 'BOSS', 'PASS', 'AH', 'secret12345', 'rr', 'wlc', 'nosuch', 'DR', 'NAT', 'TUN', 'TCP', 'UDP', '"quoted word"', '"unterminated', '/bin/true', '"/usr/bin/killall -0 nginx"', '{', '}'));
const kaLine = (keywords: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...keywords), fc.array(kaValue, { maxLength: 3 })).map(([k, vs]) => [k, ...vs].join(' ')) },
    { weight: 1, arbitrary: fc.constantFrom('! a comment', '# a comment', 'bogus_keyword 1', '', '}', '{', 'include /etc/keepalived/conf.d/*.conf', 'include /nope/*.conf', '@ld1 router_id ld1', '$X=1', 'nopreempt') },
  );
const kaBlock = (head: fc.Arbitrary<string>, body: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(head, fc.array(body, { maxLength: 6 }), fc.constantFrom('}', '}', '}', '')).map(([h, lines, close]) => `${h} {\n${lines.map((l) => `    ${l}`).join('\n')}\n${close}`);
const vrrpInstance = kaBlock(
  fc.constantFrom('vrrp_instance VI_1', 'vrrp_instance VI_2', 'vrrp_instance', 'vrrp_instance VI_1 extra'),
  fc.oneof(
    { weight: 5, arbitrary: kaLine(['state', 'interface', 'virtual_router_id', 'priority', 'advert_int', 'nopreempt', 'preempt_delay', 'garp_master_delay', 'garp_master_repeat', 'garp_master_refresh', 'unicast_src_ip', 'dont_track_primary', 'smtp_alert', 'notify_master', 'notify_backup', 'notify_fault', 'notify_stop', 'notify']) },
    { weight: 1, arbitrary: kaBlock(fc.constantFrom('authentication'), kaLine(['auth_type', 'auth_pass'])) },
    { weight: 1, arbitrary: kaBlock(fc.constantFrom('virtual_ipaddress', 'virtual_ipaddress_excluded', 'unicast_peer', 'track_interface', 'track_script'), fc.oneof(kaAddress, fc.tuple(kaAddress, fc.constantFrom('dev eth0', 'dev eth9', 'label eth0:0', 'label lo:1', 'scope host', 'brd 198.51.100.255', 'chk_nginx', 'weight -20')).map(([a, o]) => `${a} ${o}`))) },
  ),
);
const vrrpScript = kaBlock(fc.constantFrom('vrrp_script chk_nginx', 'vrrp_script'), kaLine(['script', 'interval', 'timeout', 'weight', 'rise', 'fall', 'user']));
const checker = kaBlock(fc.constantFrom('TCP_CHECK', 'HTTP_GET', 'MISC_CHECK', 'SSL_GET'), fc.oneof(kaLine(['connect_timeout', 'connect_port', 'connect_ip', 'retry', 'nb_get_retry', 'delay_before_retry', 'bindto', 'misc_path', 'misc_timeout', 'misc_dynamic', 'warmup']), kaBlock(fc.constantFrom('url'), kaLine(['path', 'status_code', 'digest']))));
const realServer = kaBlock(fc.tuple(kaAddress, kaNumber).map(([a, p]) => `real_server ${a} ${p}`), fc.oneof(kaLine(['weight', 'inhibit_on_failure', 'notify_up', 'notify_down']), checker));
const virtualServer = kaBlock(
  fc.oneof(fc.tuple(kaAddress, kaNumber).map(([a, p]) => `virtual_server ${a} ${p}`), fc.constantFrom('virtual_server fwmark 1', 'virtual_server', 'virtual_server_group G')),
  fc.oneof({ weight: 4, arbitrary: kaLine(['delay_loop', 'lb_algo', 'lvs_sched', 'lb_kind', 'lvs_method', 'persistence_timeout', 'protocol', 'quorum', 'sorry_server', 'alpha', 'omega']) }, { weight: 2, arbitrary: realServer }),
);
const globalDefs = kaBlock(fc.constantFrom('global_defs'), kaLine(['router_id', 'lvs_id', 'enable_script_security', 'script_user', 'vrrp_strict', 'vrrp_skip_check_adv_addr', 'vrrp_garp_interval', 'vrrp_garp_master_delay', 'vrrp_garp_master_repeat', 'vrrp_garp_master_refresh', 'vrrp_garp_master_refresh_repeat', 'max_auto_priority', 'notification_email_from', 'smtp_server', 'smtp_connect_timeout', 'vrrp_iptables']));
const keepalivedConf = fc
  .array(fc.oneof({ weight: 1, arbitrary: globalDefs }, { weight: 3, arbitrary: vrrpInstance }, { weight: 1, arbitrary: vrrpScript }, { weight: 3, arbitrary: virtualServer }, { weight: 1, arbitrary: kaLine(['include', 'vrrp_sync_group', 'bogus']) }), { minLength: 1, maxLength: 4 })
  .map((blocks) => `${blocks.join('\n')}\n`);

/** A generated keepalived.conf, or one cut at a random place. */
export const keepalivedConfArb: fc.Arbitrary<string> = orCut(keepalivedConf);

/** What the fuzzers try: mostly scripts, one in eight a keepalived.conf run by the daemon. */
export const fuzzInputArb: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 7, arbitrary: scriptArb.map((text): FuzzInput => ({ kind: 'script', text })) },
  { weight: 1, arbitrary: keepalivedConfArb.map((text): FuzzInput => ({ kind: 'keepalived.conf', text })) },
);
