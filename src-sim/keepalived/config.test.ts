// Messages and exit statuses below were printed by keepalived 2.2.7 (Debian 12)
// `keepalived -t -f FILE` for the same files on this machine (eth0 only).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';
import { parseKeepalivedConfig } from './config.ts';
import { readConfigLines } from './lines.ts';

function fileSource(files: Record<string, string>) {
  return {
    read: (path: string) => files[path] ?? null,
    glob: (pattern: string) => {
      const re = new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
      return Object.keys(files).filter((p) => re.test(p)).sort();
    },
  };
}

const A_CONF = `! comment
global_defs {
  router_id ld1
  bogus_thing 5
}
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 300
    advert_int 1
    foo
    authentication {
        auth_type PASS
        auth_pass secret12345
    }
    virtual_ipaddress {
        198.51.100.100/24 dev eth0 label eth0:0
    }
}
`;

const parse = (files: Record<string, string>, file: string) => parseKeepalivedConfig(fileSource(files), file, { interfaces: ['lo', 'eth0'], configTest: true });

describe('keepalived.conf as 2.2.7 reads it', () => {
  it('reports unknown keywords, ranges and truncation in its words, the parent pass without the file name', () => {
    const r = parse({ '/tmp/kaT/a.conf': A_CONF }, '/tmp/kaT/a.conf');
    expect(r.messages.map((m) => m.text)).toEqual([
      "(Line 4) Unknown keyword 'bogus_thing'",
      "(/tmp/kaT/a.conf: Line 10) number '300' outside range [1, 255]",
      '(/tmp/kaT/a.conf: Line 10) (VI_1) Priority not valid! must be between 1 & 255. Using default 100',
      "(/tmp/kaT/a.conf: Line 12) Unknown keyword 'foo'",
      '(/tmp/kaT/a.conf: Line 15) Truncating auth_pass to 8 characters',
    ]);
    const vi = r.config.instances[0]!;
    expect(vi).toMatchObject({ name: 'VI_1', state: 'MASTER', interface: 'eth0', vrid: 51, priority: 100, advertInt: 1, authType: 'PASS', authPass: 'secret12' });
    expect(vi.virtualAddresses).toEqual([{ ip: 0xc6336464, prefixLen: 24, dev: 'eth0', label: 'eth0:0', scope: 'global' }]);
    expect(r.config.global.routerId).toBe('ld1');
  });

  it('reports a top-level unknown word in each of its four passes, and bad values in the VRRP pass', () => {
    const conf = `vrrp_instance VI_1 {
    state BOSS
    interface eth9
    virtual_router_id 300
    priority 100
    advert_int 0
    nopreempt
    authentication {
        auth_type XYZ
    }
    virtual_ipaddress {
        198.51.100.300/24
        198.51.100.100/24 dev eth0 label eth0:0 scope link
    }
}
bogus
`;
    const r = parse({ '/tmp/kaT/b.conf': conf }, '/tmp/kaT/b.conf');
    expect(r.messages.map((m) => m.text)).toEqual([
      "(Line 16) Unknown keyword 'bogus'",
      "(/tmp/kaT/b.conf: Line 16) Unknown keyword 'bogus'",
      "(/tmp/kaT/b.conf: Line 2) (VI_1) unknown state 'BOSS', defaulting to BACKUP",
      '(/tmp/kaT/b.conf: Line 3) WARNING - interface eth9 for vrrp_instance VI_1 doesn\'t exist',
      "(/tmp/kaT/b.conf: Line 4) number '300' outside range [1, 255]",
      "(/tmp/kaT/b.conf: Line 4) (VI_1): VRID '300' not valid - must be between 1 & 255",
      "(/tmp/kaT/b.conf: Line 6) number '0' outside range [0.010000, 255.000000]",
      '(/tmp/kaT/b.conf: Line 6) (VI_1) Advert interval (0) not valid! Must be > 0 - ignoring',
      "(/tmp/kaT/b.conf: Line 9) (VI_1) unknown authentication type 'XYZ'",
      '(/tmp/kaT/b.conf: Line 12) VRRP parsed invalid IP 198.51.100.300/24. skipping IP...',
      "(/tmp/kaT/b.conf: Line 16) Unknown keyword 'bogus'",
      // keepalived goes on validating: without a VRID the instance is dropped.
      '(VI_1) the virtual router id must be set',
      "(/tmp/kaT/b.conf: Line 16) Unknown keyword 'bogus'",
    ]);
    expect(r.config.instances).toEqual([]);
  });

  it('follows include globs, reports one that matches nothing where it stands, and parses virtual_server in the checker pass', () => {
    const c = `global_defs {
   router_id ld1
   vrrp_garp_master_delay 10
   weird 1
}
include /tmp/kaT/inc*.conf
include /tmp/kaT/none.conf
virtual_server 198.51.100.100 80 {
    lb_algo rr
    lb_kind DR
    zzz
    real_server 192.0.2.11 80 {
        weight 1
        TCP_CHECK { connect_timeout 3 }
    }
}
`;
    const inc = `# in an include
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    yyy
    virtual_ipaddress {
        198.51.100.100
    }
}
topbad
`;
    const r = parse({ '/tmp/kaT/c.conf': c, '/tmp/kaT/inc1.conf': inc }, '/tmp/kaT/c.conf');
    expect(r.messages.map((m) => m.text)).toEqual([
      "(Line 4) Unknown keyword 'weird'",
      "(/tmp/kaT/inc1.conf: Line 11) Unknown keyword 'topbad'",
      "(Line 7) Config files missing '/tmp/kaT/none.conf'.",
      "(/tmp/kaT/inc1.conf: Line 11) Unknown keyword 'topbad'",
      "(/tmp/kaT/c.conf: Line 11) Unknown keyword 'zzz'",
      'Virtual server [198.51.100.100]:none:80: no protocol set - defaulting to UDP',
      "(/tmp/kaT/inc1.conf: Line 6) Unknown keyword 'yyy'",
      "(/tmp/kaT/inc1.conf: Line 11) Unknown keyword 'topbad'",
      "(/tmp/kaT/inc1.conf: Line 11) Unknown keyword 'topbad'",
    ]);
    expect(r.config.global.garpMasterDelay).toBe(10);
    expect(r.config.instances[0]!.virtualAddresses[0]!.prefixLen).toBe(32);
    const vs = r.config.virtualServers[0]!;
    expect(vs).toMatchObject({ port: 80, lbAlgo: 'rr', lbKind: 'DR', protocol: null });
    expect(vs.realServers[0]!.checkers[0]).toMatchObject({ kind: 'TCP_CHECK', settings: { connect_timeout: ['3'] } });
  });

  it('checks the minimum configuration: VRID, interface, addresses, and unclosed blocks in every pass', () => {
    expect(parse({ '/e': 'vrrp_instance VI_1 {\n interface eth0\n}\n' }, '/e').messages.map((m) => m.text)).toEqual(['(VI_1) the virtual router id must be set']);
    expect(parse({ '/f': 'vrrp_instance VI_1 {\n virtual_router_id 5\n}\n' }, '/f').messages.map((m) => m.text)).toEqual(['(VI_1) Unknown interface!']);
    const g = parse({ '/g': 'vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 5\n priority 100\n' }, '/g');
    expect(g.messages.map((m) => m.text)).toEqual([
      "There are 1 missing '}'s or extra '{'s",
      "There are 1 missing '}'s or extra '{'s",
      "There are 1 missing '}'s or extra '{'s",
      '(VI_1) No VIP specified; at least one is sensible',
      '(VI_1) No VIP specified; at least one is sensible',
      "There are 1 missing '}'s or extra '{'s",
    ]);
    expect(parse({ '/h': '' }, '/h').messages).toEqual([]);
  });

  it('reads comments, quotes and braces the way read_line does', () => {
    const lines = readConfigLines(fileSource({ '/x': 'a "b c" # d\nvrrp_instance V { state MASTER }\n! all comment\n' }), '/x');
    expect(lines.map((l) => l.words)).toEqual([['a', 'b c'], ['vrrp_instance', 'V'], ['{'], ['state', 'MASTER'], ['}']]);
  });
});

