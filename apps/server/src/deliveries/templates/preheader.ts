// Inbox lists show about a hundred characters of the preheader; more only costs bytes.
const PREHEADER_LENGTH = 140;

export function preheaderOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= PREHEADER_LENGTH ? flat : `${flat.slice(0, PREHEADER_LENGTH - 1).trimEnd()}…`;
}
