// The headline of an email's card.
import { Heading } from '@react-email/heading';
import type { ReactNode } from 'react';
import { colors } from './email-styles.ts';

export function EmailHeading({ children }: { children: ReactNode }) {
  return (
    <Heading
      as="h1"
      className="email-text"
      style={{
        color: colors.text,
        fontSize: '22px',
        lineHeight: '30px',
        fontWeight: 700,
        margin: '0 0 16px',
      }}
    >
      {children}
    </Heading>
  );
}
