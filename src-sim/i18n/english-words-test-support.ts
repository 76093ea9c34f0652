// The English words left in a Chinese text once what stays English in
// Chinese Linux documentation is set aside: code spans, commands and their
// options, sysctl and interface names, addresses and MACs, constants and
// acronyms, host names, and the messages programs print (curl, ping).
// The zh-CN tests use it to find sentences that were never translated.

/** Words that are names, not English: tools, kernel states and tokens, host names, schedulers. */
const TECHNICAL_WORDS = new Set(
  [
    // tools and commands a learner types
    'ip', 'addr', 'add', 'del', 'link', 'set', 'up', 'down', 'neigh', 'route', 'show', 'flush', 'replace', 'lladdr', 'nud', 'dev', 'via', 'src', 'scope', 'host',
    'sysctl', 'arping', 'ping', 'curl', 'ipvsadm', 'ifconfig', 'echo', 'cat', 'modprobe', 'ipip', 'tcpdump', 'nginx', 'systemctl', 'sleep', 'netmask', 'broadcast', 'permanent',
    'proc', 'sys', 'locktime', 'forwarding', 'keepalived', 'Linux', 'shell', 'net-tools', 'Web', 'net', 'ipv4', 'conf', 'all', 'default', 'max', 'who-has', 'is-at', 'tell', 'connect', 'pcapng', 'Wireshark', 'Tab', 'Shift', 'Ctrl', 'Esc', 'Enter', 'Up', 'Down',
    // editors and the keys they take (vi: i to type, :w :wq :q!)
    'vi', 'vim', 'nano', 'i', 'w', 'wq', 'q',
    'GET', 'HTTP', 'http', 'https', 'tcp', 'udp', 'icmp', 'arp', 'vrrp', 'localhost', 'json', 'csv',
    // interfaces
    'lo', 'eth0', 'eth1', 'tunl0',
    // ipvsadm's forwarding methods as it prints them (states are in capitals)
    'Route', 'Masq', 'Tunnel', 'Local',
    // schedulers (ipvsadm -s)
    'rr', 'wrr', 'lc', 'wlc', 'sed', 'nq', 'sh', 'dh',
    // the lab's hosts
    'client', 'router', 'director', 'backup', 'gateway', 'rs1', 'rs2', 'rs3', 'rs4',
  ],
);

/** What programs print, quoted as they print it (Chinese Linux documentation leaves it in English). */
const PROGRAM_MESSAGES = [
  "Couldn't connect to server",
  'Connection refused',
  'Connection timed out',
  'Destination Host Unreachable',
  'Network is unreachable',
  'Cannot assign requested address',
  'No route to host',
  'is-at',
  'who-has',
];

/** Every English word of `text` that is not a technical token. */
export function englishWords(text: string): string[] {
  // Code spans, and the app's own command lines (npx lvs-dr-lab run FILE).
  let rest = text.replace(/`[^`]*`/g, ' ').replace(/npx lvs-dr-lab [a-z]+/g, ' ');
  for (const phrase of PROGRAM_MESSAGES) rest = rest.split(phrase).join(' ');
  rest = rest.replace(/https?:\/\/\S+/g, ' ').replace(/\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b/gi, ' ');
  // Chinese characters and punctuation separate words like spaces do.
  const tokens = rest.split(/[\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"'(),;:!?[\]{}<>|…·—–→↔×≥≤−+*]+/);
  return tokens.filter((token) => /[A-Za-z]/.test(token) && !isTechnical(token));
}

function isTechnical(token: string): boolean {
  const word = token.replace(/^[-./$#=]+|[-./$#=]+$/g, '');
  if (word === '' || !/[A-Za-z]/.test(word)) return true;
  if (token.startsWith('-')) return true; // an option: -g, --lang
  if (/[\d_./:=$@%]/.test(word)) return true; // eth0, arp_ignore, conf.all, 198.51.100.1, rs1$
  if (/^[A-Z][A-Z-]*$/.test(word)) return true; // ARP, VIP, SYN, ECONNREFUSED, INPUT-ONLY
  return TECHNICAL_WORDS.has(word);
}
