// service (init-system-helpers 1.65.2, on Debian 12 and Rocky 9 alike): on a
// systemd host `service NAME start|stop|restart|try-restart|status` is
// `systemctl ACTION NAME.service`; reload and force-reload go to systemctl
// too; anything else runs /etc/init.d/NAME, which only nginx has here.
import type { Command } from '../context.ts';

const USAGE = 'Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n';
const NGINX_INIT_USAGE = 'Usage: nginx {start|stop|status|restart|reload|force-reload|upgrade|configtest|rotate}\n';

export const service: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '--help' || args[0] === '-h' || args[0]?.startsWith('--h')) {
    ctx.err(USAGE);
    return 0;
  }
  if (args[0] === '--version' || args[0] === '-V') {
    ctx.err('service ver. 1.65.2\n');
    return 0;
  }
  if (args.length === 0) {
    ctx.err(USAGE);
    return 1;
  }
  if (args.length === 1 && args[0] === '--status-all') {
    ctx.out(` [ ${ctx.host.nginx.running ? '+' : '-'} ]  nginx\n`);
    return 0;
  }
  const [name, action] = args as [string, string | undefined];
  const unit = `${name.replace(/\.sh$/, '')}.service`;
  const systemctl = (verb: string): number => {
    const r = ctx.run(`systemctl ${verb} ${unit}`);
    ctx.out(r.stdout);
    ctx.err(r.stderr);
    return r.exit;
  };
  if (args[1] === '--full-restart' && args.length === 2) return systemctl('restart');
  switch (action) {
    case 'start':
    case 'stop':
    case 'restart':
    case 'try-restart':
    case 'status':
      return systemctl(action);
    case 'reload':
    case 'force-reload':
      return systemctl('reload');
  }
  // A non-standard action runs the SysV init script; only nginx ships one in the lab.
  if (name !== 'nginx') {
    ctx.err(`${name}: unrecognized service\n`);
    return 1;
  }
  ctx.err(NGINX_INIT_USAGE);
  return 1;
};
