// The address notifications are emailed to, with where it stands, and the time zone emails give
// times in.
import type { ContactSettings } from '@webinar/contracts';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Field, Select, TextInput } from '../../../components/ui/field.tsx';
import { Notice } from '../../../components/ui/notice.tsx';
import { Section } from '../../../components/ui/section.tsx';
import { ErrorMessage, ErrorState } from '../../../components/ui/states.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useUnsavedChangesGuard } from '../../../lib/use-unsaved-changes-guard.tsx';
import { useContact } from '../api/get-contact.ts';
import { useResendVerification } from '../api/resend-verification.ts';
import { useUpdateContact } from '../api/update-contact.ts';

const STATUS_TONES: Record<ContactSettings['email_status'], BadgeTone> = {
  verified: 'green',
  unverified: 'amber',
  failing: 'red',
  none: 'gray',
};

export function EmailStatusBadge({ contact }: { contact: ContactSettings }) {
  const { t } = useTranslation('settings');
  return (
    <Badge tone={STATUS_TONES[contact.email_status]}>{t(`contact.status.${contact.email_status}`)}</Badge>
  );
}

function EmailForm({ contact }: { contact: ContactSettings }) {
  const { t } = useTranslation('settings');
  const update = useUpdateContact();
  const resend = useResendVerification();
  const [draft, setDraft] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const statusId = useId();
  const value = draft ?? contact.email;
  const unsaved = useUnsavedChangesGuard(
    draft !== null && draft.trim() !== contact.email,
    t('contact.unsaved'),
  );
  const fieldError = update.error instanceof ApiError ? (update.error.fields.email ?? undefined) : undefined;

  const save = (event: FormEvent) => {
    event.preventDefault();
    resend.reset();
    setNotice(null);
    update.mutate(
      { email: value.trim() },
      {
        onSuccess: (saved) => {
          setDraft(null);
          setNotice(
            saved.email === ''
              ? t('contact.removed')
              : saved.email_status === 'verified'
                ? t('contact.saved')
                : t('contact.linkSent', { email: saved.email }),
          );
        },
      },
    );
  };

  const sendAgain = () => {
    update.reset();
    setNotice(null);
    resend.mutate(undefined, {
      onSuccess: () => setNotice(t('contact.linkSentAgain', { email: contact.email })),
    });
  };

  return (
    // The server checks the address and says what is wrong under the field.
    <form onSubmit={save} className="space-y-3" noValidate>
      {unsaved}
      <Notice message={notice} />
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t('contact.email')} error={fieldError} className="min-w-0 flex-1 basis-64">
          <TextInput
            type="email"
            autoComplete="email"
            value={value}
            {...(fieldError ? {} : { 'aria-describedby': statusId })}
            onChange={(event) => {
              update.reset();
              setDraft(event.target.value);
            }}
          />
        </Field>
        <Button
          type="submit"
          busy={update.isPending}
          disabled={draft === null || draft.trim() === contact.email}
        >
          {t('contact.saveAddress')}
        </Button>
      </div>
      <div id={statusId} className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span className="sr-only">{t('contact.statusLabel')}</span>
        <EmailStatusBadge contact={contact} />
        {contact.email_status === 'unverified' ? (
          <>
            <span className="min-w-0 break-words">
              <Trans
                t={t}
                i18nKey="contact.openLink"
                values={{ email: contact.email }}
                components={{ email: <span className="font-medium break-all" /> }}
              />
            </span>
            <Button variant="secondary" size="sm" busy={resend.isPending} onClick={sendAgain}>
              {t('contact.sendAgain')}
            </Button>
          </>
        ) : null}
        {contact.email_status === 'failing' ? (
          <>
            <span className="min-w-0 break-words">
              <Trans
                t={t}
                i18nKey="contact.refused"
                values={{ reason: contact.email_failure ?? t('contact.noReason') }}
                components={{ reason: <span className="break-all" /> }}
              />
            </span>
            <Button variant="secondary" size="sm" busy={resend.isPending} onClick={sendAgain}>
              {t('contact.sendAgain')}
            </Button>
          </>
        ) : null}
        {contact.email_status === 'none' ? <span>{t('contact.addAddress')}</span> : null}
      </div>
      {update.isError && !fieldError ? <ErrorMessage error={update.error} /> : null}
      {resend.isError ? <ErrorMessage error={resend.error} /> : null}
    </form>
  );
}

function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

function TimeZoneForm({ contact }: { contact: ContactSettings }) {
  const { t } = useTranslation('settings');
  const update = useUpdateContact();
  const [notice, setNotice] = useState<string | null>(null);
  const zones = useMemo(() => timeZones(contact.time_zone), [contact.time_zone]);
  const browserZone = browserTimeZone();

  const save = (zone: string) => {
    setNotice(null);
    update.mutate(
      { time_zone: zone },
      { onSuccess: (saved) => setNotice(t('timeZone.saved', { zone: saved.time_zone })) },
    );
  };

  return (
    <div className="space-y-3">
      <Notice message={notice} />
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t('timeZone.label')} className="min-w-0 flex-1 basis-64">
          <Select
            value={contact.time_zone}
            disabled={update.isPending}
            onChange={(event) => save(event.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </Select>
        </Field>
        {browserZone && browserZone !== contact.time_zone ? (
          <Button variant="secondary" busy={update.isPending} onClick={() => save(browserZone)}>
            {t('timeZone.use', { zone: browserZone.replaceAll('_', ' ') })}
          </Button>
        ) : null}
      </div>
      <p className="text-xs text-slate-500">{t('timeZone.hint')}</p>
      {update.isError ? <ErrorMessage error={update.error} /> : null}
    </div>
  );
}

function ContactSkeleton() {
  const { t } = useTranslation('settings');
  return (
    <div role="status" aria-label={t('contact.loading')} className="motion-safe:animate-pulse space-y-4">
      <div className="h-4 w-32 rounded bg-slate-200" />
      <div className="h-10 rounded bg-slate-100" />
      <div className="h-5 w-48 rounded bg-slate-100" />
      <div className="h-4 w-24 rounded bg-slate-200" />
      <div className="h-10 rounded bg-slate-100" />
    </div>
  );
}

export function ContactSection() {
  const { t } = useTranslation('settings');
  const contact = useContact();
  return (
    <Section title={t('contact.title')} description={t('contact.description')}>
      {contact.isPending ? (
        <ContactSkeleton />
      ) : contact.isError ? (
        <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />
      ) : (
        <div className="space-y-6">
          <EmailForm contact={contact.data} />
          <TimeZoneForm contact={contact.data} />
        </div>
      )}
    </Section>
  );
}
