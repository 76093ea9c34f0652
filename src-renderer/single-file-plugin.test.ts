import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeInlineScript, inlineIntoHtml } from './single-file-plugin.ts';

const INDEX = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'" />
<script type="module" crossorigin src="./assets/index-abc.js"></script>
<link rel="stylesheet" crossorigin href="./assets/index-def.css">
</head><body><div id="app"></div></body></html>`;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');
const policyOf = (html: string): string => /content="([^"]*)"/.exec(html)?.[1] ?? '';

describe('single-file build', () => {
  const js = 'const s = "</script><!-- $& $1"; document.title = s;';
  const css = 'body { color: red; }';
  const html = inlineIntoHtml(INDEX, new Map([['assets/index-abc.js', js], ['assets/index-def.css', css]]));

  it('puts the script and the stylesheet inside the page and refers to no file', () => {
    expect(html).toContain(`<script type="module">${escapeInlineScript(js)}</script>`);
    expect(html).toContain(`<style>${css}</style>`);
    expect(html).not.toMatch(/src="|href="\.\//);
  });

  it('allows exactly that script and that style by their SHA-256, nothing inline by default', () => {
    const policy = policyOf(html);
    expect(policy).toContain(`script-src 'sha256-${sha256(escapeInlineScript(js))}'`);
    expect(policy).toContain(`style-src 'sha256-${sha256(css)}'`);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("default-src 'none'");
  });

  it('keeps a string that would end the <script> element from ending it, with the same meaning in JavaScript', () => {
    const escaped = escapeInlineScript(js);
    expect(escaped.toLowerCase()).not.toContain('</script');
    expect(escaped).not.toContain('<!--');
    const value = (code: string): string => new Function(`${code.replace('document.title = s;', '')} return s;`)() as string;
    expect(value(escaped)).toBe(value(js));
  });

  it('fails the build when index.html refers to a file the bundle does not have', () => {
    expect(() => inlineIntoHtml(INDEX, new Map([['assets/index-abc.js', js]]))).toThrow(/stylesheet|\.css/);
    expect(() => inlineIntoHtml(INDEX.replace('</head>', '<link rel="manifest" href="./app.webmanifest"></head>'), new Map([['assets/index-abc.js', js], ['assets/index-def.css', css]]))).toThrow(
      /still refers to a file/,
    );
  });
});
