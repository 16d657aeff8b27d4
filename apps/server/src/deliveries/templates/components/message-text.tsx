// Text that users wrote (announcements, messages) as paragraphs: a blank line starts a new one, a
// single line break stays one. React escapes every character, so markup in it shows as written.
import { Text } from '@react-email/text';
import { Fragment } from 'react';
import { paragraph } from './email-styles.ts';

export function MessageText({ text }: { text: string }) {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
  return paragraphs.map((block, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs never move
    <Text key={index} className="email-text" style={paragraph}>
      {block.split(/\r?\n/).map((line, lineIndex) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines never move
        <Fragment key={lineIndex}>
          {lineIndex > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </Text>
  ));
}
