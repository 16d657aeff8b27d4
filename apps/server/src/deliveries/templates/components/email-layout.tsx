// The frame every email shares: language, colour schemes, the preheader that inbox lists show
// beside the subject, the product's name, a centred card for the body and the footer below it.
import { Body } from '@react-email/body';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Html } from '@react-email/html';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import type { ReactNode } from 'react';
import { colors, darkModeCss, fontFamily } from './email-styles.ts';

interface LayoutProps {
  /** The line inbox lists show after the subject; hidden in the message itself. */
  preheader: string;
  productName: string;
  publicUrl: string;
  footer: ReactNode;
  children: ReactNode;
}

export function EmailLayout({ preheader, productName, publicUrl, footer, children }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{productName}</title>
        <style>{darkModeCss}</style>
      </Head>
      <Preview>{preheader}</Preview>
      <Body
        className="email-page"
        style={{ backgroundColor: colors.page, fontFamily, margin: 0, padding: '24px 0' }}
      >
        <Container style={{ maxWidth: '560px', padding: '0 12px' }}>
          <Section style={{ padding: '0 0 16px' }}>
            <Link
              className="email-text"
              href={publicUrl}
              style={{ color: colors.text, fontSize: '18px', fontWeight: 700, textDecoration: 'none' }}
            >
              {productName}
            </Link>
          </Section>
          <Section
            className="email-card"
            style={{
              backgroundColor: colors.card,
              border: `1px solid ${colors.border}`,
              borderRadius: '8px',
              padding: '28px 28px 20px',
            }}
          >
            {children}
            {footer}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
