// The fault catalog: data, not code. Each fault says how it breaks the
// working lab (commands-file lines run after boot), how to fix it (one
// reference fix; any fix the checks accept counts), which checks detect it,
// the symptom users would report, and two hints.
//
// Texts and commands are templates; generation fills in the parameters:
//   {rs} the real server it breaks, {other} the other real server,
//   {rip} / {otherRip} their addresses, {vip}, {gw} the gateway,
//   {port} the service port, {value} a value the seed picks from `values`.
// Checks are those of src-sim/course/lessons/check-types.ts plus the challenge's own
// `ipvs-even` (challenge-checks.ts); they must all pass in the working lab and
// at least one must fail once the fault is applied (faults.test.ts proves both).
import type { Lang } from '../../api.ts';
import type { FaultGroup } from './levels.ts';

export type Text = Record<Lang, string>;

export interface FaultDef {
  id: string;
  group: FaultGroup;
  /** The host it breaks: a real server (picked by the seed), the director, or the keepalived lab's second director (director2); the fault's key names it. */
  target: 'rs' | 'director' | 'director2';
  /** Values for {value}; the seed picks one. */
  values?: readonly string[];
  /** Parts of the lab it changes; two faults of one challenge never share one (templates). */
  touches: readonly string[];
  title: Text;
  break: readonly string[];
  fix: readonly string[];
  /** Check templates (JSON); ids are made unique per challenge. */
  detect: readonly Record<string, unknown>[];
  /** The symptom as users report it. */
  ticket: Text;
  hints: readonly [Text, Text];
}

const SERVICE = 'tcp:{vip}:{port}';

const arpIgnoreCheck = { type: 'conf', host: '{rs}', dev: 'eth0', key: 'arp_ignore', oneOf: [1, 2] };
const arpAnnounceCheck = { type: 'conf', host: '{rs}', dev: 'eth0', key: 'arp_announce', oneOf: [2] };
const vipOnLoCheck = { type: 'address', host: '{rs}', address: '{vip}/32', dev: 'lo', present: true };
const ripCheck = { type: 'address', host: '{rs}', address: '{rip}/24', dev: 'eth0', present: true };
const gatewayPing = { type: 'ping-probe', from: '{rs}', target: '{gw}', answeredBy: 'router' };
const destCheck = { type: 'ipvs-dest', host: 'director', service: SERVICE, dest: '{rip}:{port}', present: true, fwd: 'Route', minWeight: 1 };
const evenCheck = { type: 'ipvs-even', host: 'director', service: SERVICE };

const rsArpHints = (what: Text): readonly [Text, Text] => [
  { en: 'Ask the LAN who has the VIP: `arping -I eth0 {vip}` from the router. Who answers?', 'zh-CN': '在路由器上问一问谁拥有 VIP：`arping -I eth0 {vip}`。是谁在应答？' },
  what,
];

/** The keepalived lab's configuration file on both directors (textbook.ts textbookKeepalivedConf). */
const KA_CONF = '/etc/keepalived/keepalived.conf';
const directorHoldsVip = { type: 'address', host: 'director', address: '{vip}', dev: 'eth0', present: true };
const director2IsBackup = { type: 'address', host: 'director2', address: '{vip}', present: false };
const onlyDirectorAnswers = { type: 'arp-probe', from: 'router', target: '{vip}', answeredBy: ['director'] };
const bothDests = [destCheck, { ...destCheck, dest: '{otherRip}:{port}' }];

