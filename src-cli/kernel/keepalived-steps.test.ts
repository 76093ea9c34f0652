import { describe, expect, it } from 'vitest';
import { keepalivedConfigProblem, keepalivedControl, keepalivedFileWrite } from './keepalived-steps.ts';

describe('keepalived step forms the kernel runner accepts', () => {
  it('systemctl verbs for keepalived alone on the line, nothing else', () => {
    expect(keepalivedControl('systemctl start keepalived')).toBe('start');
    expect(keepalivedControl('  systemctl is-active keepalived.service ')).toBe('is-active');
    expect(keepalivedControl('systemctl enable keepalived')).toBeNull();
    expect(keepalivedControl('systemctl start keepalived; reboot')).toBeNull();
    expect(keepalivedControl('systemctl start keepalived nginx')).toBeNull();
  });

  it('a here-document into /etc/keepalived gives the file and its text', () => {
    expect(keepalivedFileWrite("cat > /etc/keepalived/keepalived.conf <<'EOF'\nvrrp_instance VI_1 {\n}\nEOF")).toEqual({
      name: 'keepalived.conf',
      text: 'vrrp_instance VI_1 {\n}\n',
    });
  });

  it('refuses other paths, missing delimiters, trailing commands and expansions', () => {
    expect(keepalivedFileWrite("cat > /etc/keepalived/../passwd <<'EOF'\nx\nEOF")).toBeNull();
    expect(keepalivedFileWrite("cat > /etc/keepalived/.hidden <<'EOF'\nx\nEOF")).toBeNull();
    expect(keepalivedFileWrite("cat > /etc/shadow <<'EOF'\nx\nEOF")).toBeNull();
    expect(keepalivedFileWrite("cat > /etc/keepalived/k.conf <<'EOF'\nx\n")).toBeNull();
    expect(keepalivedFileWrite("cat > /etc/keepalived/k.conf <<'EOF'\nx\nEOF\nrm -rf /")).toBeNull();
    expect(keepalivedFileWrite('cat > /etc/keepalived/k.conf <<EOF\n$(id)\nEOF')).toBeNull();
    expect(keepalivedFileWrite("cat > /etc/keepalived/k.conf <<'EOF'\n$(id)\nEOF")).toEqual({ name: 'k.conf', text: '$(id)\n' });
  });

  it('a configuration with virtual_server cannot run on a kernel without IPVS', () => {
    expect(keepalivedConfigProblem('virtual_server 198.51.100.100 80 {\n}\n')).toMatch(/simulator-only/);
    expect(keepalivedConfigProblem('vrrp_instance VI_1 {\n}\n')).toBeNull();
  });
});
