// Lesson texts use `code` in backticks and blank lines between paragraphs;
// rendered as plain segments (never as HTML).
export type Segment = { code: boolean; text: string };

export function paragraphs(text: string): Segment[][] {
  return text.split(/\n\s*\n/).map((para) => para.split('`').map((text, i) => ({ code: i % 2 === 1, text })).filter((s) => s.text !== ''));
}
