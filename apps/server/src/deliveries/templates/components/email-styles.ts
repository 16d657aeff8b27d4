// The emails' few colours and type sizes, inline on each element because many mail clients drop
// <style> blocks. Every text colour keeps at least 4.5:1 contrast on its background (WCAG AA).
import type { CSSProperties } from 'react';

export const colors = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#111827',
  muted: '#4b5563',
  border: '#e5e7eb',
  action: '#1d4ed8',
  onAction: '#ffffff',
};

export const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const paragraph: CSSProperties = {
  color: colors.text,
  fontSize: '16px',
  lineHeight: '24px',
  margin: '0 0 16px',
};

export const small: CSSProperties = {
  color: colors.muted,
  fontSize: '13px',
  lineHeight: '20px',
  margin: '0 0 8px',
};

export const link: CSSProperties = { color: colors.action, textDecoration: 'underline' };

/**
 * Clients that honour a dark preference get dark surfaces from these classes; the inline light
 * colours stay for the rest, and the button reads the same on both.
 */
export const darkModeCss = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .email-page { background-color: #111827 !important; }
  .email-card { background-color: #1f2937 !important; border-color: #374151 !important; }
  .email-text { color: #f9fafb !important; }
  .email-muted { color: #d1d5db !important; }
  .email-link { color: #93c5fd !important; }
}
`;
