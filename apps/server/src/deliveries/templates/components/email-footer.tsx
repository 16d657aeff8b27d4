// The small print under every email: why it came, and how to get fewer.
import { Hr } from '@react-email/hr';
import { Link } from '@react-email/link';
import { Text } from '@react-email/text';
import { colors, link, small } from './email-styles.ts';

interface FooterLink {
  label: string;
  url: string;
}

export function EmailFooter({ note, links = [] }: { note: string; links?: FooterLink[] }) {
  return (
    <>
      <Hr style={{ borderColor: colors.border, margin: '32px 0 16px' }} />
      <Text className="email-muted" style={small}>
        {note}
      </Text>
      {links.map((item) => (
        <Text key={item.url} className="email-muted" style={small}>
          <Link className="email-link" href={item.url} style={link}>
            {item.label}
          </Link>
        </Text>
      ))}
    </>
  );
}
