// When a webinar takes place, in the recipient's zone, and for how long.
import { Text } from '@react-email/text';
import type { WebinarFacts } from '../email-types.ts';
import { formatDuration, formatStart } from '../format-start.ts';
import { colors } from './email-styles.ts';

export function webinarWhen(webinar: WebinarFacts, timeZone: string): string {
  return `${formatStart(webinar.startsAt, timeZone)} (${formatDuration(webinar.durationMinutes)})`;
}

export function WebinarWhen({ webinar, timeZone }: { webinar: WebinarFacts; timeZone: string }) {
  return (
    <Text
      className="email-text"
      style={{
        borderLeft: `4px solid ${colors.action}`,
        color: colors.text,
        fontSize: '15px',
        lineHeight: '22px',
        margin: '0 0 16px',
        padding: '4px 0 4px 12px',
      }}
    >
      <strong>{webinar.title}</strong>
      <br />
      {webinarWhen(webinar, timeZone)}
    </Text>
  );
}
