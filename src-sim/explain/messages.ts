// Every trace event as a sentence for a learner, in English and Chinese.
// Placeholders {name} are filled from the event's params.
import type { Lang } from '../api.ts';

type Templates = Record<string, Record<Lang, string>>;

export const MESSAGES: Templates = {
  'arp.send.request': {
    en: 'sent who-has {tip} tell {sip} on {dev} (to {dst}). Sender IP: {why}',
    'zh-CN': '在 {dev} 上发出 ARP 请求：谁是 {tip}？请告诉 {sip}（目的 {dst}）。发送方 IP 的由来：{why}',
  },
  'arp.send.reply': {
    en: 'sent ARP reply "{sip} is-at {dev}\'s MAC" to {dst}',
    'zh-CN': '向 {dst} 发出 ARP 应答：“{sip} 在 {dev} 的 MAC 上”',
  },
  'arp.drop.target': {
    en: 'dropped ARP for {tip} on {dev}: a multicast or 127.0.0.0/8 target is never answered',
    'zh-CN': '丢弃了 {dev} 上询问 {tip} 的 ARP：组播地址或 127.0.0.0/8 目标永远不会被应答',
  },
  'arp.drop.garp': {
    en: 'dropped the gratuitous ARP from {sip} on {dev}: drop_gratuitous_arp is set ({rule})',
    'zh-CN': '丢弃了 {dev} 上来自 {sip} 的免费 ARP：drop_gratuitous_arp 已开启（{rule}）',
  },
  'arp.ignore': {
    en: 'did not answer who-has {tip} from {sip} on {dev}: {rule} and {cause}. The request also leaves the ARP cache untouched',
    'zh-CN': '没有应答 {dev} 上 {sip} 询问 {tip} 的请求：{rule}，而且{cause}。被忽略的请求也不会改动 ARP 缓存',
  },
  'arp.answer': {
    en: 'answered who-has {tip} from {sip} on {dev} with {mac} ({tip} is on {on}; arp_ignore allows it). {sip} is now in the cache with the sender\'s MAC: STALE, unless the entry already had that MAC (then its state is kept)',
    'zh-CN': '应答了 {dev} 上 {sip} 询问 {tip} 的请求，回复 MAC {mac}（{tip} 配置在 {on} 上，arp_ignore 允许应答）。缓存中 {sip} 的条目现在是发送方的 MAC：为 STALE，除非该条目原本就是这个 MAC（那样则保持原状态）',
  },
  'arp.request.refused': {
    en: 'did not answer who-has {tip} from {sip} on {dev}: the route check on the sender failed ({reason})',
    'zh-CN': '没有应答 {dev} 上 {sip} 询问 {tip} 的请求：对发送方地址的路由检查未通过（{reason}）',
  },
  'arp.request.not-local': {
    en: 'who-has {tip} from {sip} on {dev} is not for this host ({tip} is not local here)',
    'zh-CN': '{dev} 上 {sip} 询问 {tip} 的请求与本机无关（{tip} 不是本机地址）',
  },
  'arp.dad.not-ours': {
    en: 'duplicate address probe for {tip} on {dev}: not one of our addresses, no answer',
    'zh-CN': '{dev} 上针对 {tip} 的地址冲突检测：不是本机地址，不应答',
  },
  'arp.dad.ignored': {
    en: 'did not answer the duplicate address probe for {tip} on {dev}: {rule} and {cause}',
    'zh-CN': '没有应答 {dev} 上针对 {tip} 的地址冲突检测：{rule}，而且{cause}',
  },
  'arp.dad.answer': {
    en: 'answered the duplicate address probe for {tip} on {dev}: the address is in use here',
    'zh-CN': '应答了 {dev} 上针对 {tip} 的地址冲突检测：该地址在本机使用中',
  },
  'arp.cache.not-created': {
    en: 'learned nothing from {sip} ({sha}) on {dev}: there is no entry for it and unsolicited ARP creates none ({rule})',
    'zh-CN': '没有从 {dev} 上的 {sip}（{sha}）学习任何内容：缓存中没有它的条目，而未经请求的 ARP 不会新建条目（{rule}）',
  },
  'arp.cache.locked': {
    en: 'kept {sip} at {old}, ignoring {sha}: the entry changed {age} ms ago, within locktime ({locktime} ms); the first answer wins',
    'zh-CN': '保留 {sip} → {old}，忽略 {sha}：该条目 {age} 毫秒前刚更新，仍在 locktime（{locktime} 毫秒）内；先到的应答胜出',
  },
  'arp.cache.permanent': {
    en: 'left the PERMANENT entry for {sip} alone: received ARP never changes it',
    'zh-CN': '没有改动 {sip} 的 PERMANENT 条目：收到的 ARP 永远不会改变它',
  },
  'arp.cache.changed': {
    en: 'changed {sip} from {old} to {sha} ({state}) on {dev}',
    'zh-CN': '将 {dev} 上 {sip} 的 MAC 从 {old} 改为 {sha}（{state}）',
  },
  'arp.cache.updated': {
    en: 'updated {sip} → {sha} on {dev}: now {state}',
    'zh-CN': '更新了 {dev} 上 {sip} → {sha}：现在为 {state}',
  },
  'neigh.state': {
    en: 'neighbour {ip} on {dev}: {from} → {to} ({cause})',
    'zh-CN': '邻居 {ip}（{dev}）：{from} → {to}（{cause}）',
  },
  'ip.drop.broadcast-echo': {
    en: 'ignored an echo request to a broadcast address (icmp_echo_ignore_broadcasts = 1)',
    'zh-CN': '忽略了发往广播地址的 echo 请求（icmp_echo_ignore_broadcasts = 1）',
  },
  'ip.drop.martian-source': { en: 'dropped {proto} {src} → {dst} on {dev}: martian source ({detail})', 'zh-CN': '丢弃了 {dev} 上的 {proto} {src} → {dst}：非法源地址（{detail}）' },
  'ip.drop.martian-destination': { en: 'dropped {proto} {src} → {dst} on {dev}: martian destination ({detail})', 'zh-CN': '丢弃了 {dev} 上的 {proto} {src} → {dst}：非法目的地址（{detail}）' },
  'ip.drop.own-source': { en: 'dropped {proto} {src} → {dst} on {dev}: {detail}', 'zh-CN': '丢弃了 {dev} 上的 {proto} {src} → {dst}：源地址是本机自己的地址，且 accept_local 为 0（{detail}）' },
  'ip.drop.rp-filter': { en: 'dropped {proto} {src} → {dst} on {dev}: reverse path filter ({detail})', 'zh-CN': '丢弃了 {dev} 上的 {proto} {src} → {dst}：反向路径过滤（{detail}）' },
  'ip.drop.no-forwarding': {
    en: 'dropped {proto} {src} → {dst} on {dev}: {dst} is not a local address here and this host does not forward ({detail})',
    'zh-CN': '丢弃了 {dev} 上的 {proto} {src} → {dst}：{dst} 不是本机地址，而本机不转发（{detail}）',
  },
  'ip.drop.unreachable': { en: 'dropped {proto} {src} → {dst} on {dev}: {detail}', 'zh-CN': '丢弃了 {dev} 上的 {proto} {src} → {dst}：没有路由（{detail}）' },
  'ip.forward': { en: 'forwarded {src} → {dst} from {in} to {out} via {via} (TTL now {ttl})', 'zh-CN': '转发 {src} → {dst}：从 {in} 到 {out}，下一跳 {via}（TTL 变为 {ttl}）' },
  'ip.forward.ttl': { en: 'TTL of {src} → {dst} ran out: sent ICMP time exceeded', 'zh-CN': '{src} → {dst} 的 TTL 耗尽：发出 ICMP 超时' },
  'icmp.echo.ignored': { en: 'ignored echo request from {src}: icmp_echo_ignore_all = 1', 'zh-CN': '忽略了来自 {src} 的 echo 请求：icmp_echo_ignore_all = 1' },
  'icmp.echo.reply': {
    en: 'echo request {src} → {dst} is for a local address (weak host model: any interface will do): replying from {dst}',
    'zh-CN': 'echo 请求 {src} → {dst} 的目的地址是本机地址（弱主机模型：地址属于主机而非接口）：以 {dst} 为源地址回复',
  },
  'ip.deliver.no-socket': { en: '{proto} {src} → {dst} reached this host but no program listens for it', 'zh-CN': '{proto} {src} → {dst} 已送达本机，但没有程序在监听' },
  'ip.output.unreachable': { en: 'cannot send to {dst}: {reason}', 'zh-CN': '无法发送到 {dst}：{reason}' },
  'ip.output.loopback': { en: '{src} → {dst} stays inside this host (the destination is local): no frame on the wire', 'zh-CN': '{src} → {dst} 留在本机内部（目的地址是本机地址）：线路上没有帧' },
  'ip.output.neigh-failed': {
    en: 'could not resolve {via} on {dev}: ARP got no answer, so the packet to {dst} is dropped (Destination Host Unreachable)',
    'zh-CN': '无法在 {dev} 上解析 {via}：ARP 没有得到应答，发往 {dst} 的包被丢弃（Destination Host Unreachable）',
  },
  'tcp.connect': {
    en: 'connect() to {dst}:{dport}: the route picks {dev} and the source {src} (the route\'s preferred source: towards another host the primary address of the outgoing device, never a VIP/32 on lo); port {sport} is a free ephemeral port. SYN sent',
    'zh-CN': 'connect() 连接 {dst}:{dport}：路由选择 {dev}，源地址 {src}（路由的首选源地址：发往其他主机时是出接口的主地址，绝不会是 lo 上的 VIP/32）；{sport} 是空闲的临时端口。已发出 SYN',
  },
  'tcp.connect.no-route': { en: 'connect() to {dst}:{port} failed at once: {reason} (Network is unreachable)', 'zh-CN': 'connect() 连接 {dst}:{port} 立即失败：{reason}（网络不可达）' },
  'tcp.accept': {
    en: 'SYN {src}:{sport} → {dst}:{dport} accepted on {dev}: {local} is a local address (on {on}; weak host model), and a program listens on port {dport}. The connection\'s own address is {local}, so every reply leaves from {local}, not from {primary}',
    'zh-CN': '在 {dev} 上接受了 SYN {src}:{sport} → {dst}:{dport}：{local} 是本机地址（配置在 {on} 上；弱主机模型），且有程序监听端口 {dport}。连接的本端地址就是 {local}，因此所有回复都以 {local} 为源地址发出，而不是 {primary}',
  },
  'tcp.accept.primary': {
    en: 'SYN {src}:{sport} → {dst}:{dport} accepted on {dev}: {local} is a local address (on {on}) and a program listens on port {dport}; replies leave from {local}',
    'zh-CN': '在 {dev} 上接受了 SYN {src}:{sport} → {dst}:{dport}：{local} 是本机地址（配置在 {on} 上），且有程序监听端口 {dport}；回复以 {local} 为源地址发出',
  },
  'tcp.reply-route.direct': {
    en: 'replies {src} → {dst} go out {dev} straight to {dst} (on-link): the route is looked up on the destination only; the source {src} does not change it',
    'zh-CN': '回复 {src} → {dst} 从 {dev} 直接发给 {dst}（同一链路）：路由只按目的地址查找，源地址 {src} 不影响路由',
  },
  'tcp.reply-route.gateway': {
    en: 'replies {src} → {dst} go out {dev} to the gateway {via}: the route is looked up on the destination only, so a DR real server answers through its own default gateway and the replies bypass the director (only NAT makes the director the real server\'s gateway)',
    'zh-CN': '回复 {src} → {dst} 从 {dev} 发往网关 {via}：路由只按目的地址查找，所以 DR 真实服务器经由自己的默认网关回复，回复不经过调度器（只有 NAT 模式才把调度器设为真实服务器的网关）',
  },
  'tcp.reply-route.local': {
    en: 'replies {src} → {dst} stay inside this host: {dst} is a local address here (a VIP with a /24 on lo makes the whole subnet local), so nothing goes on the wire',
    'zh-CN': '回复 {src} → {dst} 留在本机内部：{dst} 在这里是本机地址（lo 上 /24 的 VIP 会让整个网段都变成本机地址），所以线路上什么也没有',
  },
  'tcp.refused': {
    en: 'SYN {src}:{sport} → {dst}:{dport} on {dev}: nothing listens on port {dport}, so the kernel answers with RST: connect() fails with ECONNREFUSED (curl exits 7, "Couldn\'t connect to server"; curl -v shows "Connection refused")',
    'zh-CN': '{dev} 上的 SYN {src}:{sport} → {dst}:{dport}：没有程序监听端口 {dport}，内核回复 RST：connect() 以 ECONNREFUSED 失败（curl 退出码 7，提示 “Couldn\'t connect to server”；curl -v 显示 “Connection refused”）',
  },
  'tcp.no-socket': {
    en: 'TCP segment [{flags}] {src}:{sport} → {dst}:{dport} on {dev} belongs to no connection here, so the kernel answers with RST (a reply from an address the client never talked to is one)',
    'zh-CN': '{dev} 上的 TCP 报文 [{flags}] {src}:{sport} → {dst}:{dport} 不属于本机任何连接，内核回复 RST（客户端从未联系过的地址发来的回复就属此类）',
  },
  'tcp.icmp-error': {
    en: 'connection {src}:{sport} → {dst}:{dport} failed: ICMP error from {from} ({error}); a connect() in progress gives up at once',
    'zh-CN': '连接 {src}:{sport} → {dst}:{dport} 失败：收到来自 {from} 的 ICMP 差错（{error}）；正在进行的 connect() 立即放弃',
  },
  'tcp.reset-received': { en: 'connection {src}:{sport} → {dst}:{dport} got RST in {state}: it is closed', 'zh-CN': '连接 {src}:{sport} → {dst}:{dport} 在 {state} 状态收到 RST：连接被关闭' },
  'tcp.established': { en: 'connection {src}:{sport} ↔ {dst}:{dport} established after {rtt} ms', 'zh-CN': '连接 {src}:{sport} ↔ {dst}:{dport} 已建立，用时 {rtt} 毫秒' },
  'tcp.neigh-confirm': {
    en: 'TCP progress on {src}:{sport} → {dst}:{dport} confirms neighbour {ip} on {dev} ({state}): it stays usable without an ARP probe',
    'zh-CN': '{src}:{sport} → {dst}:{dport} 上的 TCP 进展确认了 {dev} 上的邻居 {ip}（{state}）：无需 ARP 探测即可继续使用',
  },
  'tcp.timeout': {
    en: 'connection {src}:{sport} → {dst}:{dport} timed out in {state} after {tries} tries (Connection timed out)',
    'zh-CN': '连接 {src}:{sport} → {dst}:{dport} 在 {state} 状态尝试 {tries} 次后超时（Connection timed out）',
  },
  'tcp.syn-retransmit': {
    en: 'no answer to [{flags}] {src}:{sport} → {dst}:{dport}: retransmission {n} of {limit}; the next wait is {next} s (a connect()\'s SYN keeps the 1 s timeout for its first 4 retransmissions, tcp_syn_linear_timeouts; otherwise the timeout doubles each time)',
    'zh-CN': '[{flags}] {src}:{sport} → {dst}:{dport} 没有得到回应：第 {n} 次重传（最多 {limit} 次）；下次等待 {next} 秒（connect() 发出的 SYN 前 4 次重传保持 1 秒超时，即 tcp_syn_linear_timeouts；其余情况超时时间每次翻倍）',
  },
  'tcp.retransmit': {
    en: 'no ACK for [{flags}] {src}:{sport} → {dst}:{dport}: retransmission {n} of {limit}; the next wait is {next} s',
    'zh-CN': '[{flags}] {src}:{sport} → {dst}:{dport} 没有收到 ACK：第 {n} 次重传（最多 {limit} 次）；下次等待 {next} 秒',
  },
  'http.response': {
    en: 'nginx answered {method} {path} from {client} (to {local}) with {status}: "{body}"',
    'zh-CN': 'nginx 以 {status} 回应了来自 {client}（发往 {local}）的 {method} {path}：“{body}”',
  },
  'ipvs.xmit.dr': {
    en: 'IPVS DR: {src}:{sport} → {vip}:{vport} sent to real server {rs} unchanged (IP destination still {vip}; TTL now {ttl}); only the frame is new: it goes out {dev} to the MAC of {via}, found by this director\'s own ARP. The real server must have {vip} as a local address to accept it',
    'zh-CN': 'IPVS DR：{src}:{sport} → {vip}:{vport} 原样发给真实服务器 {rs}（IP 目的地址仍是 {vip}；TTL 变为 {ttl}）；只有帧是新的：从 {dev} 发往 {via} 的 MAC，该 MAC 由调度器自己通过 ARP 查到。真实服务器必须把 {vip} 配置为本机地址才会接收',
  },
  'ipvs.xmit.dr-gateway': {
    en: 'IPVS DR: the route to real server {rs} goes through the gateway {via}, so the frame carrying {src} → {vip} goes to the gateway\'s MAC (TTL now {ttl}). The gateway routes it by {vip}, back to this director: the packet loops until its TTL runs out. DR needs every real server on a directly connected subnet',
    'zh-CN': 'IPVS DR：到真实服务器 {rs} 的路由经过网关 {via}，因此承载 {src} → {vip} 的帧被发往网关的 MAC（TTL 变为 {ttl}）。网关按 {vip} 路由，又把它送回本调度器：数据包循环直到 TTL 耗尽。DR 要求所有真实服务器位于直连子网中',
  },
  'ipvs.xmit.local': {
    en: 'IPVS: real server {rs} is an address of this director, so {src}:{sport} → {vip}:{vport} goes to the local stack unchanged',
    'zh-CN': 'IPVS：真实服务器 {rs} 是本调度器自己的地址，因此 {src}:{sport} → {vip}:{vport} 原样交给本机协议栈',
  },
  'ipvs.xmit.nat': {
    en: 'IPVS NAT: {src}:{sport} → {vip}:{vport} rewritten to destination {rs} (TTL now {ttl}) and sent out {dev} via {via}. The reply must come back through this director to be rewritten back to {vip}:{vport}',
    'zh-CN': 'IPVS NAT：{src}:{sport} → {vip}:{vport} 的目的地址被改写为 {rs}（TTL 变为 {ttl}），经 {dev} 发往 {via}。回复必须经过本调度器，才能被改写回 {vip}:{vport}',
  },
  'ipvs.xmit.tun': {
    en: 'IPVS TUN: {src}:{sport} → {vip}:{vport} (TTL now {ttl}) wrapped in an IPIP packet {outer} → {rip} (for real server {rs}) and sent out {dev} via {via}. The real server needs tunl0 up with {vip} on it, and rp_filter not strict on tunl0 (the value used is max(conf.all, conf.tunl0); 1 drops the inner packet, whose route back leaves by eth0), to accept it',
    'zh-CN': 'IPVS TUN：{src}:{sport} → {vip}:{vport}（TTL 变为 {ttl}）被封装进 IPIP 包 {outer} → {rip}（发给真实服务器 {rs}），经 {dev} 发往 {via}。真实服务器需要启用 tunl0 并在其上配置 {vip}，且 tunl0 上的 rp_filter 不能是严格模式（实际取 max(conf.all, conf.tunl0)；为 1 时内层数据包会被丢弃，因为回程路由走 eth0），才能接收它',
  },
  'ipvs.xmit.ttl': { en: 'IPVS: the TTL of {src} → {vip} ran out at this director: ICMP time exceeded sent to {src}', 'zh-CN': 'IPVS：{src} → {vip} 的 TTL 在本调度器耗尽：向 {src} 发送 ICMP 超时' },
  'ipvs.xmit.no-route': { en: 'IPVS: no usable route to real server {rs} ({reason}); the packet is dropped', 'zh-CN': 'IPVS：没有到真实服务器 {rs} 的可用路由（{reason}）；数据包被丢弃' },
  'ipvs.nat.reply': {
    en: 'IPVS NAT: reply {rs} → {client} rewritten to come from {vip} as it is forwarded, so the client sees the address it connected to',
    'zh-CN': 'IPVS NAT：回复 {rs} → {client} 在转发时被改写为来自 {vip}，客户端因此看到它所连接的地址',
  },
  'ipip.no-module': {
    en: 'IPIP packet {src} → {dst} (carrying {inner}) reached this host, but the ipip module is not loaded (no tunl0): ICMP protocol unreachable goes back. A TUN real server needs tunl0 (modprobe ipip, or name tunl0 in a command)',
    'zh-CN': 'IPIP 包 {src} → {dst}（内含 {inner}）到达本机，但 ipip 模块未加载（没有 tunl0）：回复 ICMP 协议不可达。TUN 模式的真实服务器需要 tunl0（modprobe ipip，或在命令中使用 tunl0）',
  },
  'ipip.tunl0-down': {
    en: 'IPIP packet {src} → {dst} (carrying {inner}) dropped: tunl0 is down, so no tunnel takes it (ICMP port unreachable back). Bring it up: ip link set tunl0 up',
    'zh-CN': 'IPIP 包 {src} → {dst}（内含 {inner}）被丢弃：tunl0 未启用，没有隧道接收它（回复 ICMP 端口不可达）。请启用：ip link set tunl0 up',
  },
  'ipip.decap': {
    en: 'IPIP packet {src} → {dst} decapsulated on tunl0: the inner packet {inner} is received again as if it arrived on tunl0 (so rp_filter of tunl0 applies, and its destination must be local)',
    'zh-CN': 'IPIP 包 {src} → {dst} 在 tunl0 上解封装：内层数据包 {inner} 被当作从 tunl0 收到而重新处理（因此适用 tunl0 的 rp_filter，且其目的地址必须是本机地址）',
  },
  'ipvs.vip-not-local': {
    en: 'IPVS never saw {src} → {vip}: {vip} is not a local address of this director, so the packet was not routed to LOCAL_IN, where IPVS works (the virtual service {vip}:{port} needs the VIP on the director, e.g. ip addr add {vip}/32 dev eth0)',
    'zh-CN': 'IPVS 没有看到 {src} → {vip}：{vip} 不是本调度器的本机地址，数据包没有被路由到 IPVS 工作的 LOCAL_IN（虚拟服务 {vip}:{port} 需要调度器上配置 VIP，例如 ip addr add {vip}/32 dev eth0）',
  },
  'ipvs.schedule': {
    en: 'IPVS: new connection from {client} to virtual service {svc}: the {sched} scheduler chose real server {rs}. {cause}. Servers in kernel list order (newest first): {list}',
    'zh-CN': 'IPVS：来自 {client} 的新连接访问虚拟服务 {svc}，{sched} 调度算法选择了真实服务器 {rs}。{cause}。按内核链表顺序（最新添加的在前）的服务器：{list}',
  },
  'ipvs.no-destination': {
    en: 'IPVS: no real server available for {client} → {svc} ({sched}): every server has weight 0, is overloaded, or none is configured; with sh or dh it is enough that the one server the address hashes to is ({list}). The packet is dropped and the client gets ICMP port unreachable, even for TCP',
    'zh-CN': 'IPVS：{client} → {svc}（{sched}）没有可用的真实服务器：所有服务器权重为 0、已过载，或根本没有配置；对 sh 或 dh 而言，只要地址哈希到的那一台如此就够了（{list}）。数据包被丢弃，客户端收到 ICMP 端口不可达（TCP 也是如此）',
  },
  'ipvs.persist.new': {
    en: 'IPVS persistence: created template {conn} for {timeout} s; later connections from this client (network) go to {rs} without asking the scheduler',
    'zh-CN': 'IPVS 持久连接：创建了模板 {conn}，有效 {timeout} 秒；此客户端（网段）之后的连接都直接发往 {rs}，不再经过调度算法',
  },
  'ipvs.persist.reuse': {
    en: 'IPVS persistence: {client} already has template {conn} ({left} s left), so the new connection goes to {rs} again, whatever its weight; the template timer restarts at {timeout} s',
    'zh-CN': 'IPVS 持久连接：{client} 已有模板 {conn}（还剩 {left} 秒），新连接仍发往 {rs}，与其权重无关；模板计时器重新从 {timeout} 秒开始',
  },
  'ipvs.persist.invalid': {
    en: 'IPVS persistence: template {conn} can no longer be used: {cause}. The client is scheduled afresh',
    'zh-CN': 'IPVS 持久连接：模板 {conn} 不能再使用：{cause}。该客户端将被重新调度',
  },
  'ipvs.conn.state': {
    en: 'IPVS connection {conn}: {from} → {to} (expires in {timeout} s unless another packet comes). The director only sees client → VIP packets in DR, so it follows the INPUT-ONLY state table',
    'zh-CN': 'IPVS 连接 {conn}：{from} → {to}（若无新的数据包，{timeout} 秒后过期）。DR 模式下调度器只看到客户端 → VIP 方向的包，因此使用 INPUT-ONLY 状态表',
  },
  'ipvs.conn.state.nat': {
    en: 'IPVS connection {conn}: {from} → {to} on a {dir} packet (expires in {timeout} s unless another packet comes). NAT entries see both directions, so they follow the INPUT and OUTPUT state tables',
    'zh-CN': 'IPVS 连接 {conn}：收到 {dir} 方向的包后 {from} → {to}（若无新的数据包，{timeout} 秒后过期）。NAT 条目能看到两个方向的包，因此使用 INPUT 和 OUTPUT 状态表',
  },
  'ipvs.conn.expire': {
    en: 'IPVS connection entry {conn} ({state}) expired and was removed; {rs} counts one connection less',
    'zh-CN': 'IPVS 连接条目 {conn}（{state}）已过期并被删除；{rs} 的连接计数减一',
  },
  'ipvs.drop.no-dest': {
    en: 'IPVS dropped a packet of {conn}: its real server {rs} was removed from the service (expire_nodest_conn decides whether the entry goes at once)',
    'zh-CN': 'IPVS 丢弃了属于 {conn} 的数据包：其真实服务器 {rs} 已从服务中删除（expire_nodest_conn 决定该条目是否立即删除）',
  },
};