/** Faults of the keepalived lab (level 5): director (priority 150) and director2 (100) share the VIP by VRRP 51. */
const KEEPALIVED_FAULTS: readonly FaultDef[] = [
  {
    id: 'ka-vrid-mismatch',
    group: 'keepalived',
    target: 'director2',
    values: ['52', '61', '151'],
    touches: ['vrrp:director2'],
    title: { en: 'director2 on virtual_router_id {value} instead of 51 (split brain)', 'zh-CN': 'director2 的 virtual_router_id 为 {value} 而不是 51（脑裂）' },
    break: [`director2$ sed -i 's/virtual_router_id 51/virtual_router_id {value}/' ${KA_CONF}`, 'director2$ systemctl restart keepalived', 'sleep 5'],
    fix: [`director2$ sed -i 's/virtual_router_id {value}/virtual_router_id 51/' ${KA_CONF}`, 'director2$ systemctl restart keepalived', 'sleep 5'],
    detect: [director2IsBackup, directorHoldsVip, onlyDirectorAnswers],
    ticket: {
      en: 'Since director2\'s keepalived was "tidied up" this morning, the gateway\'s ARP entry for the VIP keeps changing between the two directors, and both directors log "Entering MASTER STATE".',
      'zh-CN': '自从今早"整理"了 director2 的 keepalived 之后，网关上 VIP 的 ARP 表项在两台 director 之间来回变化，两台 director 的日志里都有 "Entering MASTER STATE"。',
    },
    hints: [
      { en: 'Which director holds the VIP? `ip -br addr` on both, and `systemctl status keepalived`: does either log adverts from the other?', 'zh-CN': '哪台 director 持有 VIP？在两台上执行 `ip -br addr` 和 `systemctl status keepalived`：哪一台记录了来自对方的通告？' },
      { en: 'VRRP routers elect only among adverts with their own virtual_router_id: compare `grep virtual_router_id /etc/keepalived/keepalived.conf` on both directors.', 'zh-CN': 'VRRP 路由器只在 virtual_router_id 相同的通告之间选举：比较两台 director 上的 `grep virtual_router_id /etc/keepalived/keepalived.conf`。' },
    ],
  },
  {
    id: 'ka-auth-mismatch',
    group: 'keepalived',
    target: 'director2',
    values: ['lvs-lab', 'LVSLAB', 'lvslab1'],
    touches: ['vrrp:director2'],
    title: { en: 'director2\'s auth_pass is {value}, not lvslab', 'zh-CN': 'director2 的 auth_pass 是 {value}，而不是 lvslab' },
    break: [`director2$ sed -i 's/auth_pass lvslab$/auth_pass {value}/' ${KA_CONF}`, 'director2$ systemctl restart keepalived', 'sleep 5'],
    fix: [`director2$ sed -i 's/auth_pass {value}$/auth_pass lvslab/' ${KA_CONF}`, 'director2$ systemctl restart keepalived', 'sleep 5'],
    detect: [director2IsBackup, directorHoldsVip, onlyDirectorAnswers],
    ticket: {
      en: 'After the password rotation on director2, both directors claim the VIP: connections stall whenever the gateway follows director2, and director\'s log fills with "received an invalid passwd!".',
      'zh-CN': 'director2 换过密码之后，两台 director 都声称拥有 VIP：每当网关跟随 director2 时连接就卡住，director 的日志里满是 "received an invalid passwd!"。',
    },
    hints: [
      { en: 'Read both directors\' keepalived logs (`systemctl status keepalived`): what does each say about the other\'s adverts?', 'zh-CN': '查看两台 director 的 keepalived 日志（`systemctl status keepalived`）：各自对对方的通告说了什么？' },
      { en: 'An advert with the wrong PASS password is dropped as if never sent, so each side thinks it is alone. Compare the authentication blocks in /etc/keepalived/keepalived.conf.', 'zh-CN': 'PASS 密码不对的通告会被丢弃，就像从未发送一样，于是双方都以为只有自己。比较两台机器 /etc/keepalived/keepalived.conf 中的 authentication 块。' },
    ],
  },
  {
    id: 'ka-nopreempt',
    group: 'keepalived',
    target: 'director',
    touches: ['vrrp:director'],
    title: { en: 'nopreempt on director, the higher-priority director', 'zh-CN': '优先级更高的 director 上配置了 nopreempt' },
    break: [`director$ sed -i '/advert_int 1/a nopreempt' ${KA_CONF}`, 'director$ systemctl restart keepalived', 'sleep 5'],
    fix: [`director$ sed -i '/nopreempt/d' ${KA_CONF}`, 'director$ systemctl restart keepalived', 'sleep 5'],
    detect: [
      directorHoldsVip,
      director2IsBackup,
      { ...directorHoldsVip, after: ['director$ systemctl restart keepalived', 'sleep 6'], title: { en: 'director takes the VIP back within 6 s of a keepalived restart on it', 'zh-CN': 'director 上的 keepalived 重启后 6 秒内 director 重新拿回 VIP' } },
    ],
    ticket: {
      en: 'Since director\'s keepalived was restarted for maintenance, director2, our small standby box, carries all the traffic; director never takes the VIP back although its priority is 150. A colleague added a setting "so it would not flap".',
      'zh-CN': '自从 director 的 keepalived 因维护重启后，所有流量都由小小的备机 director2 承担；director 的优先级是 150，却一直没有拿回 VIP。有同事加了一个"防止来回切换"的设置。',
    },
    hints: [
      { en: 'In which state is director\'s VRRP instance (`systemctl status keepalived` on director), and what does a BACKUP do with adverts of a lower priority?', 'zh-CN': 'director 的 VRRP 实例处于什么状态（在 director 上 `systemctl status keepalived`）？BACKUP 收到较低优先级的通告时会怎么做？' },
      { en: 'nopreempt keeps a BACKUP from taking over from a lower-priority MASTER: the returning director stays BACKUP. Remove it from director\'s vrrp_instance and restart keepalived there.', 'zh-CN': 'nopreempt 会让 BACKUP 不去抢占优先级更低的 MASTER：回来的 director 一直是 BACKUP。把它从 director 的 vrrp_instance 中删掉，再重启那里的 keepalived。' },
    ],
  },
  {
    id: 'ka-vip-on-lo',
    group: 'keepalived',
    target: 'director',
    touches: ['vip:director'],
    title: { en: 'director\'s virtual_ipaddress says dev lo instead of dev eth0', 'zh-CN': 'director 的 virtual_ipaddress 写成了 dev lo 而不是 dev eth0' },
    break: [`director$ sed -i 's/dev eth0/dev lo/' ${KA_CONF}`, 'director$ systemctl restart keepalived', 'sleep 5'],
    fix: [`director$ sed -i 's/dev lo/dev eth0/' ${KA_CONF}`, 'director$ systemctl restart keepalived', 'sleep 5'],
    detect: [directorHoldsVip, { type: 'address', host: 'director', address: '{vip}', dev: 'lo', present: false }],
    ticket: {
      en: 'Someone "aligned director with the real servers, which keep the VIP on lo". Since then director is MASTER, yet no request reaches rs1 or rs2.',
      'zh-CN': '有人"让 director 和真实服务器保持一致，把 VIP 放到 lo 上"。从那以后 director 是 MASTER，可没有一个请求到达 rs1 或 rs2。',
    },
    hints: [
      { en: 'Where does the VIP live on director: `ip addr show dev eth0` and `ip addr show dev lo`? And which routes does it bring (`ip route show table local`)?', 'zh-CN': 'VIP 在 director 的哪个接口上：`ip addr show dev eth0` 和 `ip addr show dev lo`？它带来了哪些路由（`ip route show table local`）？' },
      { en: 'keepalived adds each virtual_ipaddress with its prefix on the dev it names: 198.51.100.100/24 on lo makes the whole LAN local to director. The director needs the VIP on eth0 (`dev eth0`).', 'zh-CN': 'keepalived 按 virtual_ipaddress 写的掩码把地址加到指定的 dev 上：lo 上的 198.51.100.100/24 让整个局域网都成了 director 的本机地址。调度器需要把 VIP 放在 eth0 上（`dev eth0`）。' },
    ],
  },
  {
    id: 'ka-check-port',
    group: 'keepalived',
    target: 'director',
    values: ['8080', '443', '8000'],
    touches: ['checker:director'],
    title: { en: 'TCP_CHECK with connect_port {value} on director: every real server drained', 'zh-CN': 'director 上 TCP_CHECK 的 connect_port 为 {value}：所有真实服务器都被摘除' },
    break: [`director$ sed -i '/connect_timeout 3/i connect_port {value}' ${KA_CONF}`, 'director$ systemctl reload keepalived', 'sleep 20'],
    fix: [`director$ sed -i '/connect_port {value}/d' ${KA_CONF}`, 'director$ systemctl reload keepalived', 'sleep 1'],
    // After a restart too: a real server put back by hand with ipvsadm stays only until keepalived reads its file again.
    detect: [
      ...bothDests,
      {
        ...destCheck,
        after: ['director$ systemctl restart keepalived', 'sleep 20'],
        title: { en: '{rs} is in director\'s table 20 s after a keepalived restart (its checks pass)', 'zh-CN': 'keepalived 重启 20 秒后 {rs} 仍在 director 的表中（它的检查通过）' },
      },
    ],
    ticket: {
      en: 'Since "the health checks were hardened" on director, the site refuses every connection, yet nginx runs fine on rs1 and rs2.',
      'zh-CN': '自从在 director 上"加强了健康检查"，站点拒绝所有连接，可 rs1 和 rs2 上的 nginx 运行得好好的。',
    },
    hints: [
      { en: 'What does director\'s table hold (`ipvsadm -Ln`), and what did keepalived\'s checker log (`systemctl status keepalived`)?', 'zh-CN': 'director 的表里有什么（`ipvsadm -Ln`）？keepalived 的检查器记录了什么（`systemctl status keepalived`）？' },
      { en: 'TCP_CHECK connects to connect_port when it is set: is anything listening there on the real servers (`ss -ltn`)? Remove it (or set it to {port}) and reload keepalived.', 'zh-CN': '设置了 connect_port 时 TCP_CHECK 就连接那个端口：真实服务器上有程序在那里监听吗（`ss -ltn`）？删掉它（或改成 {port}），再 reload keepalived。' },
    ],
  },
  {
    id: 'ka-lb-kind-nat',
    group: 'keepalived',
    target: 'director',
    touches: ['lvs:director'],
    title: { en: 'lb_kind NAT in director\'s virtual_server (a DR lab)', 'zh-CN': 'director 的 virtual_server 里是 lb_kind NAT（这是 DR 实验）' },
    break: [`director$ sed -i 's/lb_kind DR/lb_kind NAT/' ${KA_CONF}`, 'director$ systemctl reload keepalived', 'sleep 1'],
    fix: [`director$ sed -i 's/lb_kind NAT/lb_kind DR/' ${KA_CONF}`, 'director$ systemctl reload keepalived', 'sleep 1'],
    detect: bothDests,
    ticket: {
      en: 'Every request hangs since director\'s keepalived.conf was copied from the NAT cluster. tcpdump on rs1 shows requests arriving for {rip}, not for the VIP.',
      'zh-CN': '自从 director 的 keepalived.conf 从 NAT 集群复制过来后，每个请求都卡住。在 rs1 上 tcpdump 看到请求的目的地址是 {rip}，而不是 VIP。',
    },
    hints: [
      { en: 'Look at the Forward column of `ipvsadm -Ln` on director: who put it there?', 'zh-CN': '看 director 上 `ipvsadm -Ln` 的 Forward 列：是谁写进去的？' },
      { en: 'keepalived programs every real server with the virtual_server\'s lb_kind: NAT means Masq. This lab is DR: `lb_kind DR`, then reload keepalived.', 'zh-CN': 'keepalived 按 virtual_server 的 lb_kind 写入每台真实服务器：NAT 就是 Masq。这个实验是 DR：改成 `lb_kind DR`，再 reload keepalived。' },
    ],
  },
  {
    id: 'ka-rs-vip-missing',
    group: 'keepalived',
    target: 'rs',
    touches: ['vip:{rs}'],
    title: { en: 'VIP missing on lo of {rs} (keepalived\'s checks still pass)', 'zh-CN': '{rs} 的 lo 上缺少 VIP（keepalived 的检查照样通过）' },
    break: ['{rs}$ ip addr del {vip}/32 dev lo'],
    fix: ['{rs}$ ip addr add {vip}/32 dev lo'],
    detect: [vipOnLoCheck],
    ticket: {
      en: 'About half of all requests time out, yet keepalived\'s health checks pass on both directors and `ipvsadm -Ln` lists both real servers.',
      'zh-CN': '大约一半的请求超时，可两台 director 上 keepalived 的健康检查都通过，`ipvsadm -Ln` 也列出了两台真实服务器。',
    },
    hints: [
      { en: 'TCP_CHECK connects to each real server\'s own address: it says nothing about the VIP. Follow one failing request with `tcpdump` on the real servers.', 'zh-CN': 'TCP_CHECK 连接的是每台真实服务器自己的地址：它对 VIP 一无所知。在真实服务器上用 `tcpdump` 跟踪一个失败的请求。' },
      { en: 'In DR the request still has the VIP as its destination: a real server accepts it only with the VIP on lo. Compare `ip addr show dev lo` on rs1 and rs2.', 'zh-CN': 'DR 模式下请求的目的地址仍是 VIP：真实服务器只有在 lo 上有 VIP 才会接收。对比 rs1 和 rs2 上的 `ip addr show dev lo`。' },
    ],
  },
  {
    id: 'ka-not-enabled',
    group: 'keepalived',
    target: 'director',
    touches: ['unit:director'],
    title: { en: 'keepalived disabled on director: it did not start after the reboot', 'zh-CN': 'director 上的 keepalived 被禁用：重启后没有启动' },
    break: ['director$ systemctl --quiet disable keepalived', 'director$ reboot', 'sleep 10'],
    fix: ['director$ systemctl --quiet enable --now keepalived', 'sleep 5'],
    detect: [
      directorHoldsVip,
      { ...directorHoldsVip, reboot: ['director'], after: ['sleep 12'], title: { en: 'director holds the VIP again 12 s after a reboot', 'zh-CN': 'director 重启 12 秒后重新持有 VIP' } },
    ],
    ticket: {
      en: 'After last night\'s power cut director came back up, but since then director2, our small standby box, serves alone and director holds no VIP.',
      'zh-CN': '昨晚停电后 director 重新开机了，可从那以后只有小小的备机 director2 在提供服务，director 上没有 VIP。',
    },
    hints: [
      { en: 'Is keepalived running on director (`systemctl status keepalived`)? Read the Loaded: line too.', 'zh-CN': 'director 上的 keepalived 在运行吗（`systemctl status keepalived`）？也看看 Loaded: 那一行。' },
      { en: 'A disabled unit is not started at boot. `systemctl enable --now keepalived` starts it now and at every boot.', 'zh-CN': '被禁用的单元开机时不会启动。`systemctl enable --now keepalived` 会立刻启动它，并在每次开机时启动。' },
    ],
  },
];

