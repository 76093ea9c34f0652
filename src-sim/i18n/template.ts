// `{name}` placeholders filled from params: the one rule every sentence of the
// app uses (explanations, tickets, UI strings). A placeholder with no value
// stays as written, so a missing parameter shows instead of vanishing.
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
