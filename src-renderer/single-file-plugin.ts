// Vite plugin for the single-file build (vite.single.config.ts): turns the
// bundle (index.html, one script, one stylesheet) into one HTML file that a
// browser opens from file:// by double-click, e.g. from a USB stick. Module
// scripts are refused from file:// and workers may not load from files there,
// so everything is inline; the CSP allows the inline script and style by hash.
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { singleFilePolicy } from '../src-main/csp.ts';

export const SINGLE_FILE_NAME = 'lvs-dr-lab.html';

const SCRIPT_TAG_RE = /<script type="module"[^>]*\ssrc="\.\/([^"]+\.js)"[^>]*><\/script>/;
const STYLE_TAG_RE = /<link rel="stylesheet"[^>]*\shref="\.\/([^"]+\.css)"[^>]*>/;
const CSP_RE = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

/**
 * Inside a <script> element the HTML parser ends the script at `</script` and
 * enters odd states after `<!--`; both may occur in strings of the bundle (the
 * reference text, the worker's code), so they are written as JavaScript escapes,
 * which mean the same characters inside string, template and regex literals.
 */
export function escapeInlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\x3C!--');
}

/** index.html with `files[path]` put in place of its script and stylesheet, and the policy that allows exactly them. */
export function inlineIntoHtml(html: string, files: ReadonlyMap<string, string>): string {
  const file = (re: RegExp): { tag: string; text: string } => {
    const match = re.exec(html);
    const text = match?.[1] === undefined ? undefined : files.get(match[1]);
    if (match === null || text === undefined) throw new Error(`single-file build: index.html has no ${re.source} whose file is in the bundle`);
    return { tag: match[0], text };
  };
  const script = file(SCRIPT_TAG_RE);
  const style = file(STYLE_TAG_RE);
  const js = escapeInlineScript(script.text);
  if (style.text.toLowerCase().includes('</style')) throw new Error('single-file build: the stylesheet contains </style');
  if (!CSP_RE.test(html)) throw new Error('single-file build: index.html has no Content-Security-Policy <meta> tag');
  const out = html
    .replace(CSP_RE, `$1${singleFilePolicy({ scriptSha256: sha256(js), styleSha256: sha256(style.text) })}$2`)
    // Functions as replacements: the inlined text may contain `$&` and the like.
    .replace(script.tag, () => `<script type="module">${js}</script>`)
    .replace(style.tag, () => `<style>${style.text}</style>`);
  const leftover = /\s(?:src|href)="\.\//.exec(out);
  if (leftover) throw new Error(`single-file build: index.html still refers to a file (${leftover[0]})`);
  return out;
}

/** Replaces the whole bundle by SINGLE_FILE_NAME. */
export function singleFileHtml(): Plugin {
  return {
    name: 'lvs-lab:single-file',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = new Map<string, string>();
      let html: string | undefined;
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') files.set(output.fileName, output.code);
        else if (output.fileName === 'index.html') html = String(output.source);
        else if (output.fileName.endsWith('.css')) files.set(output.fileName, String(output.source));
      }
      if (html === undefined) throw new Error('single-file build: no index.html in the bundle');
      const single = inlineIntoHtml(html, files);
      for (const name of Object.keys(bundle)) delete bundle[name];
      this.emitFile({ type: 'asset', fileName: SINGLE_FILE_NAME, source: single });
    },
  };
}