describe('keepalived -t on a lab host', () => {
  it('exits 5 for errors keepalived runs despite, 0 for a clean file and for a missing one', () => {
    const lab = lanLab([lanHost('ld1', 2)]);
    lab.writeFile('ld1', '/etc/keepalived/keepalived.conf', A_CONF);
    const bad = lab.run('ld1', 'keepalived -t');
    expect(bad.exit).toBe(5);
    expect(bad.stderr.split('\n')[0]).toBe("(Line 4) Unknown keyword 'bogus_thing'");
    lab.writeFile('ld1', '/etc/keepalived/keepalived.conf', 'vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n');
    expect(lab.run('ld1', 'keepalived -t')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(lab.run('ld1', 'keepalived -t -f /etc/keepalived/none.conf')).toEqual({ exit: 0, stdout: '', stderr: "Config files missing '/etc/keepalived/none.conf'.\n" });
    expect(lab.run('ld1', 'keepalived -t -f')).toEqual({ exit: 1, stdout: '', stderr: 'Missing parameter for option -f\n' });
    expect(lab.run('ld1', 'keepalived --bogus')).toEqual({ exit: 1, stdout: '', stderr: 'Unknown option --bogus\n' });
  });

  it('reports an include that matches nothing inside a block, in the first pass, and hands it to no keyword', () => {
    // keepalived 2.2.7 -t on this file (lo as the interface, as run here): the same two lines first.
    const lab = lanLab([lanHost('ld1', 2)]);
    lab.writeFile('ld1', '/etc/keepalived/keepalived.conf', 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 5\n    virtual_ipaddress {\n    203.0.113.7/32\n    include /nope/*.conf\n    198.51.100.100/32\n    }\n}\nvrrp_instance VI_2 {\n    interface eth0\n    virtual_router_id 6\n    track_interface {\n    include /nope2/*.conf\n    }\n}\n');
    const r = lab.run('ld1', 'keepalived -t');
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(["(Line 6) Config files missing '/nope/*.conf'.", "(Line 14) Config files missing '/nope2/*.conf'."]);
    expect(r.stderr).not.toMatch(/internal simulator error/);
  });
});
