// Programs a learner may reach for that exist on a Linux host but are not
// simulated in the lab: one clear sentence instead of "command not found",
// which would suggest the tool is missing on a real server. A name leaves
// this list when its command is added to commands/index.ts (that map is
// consulted first).

const EDITORS = ['emacs', 'ed'];

const NOT_SIMULATED = new Set([
  ...EDITORS,
  'systemd-analyze', 'chkconfig', 'init',
  'top', 'htop', 'killall', 'pkill', 'nohup',
  'ssh', 'scp', 'rsync', 'telnet', 'nc', 'ncat', 'socat', 'wget', 'dig', 'nslookup', 'host', 'traceroute', 'tracepath', 'mtr',
  'iptables', 'ip6tables', 'nft', 'firewall-cmd', 'ufw', 'ethtool', 'brctl', 'nmcli', 'ifup', 'ifdown', 'dhclient',
  'keepalived', 'nginx', 'haproxy', 'httpd', 'apachectl',
  'yum', 'dnf', 'rpm', 'apt', 'apt-get', 'dpkg', 'pip', 'npm',
  'sudo', 'su', 'useradd', 'passwd', 'chown',
  'mount', 'umount', 'df', 'du', 'free', 'lsof', 'strace', 'lsmod', 'rmmod', 'insmod', 'dmesg',
  'man', 'less', 'more', 'find', 'file', 'whereis', 'env', 'crontab',
  'python', 'python3', 'perl', 'ruby', 'node', 'zsh', 'ksh', 'csh', 'tmux', 'screen',
]);

/** The sentence for a program the lab does not simulate, or null for a name Linux would not know either. */
export function notSimulated(name: string): string | null {
  if (!NOT_SIMULATED.has(name)) return null;
  if (EDITORS.includes(name)) return `${name}: editors are not simulated in this lab's terminal; write a file with a here-document: cat > FILE <<'EOF' … EOF`;
  return `${name}: exists on a Linux host but is not simulated in this lab; type help for what the lab's shell runs`;
}
