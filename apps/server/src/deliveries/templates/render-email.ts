// One render gives both parts of a message: the HTML, and the plain text derived from that same
// HTML, so the two can never tell different facts.
import { render, toPlainText } from '@react-email/render';
import type { ReactElement } from 'react';
import type { RenderedEmail } from './email-types.ts';

/** Headings keep the writer's case: a title in capitals reads as shouting, and changes names. */
const textOptions = {
  selectors: ['h1', 'h2'].map((selector) => ({ selector, options: { uppercase: false } })),
};

/** Subjects are one line: a line break in a user's title must not reach the mail header. */
function oneLine(subject: string): string {
  return subject.replace(/\s+/g, ' ').trim();
}

export async function renderEmail(subject: string, email: ReactElement): Promise<RenderedEmail> {
  const html = await render(email);
  return { subject: oneLine(subject), html, text: toPlainText(html, textOptions).trim() };
}
