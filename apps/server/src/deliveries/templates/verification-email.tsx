// "Confirm your email address": sent when a user sets or changes it, and when they ask again.
import { ActionButton } from './components/action-button.tsx';
import { EmailFooter } from './components/email-footer.tsx';
import { EmailHeading } from './components/email-heading.tsx';
import { EmailLayout } from './components/email-layout.tsx';
import { MessageText } from './components/message-text.tsx';
import { emailSettingsUrl } from './email-links.ts';
import { DEFAULT_PRODUCT_NAME, type RenderedEmail } from './email-types.ts';
import { renderEmail } from './render-email.ts';

interface VerificationInput {
  address: string;
  verifyUrl: string;
  publicUrl: string;
}

function VerificationEmail({ address, verifyUrl, publicUrl }: VerificationInput) {
  const productName = DEFAULT_PRODUCT_NAME;
  return (
    <EmailLayout
      preheader={`Confirm ${address} to receive ${productName} notifications by email.`}
      productName={productName}
      publicUrl={publicUrl}
      footer={
        <EmailFooter
          note="If you did not add this address to an account, ignore this email: nothing will be sent to it."
          links={[{ label: 'Manage email settings', url: emailSettingsUrl(publicUrl) }]}
        />
      }
    >
      <EmailHeading>Confirm your email address</EmailHeading>
      <MessageText
        text={`Confirm that ${address} is yours, and ${productName} notifications can reach you here.\n\nThe link works for 24 hours.`}
      />
      <ActionButton action={{ label: 'Confirm email address', url: verifyUrl }} />
    </EmailLayout>
  );
}

export function renderVerificationEmail(input: VerificationInput): Promise<RenderedEmail> {
  return renderEmail(
    `Confirm your email address for ${DEFAULT_PRODUCT_NAME}`,
    <VerificationEmail {...input} />,
  );
}
