// The one call to action of an email: a large, high-contrast link that looks like a button.
import { Button } from '@react-email/button';
import { Section } from '@react-email/section';
import type { EmailAction } from '../email-links.ts';
import { colors } from './email-styles.ts';

export function ActionButton({ action }: { action: EmailAction }) {
  return (
    <Section style={{ margin: '24px 0' }}>
      <Button
        href={action.url}
        style={{
          backgroundColor: colors.action,
          borderRadius: '6px',
          color: colors.onAction,
          fontSize: '16px',
          fontWeight: 600,
          padding: '12px 20px',
          textDecoration: 'none',
        }}
      >
        {action.label}
      </Button>
    </Section>
  );
}