export const FAULTS: readonly FaultDef[] = [
  {
    id: 'arp-ignore-0',
    group: 'arp',
    target: 'rs',
    touches: ['arp_ignore:{rs}'],
    title: { en: 'arp_ignore=0 on {rs}', 'zh-CN': '{rs} 上 arp_ignore=0' },
    break: ['{rs}$ sysctl -w net.ipv4.conf.all.arp_ignore=0'],
    fix: ['{rs}$ sysctl -w net.ipv4.conf.all.arp_ignore=1'],
    detect: [arpIgnoreCheck],
    ticket: {
      en: 'Since the maintenance on {rs} last night, users sometimes get every answer from {rs} for minutes, and the director\'s counters stop moving.',
      'zh-CN': '自从昨晚对 {rs} 做过维护，用户有时连续几分钟所有请求都由 {rs} 应答，调度器上的计数也不再增长。',
    },
    hints: rsArpHints({ en: 'A real server must not answer ARP for the VIP it holds on lo: look at net.ipv4.conf.*.arp_ignore on {rs}.', 'zh-CN': '真实服务器不应为它在 lo 上持有的 VIP 应答 ARP：查看 {rs} 上的 net.ipv4.conf.*.arp_ignore。' }),
  },
  {
    id: 'arp-ignore-lo-only',
    group: 'arp',
    target: 'rs',
    touches: ['arp_ignore:{rs}'],
    title: { en: 'arp_ignore set only on lo of {rs}', 'zh-CN': '{rs} 只在 lo 上设置了 arp_ignore' },
    break: ['{rs}$ sysctl -w net.ipv4.conf.all.arp_ignore=0', '{rs}$ sysctl -w net.ipv4.conf.lo.arp_ignore=1'],
    fix: ['{rs}$ sysctl -w net.ipv4.conf.eth0.arp_ignore=1'],
    detect: [arpIgnoreCheck],
    ticket: {
      en: 'Users sometimes reach {rs} directly, bypassing the director. The admin insists arp_ignore is set on {rs} ("it is on lo, where the VIP is").',
      'zh-CN': '用户有时绕过调度器直接访问到 {rs}。管理员坚称 {rs} 已经设置了 arp_ignore（"就设在 VIP 所在的 lo 上"）。',
    },
    hints: rsArpHints({ en: 'ARP requests arrive on eth0, and the kernel uses max(conf.all, conf.eth0) there; conf.lo is never consulted.', 'zh-CN': 'ARP 请求从 eth0 进来，内核在那里取 max(conf.all, conf.eth0)；conf.lo 从不参与。' }),
  },
  {
    id: 'arp-announce-0',
    group: 'arp',
    target: 'rs',
    touches: ['arp_announce:{rs}'],
    title: { en: 'arp_announce=0 on {rs}', 'zh-CN': '{rs} 上 arp_announce=0' },
    break: ['{rs}$ sysctl -w net.ipv4.conf.all.arp_announce=0'],
    fix: ['{rs}$ sysctl -w net.ipv4.conf.all.arp_announce=2'],
    detect: [arpAnnounceCheck],
    ticket: {
      en: 'Every so often the whole site is served by {rs} alone for a while, then it recovers by itself.',
      'zh-CN': '每隔一段时间，整个站点会有一阵子只由 {rs} 提供服务，然后又自行恢复。',
    },
    hints: [
      { en: 'Watch the router\'s ARP cache (`ip neigh` on router) after the real servers have answered clients.', 'zh-CN': '在真实服务器应答过客户端之后，观察路由器的 ARP 缓存（在 router 上执行 `ip neigh`）。' },
      { en: 'When {rs} asks who has the gateway, which source address does it put in the ARP request? See net.ipv4.conf.*.arp_announce.', 'zh-CN': '{rs} 询问网关地址时，ARP 请求里填的源地址是哪个？查看 net.ipv4.conf.*.arp_announce。' },
    ],
  },
  {
    id: 'arp-announce-1',
    group: 'arp',
    target: 'rs',
    touches: ['arp_announce:{rs}'],
    title: { en: 'arp_announce=1 on {rs} (the VIP is in the RIP\'s subnet)', 'zh-CN': '{rs} 上 arp_announce=1（VIP 与 RIP 同网段）' },
    break: ['{rs}$ sysctl -w net.ipv4.conf.all.arp_announce=1'],
    fix: ['{rs}$ sysctl -w net.ipv4.conf.all.arp_announce=2'],
    detect: [arpAnnounceCheck],
    ticket: {
      en: 'The gateway\'s ARP entry for the VIP sometimes points at {rs}; a colleague already "fixed" arp_announce on {rs}, yet it still happens.',
      'zh-CN': '网关上 VIP 的 ARP 表项有时指向 {rs}；同事已经"修好"了 {rs} 的 arp_announce，可问题依旧。',
    },
    hints: [
      { en: 'arp_announce=1 only avoids source addresses outside the target\'s subnet. Which subnet is the VIP in?', 'zh-CN': 'arp_announce=1 只避开不在目标子网内的源地址。VIP 在哪个子网？' },
      { en: 'Only arp_announce=2 always uses the outgoing interface\'s own address ({rip}) in ARP requests.', 'zh-CN': '只有 arp_announce=2 才总是在 ARP 请求中使用出接口自己的地址（{rip}）。' },
    ],
  },
  {
    id: 'vip-missing',
    group: 'address',
    target: 'rs',
    touches: ['vip:{rs}'],
    title: { en: 'VIP missing on {rs}', 'zh-CN': '{rs} 上缺少 VIP' },
    break: ['{rs}$ ip addr del {vip}/32 dev lo'],
    fix: ['{rs}$ ip addr add {vip}/32 dev lo'],
    detect: [vipOnLoCheck],
    ticket: {
      en: 'About half of all requests time out; the others are fine. {rs} was rebooted yesterday.',
      'zh-CN': '大约一半的请求超时，其余正常。{rs} 昨天重启过。',
    },
    hints: [
      { en: 'In DR mode the director sends the packet to a real server unchanged: its destination is still the VIP. Which real servers accept packets for the VIP?', 'zh-CN': 'DR 模式下调度器原样把包转给真实服务器：目的地址仍是 VIP。哪些真实服务器会接收发往 VIP 的包？' },
      { en: 'Compare `ip addr show dev lo` on rs1 and rs2.', 'zh-CN': '对比 rs1 和 rs2 上的 `ip addr show dev lo`。' },
    ],
  },
  {
    id: 'vip-on-eth0',
    group: 'address',
    target: 'rs',
    touches: ['vip:{rs}'],
    title: { en: 'VIP on eth0 of {rs} instead of lo', 'zh-CN': '{rs} 的 VIP 配在 eth0 而不是 lo 上' },
    break: ['{rs}$ ip addr del {vip}/32 dev lo', '{rs}$ ip addr add {vip}/32 dev eth0'],
    fix: ['{rs}$ ip addr del {vip}/32 dev eth0', '{rs}$ ip addr add {vip}/32 dev lo'],
    detect: [vipOnLoCheck, { type: 'address', host: '{rs}', address: '{vip}', dev: 'eth0', present: false }],
    ticket: {
      en: 'Users sometimes reach {rs} directly, bypassing the director, although arp_ignore=1 is set on every real server.',
      'zh-CN': '尽管每台真实服务器都设置了 arp_ignore=1，用户有时仍绕过调度器直接访问到 {rs}。',
    },
    hints: rsArpHints({ en: 'arp_ignore=1 answers for addresses configured on the interface the request came in on. Where is the VIP on {rs}?', 'zh-CN': 'arp_ignore=1 会为配置在收到请求的接口上的地址应答。{rs} 的 VIP 配在哪里？' }),
  },
  {
    id: 'vip-24-on-lo',
    group: 'address',
    target: 'rs',
    touches: ['vip:{rs}'],
    title: { en: 'VIP with /24 on lo of {rs}', 'zh-CN': '{rs} 的 lo 上 VIP 掩码为 /24' },
    break: ['{rs}$ ip addr del {vip}/32 dev lo', '{rs}$ ip addr add {vip}/24 dev lo'],
    fix: ['{rs}$ ip addr del {vip}/24 dev lo', '{rs}$ ip addr add {vip}/32 dev lo'],
    detect: [vipOnLoCheck, gatewayPing],
    ticket: {
      en: 'The health checks say {rs} cannot reach the gateway or its neighbours, yet its cable and its address look fine.',
      'zh-CN': '健康检查显示 {rs} 无法访问网关和同网段的主机，可它的网线和地址看起来都没问题。',
    },
    hints: [
      { en: 'Ping the gateway from {rs} and look at who really answers (`tcpdump` on the router, or the frames).', 'zh-CN': '从 {rs} ping 网关，看看到底是谁在应答（在路由器上 `tcpdump`，或看帧列表）。' },
      { en: 'An address on lo with a prefix makes the whole prefix local (`ip route show table local`).', 'zh-CN': 'lo 上带掩码的地址会让整个网段都成为本机地址（`ip route show table local`）。' },
    ],
  },
  {
    id: 'rs-other-subnet',
    group: 'address',
    target: 'rs',
    values: ['192.0.2.11', '192.0.2.21', '10.0.3.11'],
    touches: ['rip:{rs}'],
    title: { en: '{rs} re-addressed into another subnet', 'zh-CN': '{rs} 被改到了另一个子网' },
    // New address first, then the old one goes: eth0 never loses its last address, which on Linux
    // would take its routes, the default route included (fib_disable_ip), and the fix would not bring them back.
    break: ['{rs}$ ip addr add {value}/24 dev eth0', '{rs}$ ip addr del {rip}/24 dev eth0'],
    fix: ['{rs}$ ip addr add {rip}/24 dev eth0', '{rs}$ ip addr del {value}/24 dev eth0'],
    detect: [ripCheck, gatewayPing],
    ticket: {
      en: 'After {rs} was "moved to the new server network" this morning, about half of all requests fail after a few seconds.',
      'zh-CN': '今早 {rs} 被"迁到新的服务器网段"之后，大约一半的请求要等几秒才失败。',
    },
    hints: [
      { en: 'The director forwards by changing only the destination MAC: it must find each real server with ARP on its own LAN.', 'zh-CN': '调度器只改写目的 MAC 来转发：它必须在自己的局域网里用 ARP 找到每台真实服务器。' },
      { en: 'Compare the director\'s real server list (`ipvsadm -Ln`) with `ip addr show dev eth0` on {rs}.', 'zh-CN': '对比调度器的真实服务器列表（`ipvsadm -Ln`）和 {rs} 上的 `ip addr show dev eth0`。' },
    ],
  },
  {
    id: 'wrong-rip',
    group: 'ipvs',
    target: 'rs',
    values: ['198.51.100.13', '198.51.100.21', '198.51.100.111', '198.51.100.112'],
    touches: ['dest:{rs}'],
    title: { en: 'the director lists {value} instead of {rs} ({rip})', 'zh-CN': '调度器配置的是 {value} 而不是 {rs}（{rip}）' },
    break: ['director$ ipvsadm -d -t {vip}:{port} -r {rip}:{port}', 'director$ ipvsadm -a -t {vip}:{port} -r {value}:{port} -g -w 1'],
    fix: ['director$ ipvsadm -d -t {vip}:{port} -r {value}:{port}', 'director$ ipvsadm -a -t {vip}:{port} -r {rip}:{port} -g -w 1'],
    detect: [destCheck, { type: 'ipvs-dest', host: 'director', service: SERVICE, dest: '{value}:{port}', present: false }],
    ticket: {
      en: 'Half of all requests fail after a few seconds since the director was reconfigured, and {rs} gets no traffic at all.',
      'zh-CN': '自从调度器重新配置后，一半的请求要等几秒才失败，{rs} 完全收不到流量。',
    },
    hints: [
      { en: 'Read the director\'s table: `ipvsadm -Ln`. Is every real server in it?', 'zh-CN': '查看调度器的转发表：`ipvsadm -Ln`。每台真实服务器都在里面吗？' },
      { en: 'Compare the addresses in the table with `ip addr` on rs1 and rs2.', 'zh-CN': '把表中的地址与 rs1、rs2 上的 `ip addr` 对比。' },
    ],
  },
  {
    id: 'masq-not-route',
    group: 'ipvs',
    target: 'rs',
    touches: ['dest:{rs}'],
    title: { en: '{rs} added with -m (NAT) instead of -g (direct routing)', 'zh-CN': '{rs} 用 -m（NAT）而不是 -g（直接路由）添加' },
    break: ['director$ ipvsadm -e -t {vip}:{port} -r {rip}:{port} -m -w 1'],
    fix: ['director$ ipvsadm -e -t {vip}:{port} -r {rip}:{port} -g -w 1'],
    detect: [destCheck],
    ticket: {
      en: 'Half of all requests hang. tcpdump on {rs} shows the requests arriving, addressed to {rip}.',
      'zh-CN': '一半的请求卡住。在 {rs} 上 tcpdump 能看到请求到达，但目的地址是 {rip}。',
    },
    hints: [
      { en: 'Look at the Forward column of `ipvsadm -Ln` on the director.', 'zh-CN': '看调度器上 `ipvsadm -Ln` 的 Forward 列。' },
      { en: 'Masq rewrites the destination to the RIP and expects replies back through the director; in this lab replies go straight to the client.', 'zh-CN': 'Masq 会把目的地址改写为 RIP，并要求回包经过调度器；而在这个实验里回包直接发给客户端。' },
    ],
  },
  {
    id: 'weight-0',
    group: 'ipvs',
    target: 'rs',
    touches: ['dest:{rs}'],
    title: { en: '{rs} has weight 0', 'zh-CN': '{rs} 的权重为 0' },
    break: ['director$ ipvsadm -e -t {vip}:{port} -r {rip}:{port} -g -w 0'],
    fix: ['director$ ipvsadm -e -t {vip}:{port} -r {rip}:{port} -g -w 1'],
    detect: [destCheck],
    ticket: { en: 'Users report that only {other} ever answers.', 'zh-CN': '用户反映只有 {other} 在应答。' },
    hints: [
      { en: 'Is {rs} in the director\'s table? Read every column of `ipvsadm -Ln`.', 'zh-CN': '{rs} 在调度器的转发表里吗？仔细看 `ipvsadm -Ln` 的每一列。' },
      { en: 'A weight of 0 quiesces a real server: no new connections are scheduled to it.', 'zh-CN': '权重为 0 会让真实服务器静默：不再为它调度新连接。' },
    ],
  },
  {
    id: 'missing-dest',
    group: 'ipvs',
    target: 'rs',
    touches: ['dest:{rs}'],
    title: { en: '{rs} missing from the director\'s table', 'zh-CN': '调度器转发表中缺少 {rs}' },
    break: ['director$ ipvsadm -d -t {vip}:{port} -r {rip}:{port}'],
    fix: ['director$ ipvsadm -a -t {vip}:{port} -r {rip}:{port} -g -w 1'],
    detect: [destCheck],
    ticket: { en: 'Users report that only {other} ever answers; {rs} sits idle.', 'zh-CN': '用户反映只有 {other} 在应答，{rs} 一直闲着。' },
    hints: [
      { en: 'Read the director\'s table: `ipvsadm -Ln`.', 'zh-CN': '查看调度器的转发表：`ipvsadm -Ln`。' },
      { en: 'Add a real server with `ipvsadm -a -t VIP:PORT -r RIP:PORT -g`.', 'zh-CN': '用 `ipvsadm -a -t VIP:PORT -r RIP:PORT -g` 添加真实服务器。' },
    ],
  },
  {
    id: 'missing-service',
    group: 'ipvs',
    target: 'director',
    touches: ['service', 'dest:rs1', 'dest:rs2', 'scheduler'],
    title: { en: 'the virtual service is missing', 'zh-CN': '虚拟服务不存在' },
    break: ['director$ ipvsadm -D -t {vip}:{port}'],
    fix: ['director$ ipvsadm -A -t {vip}:{port} -s rr', 'director$ ipvsadm -a -t {vip}:{port} -r {rip}:{port} -g -w 1', 'director$ ipvsadm -a -t {vip}:{port} -r {otherRip}:{port} -g -w 1'],
    detect: [
      { type: 'ipvs-service', host: 'director', service: SERVICE, present: true },
      destCheck,
      { ...destCheck, dest: '{otherRip}:{port}' },
    ],
    ticket: { en: 'Nobody can open the site: the connection is refused at once.', 'zh-CN': '谁都打不开站点：连接立刻被拒绝。' },
    hints: [
      { en: 'Does the director know it should balance port {port} of the VIP? `ipvsadm -Ln`.', 'zh-CN': '调度器知道要为 VIP 的 {port} 端口做负载均衡吗？`ipvsadm -Ln`。' },
      { en: 'Create the service with `ipvsadm -A -t {vip}:{port} -s rr`, then add both real servers with -g.', 'zh-CN': '用 `ipvsadm -A -t {vip}:{port} -s rr` 创建服务，再用 -g 添加两台真实服务器。' },
    ],
  },
  {
    id: 'uneven-weight',
    group: 'ipvs',
    target: 'rs',
    values: ['3', '4', '5'],
    touches: ['dest:{rs}', 'scheduler'],
    title: { en: 'wrr with weight {value} on {rs}', 'zh-CN': 'wrr 调度下 {rs} 的权重为 {value}' },
    break: ['director$ ipvsadm -E -t {vip}:{port} -s wrr', 'director$ ipvsadm -e -t {vip}:{port} -r {rip}:{port} -g -w {value}'],
    fix: ['director$ ipvsadm -e -t {vip}:{port} -r {rip}:{port} -g -w 1'],
    detect: [evenCheck],
    ticket: {
      en: '{rs} is overloaded: it gets about {value} times as many requests as {other}, though both are the same machine.',
      'zh-CN': '{rs} 负载过高：它收到的请求约为 {other} 的 {value} 倍，而两台机器的配置完全相同。',
    },
    hints: [
      { en: 'Which scheduler does the service use, and what does it do with weights? `ipvsadm -Ln`.', 'zh-CN': '服务用的是哪种调度算法？它如何对待权重？`ipvsadm -Ln`。' },
      { en: 'Give both real servers the same weight (`ipvsadm -e … -w N`), or use a scheduler that ignores weights.', 'zh-CN': '给两台真实服务器相同的权重（`ipvsadm -e … -w N`），或换用不看权重的调度算法。' },
    ],
  },
  {
    id: 'sticky-scheduler',
    group: 'ipvs',
    target: 'director',
    values: ['sh', 'dh'],
    touches: ['scheduler'],
    title: { en: 'the service uses the {value} scheduler', 'zh-CN': '服务使用了 {value} 调度算法' },
    break: ['director$ ipvsadm -E -t {vip}:{port} -s {value}'],
    fix: ['director$ ipvsadm -E -t {vip}:{port} -s rr'],
    detect: [evenCheck],
    ticket: {
      en: 'All requests from our office land on the same real server; the other one idles.',
      'zh-CN': '来自我们办公室的所有请求都落到同一台真实服务器上，另一台一直空闲。',
    },
    hints: [
      { en: 'Look at the scheduler column of `ipvsadm -Ln`.', 'zh-CN': '看 `ipvsadm -Ln` 中的调度算法一列。' },
      { en: 'Source/destination hashing sends one address to one server. `ipvsadm -E -t VIP:PORT -s rr` changes it.', 'zh-CN': '源/目的地址哈希会把同一地址固定到同一台服务器。用 `ipvsadm -E -t VIP:PORT -s rr` 修改。' },
    ],
  },
  {
    id: 'persistent-service',
    group: 'ipvs',
    target: 'director',
    values: ['300', '600', '1800'],
    touches: ['scheduler'],
    title: { en: 'the service is persistent for {value} s', 'zh-CN': '服务被设置为 {value} 秒持久连接' },
    break: ['director$ ipvsadm -E -t {vip}:{port} -s rr -p {value}'],
    fix: ['director$ ipvsadm -E -t {vip}:{port} -s rr'],
    detect: [evenCheck],
    ticket: {
      en: 'Our load test from one client machine only ever reaches one real server, although the scheduler is round robin.',
      'zh-CN': '我们从一台客户端做压测，只能打到一台真实服务器，尽管调度算法是轮询。',
    },
    hints: [
      { en: 'Look at the Flags column of `ipvsadm -Ln` and at `ipvsadm -Lnc`.', 'zh-CN': '看 `ipvsadm -Ln` 的 Flags 列，以及 `ipvsadm -Lnc`。' },
      { en: 'A persistent service sends every connection from one client to the same server until its template expires.', 'zh-CN': '持久服务会把同一客户端的所有连接发往同一台服务器，直到模板过期。' },
    ],
  },
  {
    id: 'director-vip-missing',
    group: 'address',
    target: 'director',
    touches: ['vip:director'],
    title: { en: 'VIP missing on the director', 'zh-CN': '调度器上缺少 VIP' },
    break: ['director$ ip addr del {vip}/24 dev eth0'],
    fix: ['director$ ip addr add {vip}/24 dev eth0'],
    detect: [{ type: 'address', host: 'director', address: '{vip}', present: true }],
    ticket: { en: 'The site is down for everyone; the VIP does not even answer ping.', 'zh-CN': '站点对所有人都不可用；VIP 连 ping 都不通。' },
    hints: [
      { en: 'Who answers ARP for the VIP on the LAN? `arping -I eth0 {vip}` from the router.', 'zh-CN': '局域网里谁在为 VIP 应答 ARP？在路由器上 `arping -I eth0 {vip}`。' },
      { en: 'The director must hold the VIP on its LAN interface: `ip addr show dev eth0` on director.', 'zh-CN': '调度器必须在局域网接口上持有 VIP：在 director 上 `ip addr show dev eth0`。' },
    ],
  },
  ...KEEPALIVED_FAULTS,
];

export function faultById(id: string): FaultDef | undefined {
  return FAULTS.find((f) => f.id === id);
}