/** Clauses that some templates insert as {cause}. */
export const CAUSES: Templates = {
  'not-on-dev': { en: '{tip} is not on {dev} (it is on {on})', 'zh-CN': '{tip} 不在 {dev} 上（它在 {on} 上）' },
  'not-same-subnet': { en: '{sip} and {tip} are not in one subnet of {dev}', 'zh-CN': '{sip} 与 {tip} 不在 {dev} 的同一个子网内' },
  'scope-host': { en: '{tip} has scope host', 'zh-CN': '{tip} 的作用域是 host' },
  never: { en: '8 means never answer, not even for the real IP', 'zh-CN': '8 表示永不应答，连真实 IP 也不应答' },
  'filter-no-route': { en: 'there is no route back to {sip}', 'zh-CN': '没有回到 {sip} 的路由' },
  'filter-other-dev': { en: 'the route back to {sip} leaves via {on}, not {dev}', 'zh-CN': '回到 {sip} 的路由从 {on} 出去，而不是 {dev}' },
  output: { en: 'a packet is waiting to be sent', 'zh-CN': '有数据包等待发送' },
  timer: { en: 'timer', 'zh-CN': '定时器' },
  reply: { en: 'ARP reply', 'zh-CN': 'ARP 应答' },
  request: { en: 'ARP request', 'zh-CN': 'ARP 请求' },
  garp: { en: 'gratuitous ARP', 'zh-CN': '免费 ARP' },
  'request-for-us': { en: 'a request asked for our address', 'zh-CN': '对方询问本机地址' },
  admin: { en: 'ip neigh', 'zh-CN': 'ip neigh 命令' },
  'ipvs-rr': { en: 'rr takes the next eligible server after the one chosen last; weights other than 0 do not matter', 'zh-CN': 'rr 从上次选中的服务器之后取下一个可用服务器；除 0 以外的权重不起作用' },
  'ipvs-wrr': {
    en: 'wrr passes over the list with a current weight that starts at the highest weight and falls by the weights’ gcd after each pass; a server is taken when its weight is at least the current weight',
    'zh-CN': 'wrr 以“当前权重”遍历链表：从最大权重开始，每遍历一轮减去各权重的最大公约数；权重不小于当前权重的服务器被选中',
  },
  'ipvs-lc': { en: 'lc takes the lowest overhead = active × 256 + inactive; on a tie the first in list order wins', 'zh-CN': 'lc 选开销最小者，开销 = 活动连接 × 256 + 非活动连接；相同时取链表中靠前者' },
  'ipvs-wlc': {
    en: 'wlc takes the lowest overhead/weight (overhead = active × 256 + inactive), comparing cross products; a later server must be strictly better to win',
    'zh-CN': 'wlc 选“开销/权重”最小者（开销 = 活动连接 × 256 + 非活动连接），用交叉相乘比较；后面的服务器必须严格更优才会胜出',
  },
  'ipvs-sed': { en: 'sed takes the lowest (active + 1)/weight; inactive connections do not count', 'zh-CN': 'sed 选 (活动连接 + 1)/权重 最小者；非活动连接不计' },
  'ipvs-nq': { en: 'nq takes the first server with no active connection at once; otherwise the sed rule', 'zh-CN': 'nq 直接选第一个没有活动连接的服务器；否则按 sed 规则' },
  'ipvs-sh': { en: 'sh looks the client address up in a fixed 256-bucket table, so a client always reaches the same server', 'zh-CN': 'sh 用客户端地址查固定的 256 桶哈希表，因此同一客户端总是到达同一服务器' },
  'ipvs-dh': { en: 'dh looks the destination address up in a fixed 256-bucket table', 'zh-CN': 'dh 用目的地址查固定的 256 桶哈希表' },
  'ipvs-removed': { en: 'its real server was removed', 'zh-CN': '其真实服务器已被删除' },
  'ipvs-quiescent': { en: 'its real server has weight 0 and expire_quiescent_template = 1', 'zh-CN': '其真实服务器权重为 0，且 expire_quiescent_template = 1' },
};
