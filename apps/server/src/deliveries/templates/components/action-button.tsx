// The one call to action of an email: a large, high-contrast link that looks like a button, after
// the reason when the notification's own action no longer applies.
import { Button } from '@react-email/button';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { EmailAction } from '../email-links.ts';
import { colors, paragraph } from './email-styles.ts';

export function ActionButton({ action }: { action: EmailAction & { unavailable?: string | null } }) {
  return (
    <Section style={{ margin: '24px 0' }}>
      {action.unavailable && (
        <Text className="email-text" style={paragraph}>
          {action.unavailable}
        </Text>
      )}
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
