// Declarative checks: JSON data a lesson (or a challenge's fault) carries to
// say what "fixed" means. They are evaluated on the simulator's state, never
// on the text the learner typed. In a lesson file:
//
//   { "id": "only-director-answers-arp", "type": "arp-probe", "from": "router",
//     "target": "198.51.100.100", "answeredBy": ["director"] }
//   { "id": "rs1-arp-ignore", "type": "conf", "host": "rs1", "dev": "eth0",
//     "key": "arp_ignore", "oneOf": [1, 2] }
//   { "id": "gateway-keeps-director-mac", "type": "neighbour", "host": "router",
//     "ip": "198.51.100.100", "mac": "director",
//     "after": ["client$ curl -s -m 2 http://198.51.100.100/"] }
//   { "id": "through-director", "type": "http-probe", "from": "client",
//     "url": "http://198.51.100.100/", "count": 10, "servers": ["rs1", "rs2"],
//     "via": "director" }
//
// Every check may carry a "title" ({"en", "zh-CN"}); probes and checks with
// "after" or "reboot" (hosts rebooted first) run on a copy of the lab (forkLab).
import type { LocalText, Message, TextOrMessage } from '../../i18n/catalogue.ts';

export type { LocalText };

/** A MAC given literally ("02:00:00:00:00:02"), or as the host that owns it ("director", "director/eth0"). */
export type MacRef = string;

interface CheckBase {
  /** Unique within the lesson; results carry it. */
  id: string;
  /** What is checked, in the learner's words; a description is generated when absent. */
  title?: LocalText;
  /**
   * Commands-file lines ("client$ curl -s http://VIP/", "sleep 1") run on a
   * copy of the learner's lab before the check; the learner's lab is not touched.
   */
  after?: string[];
  /**
   * Hosts rebooted on the copy before `after` runs (`HOST$ reboot`): the
   * check then sees only what the files on disk bring back. When it fails
   * there but passes without the reboot, the verdict says the fix would be
   * lost at reboot.
   */
  reboot?: string[];
}

/** An address is (or is not) configured on a host, optionally on one device and with one prefix length. */
export interface AddressCheck extends CheckBase {
  type: 'address';
  host: string;
  /** "A.B.C.D" (any prefix length) or "A.B.C.D/LEN". */
  address: string;
  dev?: string;
  present: boolean;
}

/** The value the kernel uses for a conf key on a device (max/or of conf.all and conf.DEV, see sysctl.ts). */
export interface ConfCheck extends CheckBase {
  type: 'conf';
  host: string;
  dev: string;
  key: string;
  oneOf: number[];
}

/** A sysctl as `sysctl -n NAME` reads it. */
export interface SysctlCheck extends CheckBase {
  type: 'sysctl';
  host: string;
  name: string;
  oneOf: number[];
}

/** A neighbour (ARP cache) entry: present or not, its MAC and state. */
export interface NeighbourCheck extends CheckBase {
  type: 'neighbour';
  host: string;
  ip: string;
  dev?: string;
  /** Default true. */
  present?: boolean;
  mac?: MacRef;
  /** Any of these NUD states, e.g. ["REACHABLE", "STALE", "DELAY", "PROBE"]. */
  states?: string[];
}

/** An IPVS virtual service, "tcp:198.51.100.100:80". */
export interface IpvsServiceCheck extends CheckBase {
  type: 'ipvs-service';
  host: string;
  service: string;
  present: boolean;
  scheduler?: string;
}

/** An IPVS real server of a service: present or not, its forwarding method and weight. */
export interface IpvsDestCheck extends CheckBase {
  type: 'ipvs-dest';
  host: string;
  service: string;
  /** "198.51.100.11:80". */
  dest: string;
  /** Default true. */
  present?: boolean;
  fwd?: 'Route' | 'Masq' | 'Tunnel';
  minWeight?: number;
}

/** Behaviour: one host ARPs for an address; exactly these hosts answer. Run on a copy. */
export interface ArpProbe extends CheckBase {
  type: 'arp-probe';
  from: string;
  /** Default: the first device of `from` with an address whose subnet holds the target. */
  dev?: string;
  target: string;
  answeredBy: string[];
}

/** Behaviour: one ping from a host; the echo reply must come over the wire from this host. Run on a copy. */
export interface PingProbe extends CheckBase {
  type: 'ping-probe';
  from: string;
  target: string;
  answeredBy: string;
}

/**
 * Behaviour: `count` requests with curl from a host. Every one must be
 * answered, each of `servers` must answer at least once, and with `via`, every
 * request frame on `via`'s segments is addressed to `via`'s MAC (nothing
 * bypasses the director). Run on a copy.
 */
export interface HttpProbe extends CheckBase {
  type: 'http-probe';
  from: string;
  url: string;
  count: number;
  servers: string[];
  via?: string;
}

export type Check = AddressCheck | ConfCheck | SysctlCheck | NeighbourCheck | IpvsServiceCheck | IpvsDestCheck | ArpProbe | PingProbe | HttpProbe;
export type CheckType = Check['type'];

/** A check's verdict in messages, rendered in the learner's language when shown (`renderText`). */
export interface CheckResult {
  id: string;
  pass: boolean;
  /** What was checked: the lesson's own title, or a generated one. */
  title: TextOrMessage;
  /** What state the check read and when: the learner's lab as it is, or a copy replayed from the learner's commands. */
  reads: Message;
  /** Pass: what holds. Fail: what is wrong. */
  message: Message;
  /** The simulator's explanation of why: trace events as "host: …" lines. */
  explanation: Message[];
}
