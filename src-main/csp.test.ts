import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.ts';

const directives = (policy: string): Map<string, string[]> =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name ?? '', sources]));

describe('content security policy', () => {
  const built = directives(contentSecurityPolicy(false));

  it('allows only the app itself in the built app: no remote hosts, no inline script, no eval', () => {
    for (const [name, sources] of built) {
      for (const source of sources) {
        expect(["'self'", "'none'", 'data:'], `${name} ${source}`).toContain(source);
      }
    }
    expect(built.get('default-src')).toEqual(["'self'"]);
    expect(built.get('script-src')).toEqual(["'self'"]);
    expect(built.get('style-src')).toEqual(["'self'"]);
    expect(built.get('connect-src')).toEqual(["'self'"]);
    expect(built.get('object-src')).toEqual(["'none'"]);
    expect(built.get('frame-src')).toEqual(["'none'"]);
    expect(built.get('base-uri')).toEqual(["'none'"]);
    expect(built.get('form-action')).toEqual(["'none'"]);
  });

  it('allows data: only for images', () => {
    expect([...built].filter(([, sources]) => sources.includes('data:')).map(([name]) => name)).toEqual(['img-src']);
  });

  it('relaxes only what the dev server needs: inline styles and its local WebSocket', () => {
    const dev = directives(contentSecurityPolicy(true));
    const changed = [...dev].filter(([name, sources]) => JSON.stringify(built.get(name)) !== JSON.stringify(sources));
    expect(Object.fromEntries(changed)).toEqual({
      'style-src': ["'self'", "'unsafe-inline'"],
      'connect-src': ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'],
    });
  });
});
