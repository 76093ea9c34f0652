// What Tab offers after each command: its options and, for `ip`, the objects
// and verbs. Only what the lab's commands accept (src-sim/shell/commands/).

export const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  ab: ['-c', '-k', '-n', '-q', '-s'],
  arp: ['-a', '-d', '-e', '-n', '-s'],
  arping: ['-A', '-b', '-c', '-D', '-f', '-I', '-q', '-s', '-U', '-V', '-w'],
  curl: ['-I', '-i', '-m', '-o', '-S', '-s', '-v', '-w', '--connect-timeout', '--head', '--include', '--max-time', '--output', '--show-error', '--silent', '--verbose', '--write-out'],
  ifconfig: ['-a', 'up', 'down', 'netmask', 'broadcast', 'hw'],
  ifdown: ['-a', '-f', '--exclude', 'lo:0'],
  ifup: ['-a', '-f', '--allow', 'lo:0'],
  ip: ['-4', '-br', '-brief', '-c', '-color', '-d', '-details', '-s', '-statistics'],
  ipvsadm: [
    '-A', '-E', '-D', '-C', '-R', '-S', '-a', '-e', '-d', '-L', '-l', '-Z', '-t', '-u', '-f', '-s', '-p', '-M', '-r', '-g', '-i', '-m', '-w', '-x', '-y', '-n', '-c',
    '--add-service', '--edit-service', '--delete-service', '--clear', '--restore', '--save', '--add-server', '--edit-server', '--delete-server',
    '--list', '--zero', '--tcp-service', '--udp-service', '--fwmark-service', '--scheduler', '--persistent', '--netmask', '--real-server',
    '--gatewaying', '--ipip', '--masquerading', '--weight', '--u-threshold', '--l-threshold', '--numeric', '--connection', '--timeout',
    '--stats', '--rate', '--thresholds', '--persistent-conn', '--nosort', '--exact', '--set',
  ],
  jobs: ['-l', '-p'],
  keepalived: ['-f', '-t', '-v', '--use-file', '--config-test', '--version'],
  kill: ['-l', '-s', '-HUP', '-INT', '-KILL', '-TERM', '-9'],
  modprobe: ['ipip', 'ip_vs'],
  pgrep: ['-a', '-f', '-l', '-x'],
  ping: ['-4', '-c', '-I', '-n', '-q', '-s', '-W', '-w'],
  ps: ['-e', '-ef', '-f', '-p', '-C', 'aux'],
  reboot: ['-f', '--force', '-p', '--poweroff'],
  shutdown: ['-r', '-h', '-P', 'now'],
  uptime: ['-p', '-s'],
  route: ['-e', '-n', 'add', 'del', '-net', '-host', 'gw', 'netmask', 'dev'],
  seq: ['-s', '-w'],
  sysctl: ['-a', '-e', '-n', '-p', '-q', '-w', '--all', '--load', '--system', '--values', '--write'],
  systemctl: ['start', 'stop', 'restart', 'reload', 'status', 'is-active', 'is-enabled', 'enable', 'disable', 'daemon-reload', 'cat', 'reboot', 'poweroff', '--now', 'nginx'],
  tail: ['-n'],
  tcpdump: ['-c', '-e', '-i', '-l', '-n', '-q', '-t', '-v', 'arp', 'ip', 'icmp', 'tcp', 'udp', 'host', 'port', 'ether', 'not', 'and', 'or'],
};

/** `ip OBJECT` and the verbs each object takes. */
export const IP_OBJECTS: Readonly<Record<string, readonly string[]>> = {
  addr: ['add', 'del', 'flush', 'show'],
  link: ['set', 'show'],
  neigh: ['add', 'change', 'del', 'flush', 'replace', 'show'],
  route: ['add', 'del', 'get', 'replace', 'show'],
};

/** Words after `ip OBJECT VERB`. */
export const IP_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  addr: ['dev', 'label', 'scope', 'broadcast', 'host', 'link', 'global'],
  link: ['dev', 'up', 'down', 'address', 'arp', 'on', 'off'],
  neigh: ['dev', 'lladdr', 'nud', 'permanent', 'reachable', 'stale', 'noarp', 'to'],
  route: ['dev', 'via', 'src', 'table', 'scope', 'proto', 'metric', 'from', 'default', 'local', 'main', 'all'],
};

/** Options whose next word is an interface name. */
export const INTERFACE_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  arping: ['-I'],
  ping: ['-I'],
  tcpdump: ['-i'],
  ip: ['dev'],
  route: ['dev'],
};
