// The message an admin sends to check that email leaves the server and arrives.
import { ActionButton } from './components/action-button.tsx';
import { EmailFooter } from './components/email-footer.tsx';
import { EmailHeading } from './components/email-heading.tsx';
import { EmailLayout } from './components/email-layout.tsx';
import { MessageText } from './components/message-text.tsx';
import { DEFAULT_PRODUCT_NAME, type RenderedEmail } from './email-types.ts';
import { formatStart } from './format-start.ts';
import { renderEmail } from './render-email.ts';

interface TestInput {
  publicUrl: string;
  sentAt: Date;
}

function TestEmail({ publicUrl, sentAt }: TestInput) {
  const productName = DEFAULT_PRODUCT_NAME;
  return (
    <EmailLayout
      preheader={`Email from ${productName} reaches this address.`}
      productName={productName}
      publicUrl={publicUrl}
      footer={<EmailFooter note="An administrator sent this test message; no reply is needed." />}
    >
      <EmailHeading>Email works</EmailHeading>
      <MessageText
        text={`This test message was sent at ${formatStart(sentAt, 'UTC')}. If you can read it, ${productName} can send email to this address.`}
      />
      <ActionButton action={{ label: `Open ${productName}`, url: publicUrl }} />
    </EmailLayout>
  );
}

export function renderTestEmail(input: TestInput): Promise<RenderedEmail> {
  return renderEmail(`Test email from ${DEFAULT_PRODUCT_NAME}`, <TestEmail {...input} />);
}
