// /dashboard/email-policies (admins): when each notification type is emailed and pushed by
// default. One row per type and channel, saved on its own with its own feedback. Users' own
// choices still win. Push has no digest: it carries one notification at a time.
import {
  DELIVERY_TIMINGS,
  type DeliveryChannel,
  type DeliveryPolicy,
  type DeliveryTiming,
  MAX_DELAY_MINUTES,
} from '@webinar/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../../components/ui/back-link.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Field, Select, TextInput } from '../../../components/ui/field.tsx';
import { PageHeader, Section } from '../../../components/ui/section.tsx';
import { ErrorMessage, ErrorState } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { describeTiming, timingHasDelay, timingLabel } from '../../../lib/describe-timing.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useDeliveryPolicies } from '../api/get-delivery-policies.ts';
import { useUpdateDeliveryPolicy } from '../api/update-delivery-policy.ts';

function isTiming(value: string): value is DeliveryTiming {
  return (DELIVERY_TIMINGS as readonly string[]).includes(value);
}

const TIMINGS_BY_CHANNEL: Record<DeliveryChannel, readonly DeliveryTiming[]> = {
  email: DELIVERY_TIMINGS,
  push: DELIVERY_TIMINGS.filter((timing) => timing !== 'digest'),
};

function PolicyRow({ policy }: { policy: DeliveryPolicy }) {
  const { t } = useTranslation(['delivery-policies', 'common']);
  const update = useUpdateDeliveryPolicy();
  const toast = useToast();
  const [timing, setTiming] = useState<DeliveryTiming>(policy.timing);
  const [delay, setDelay] = useState(String(policy.delay_minutes || 15));
  const label = t(`common:notificationType.${policy.notification_type}`);
  const names = { channel: t(`common:channel.${policy.channel}`), type: label };
  const hasDelay = timingHasDelay(timing);
  const changed = timing !== policy.timing || (hasDelay && Number(delay) !== policy.delay_minutes);
  const delayError =
    update.error instanceof ApiError ? (update.error.fields.delay_minutes ?? undefined) : undefined;

  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        type: policy.notification_type,
        channel: policy.channel,
        update: hasDelay ? { timing, delay_minutes: Number(delay) } : { timing },
      },
      {
        onSuccess: (saved) =>
          toast.success(
            t('row.saved', { type: label, timing: describeTiming(saved.timing, saved.delay_minutes) }),
          ),
      },
    );
  };

  return (
    <li className="px-4 py-4 sm:px-6">
      <form onSubmit={save} aria-label={t('row.form', names)} className="space-y-2">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 basis-48">
            <h3 className="font-medium text-slate-900">{label}</h3>
            <p className="text-xs text-slate-500">
              {t('row.now', { timing: describeTiming(policy.timing, policy.delay_minutes) })}
            </p>
          </div>
          <Field label={t('row.timing')} className="w-44">
            <Select
              aria-label={t('row.timingFor', names)}
              value={timing}
              onChange={(event) => {
                update.reset();
                if (isTiming(event.target.value)) setTiming(event.target.value);
              }}
            >
              {TIMINGS_BY_CHANNEL[policy.channel].map((value) => (
                <option key={value} value={value}>
                  {timingLabel(value)}
                </option>
              ))}
            </Select>
          </Field>
          {hasDelay ? (
            <Field
              label={t(timing === 'digest' ? 'row.window' : 'row.delay')}
              error={delayError}
              className="w-36"
            >
              <TextInput
                aria-label={t(timing === 'digest' ? 'row.windowFor' : 'row.delayFor', names)}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_DELAY_MINUTES}
                required
                value={delay}
                onChange={(event) => {
                  update.reset();
                  setDelay(event.target.value);
                }}
              />
            </Field>
          ) : null}
          <Button type="submit" disabled={!changed} busy={update.isPending}>
            {t('common:save')}
          </Button>
        </div>
        {update.isError && !delayError ? <ErrorMessage error={update.error} /> : null}
      </form>
    </li>
  );
}

function PoliciesSkeleton() {
  const { t } = useTranslation('delivery-policies');
  return (
    <div
      role="status"
      aria-label={t('loading')}
      className="motion-safe:animate-pulse space-y-3 px-4 pb-4 sm:px-6"
    >
      {Array.from({ length: 7 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
        <div key={index} className="h-14 rounded bg-slate-100" />
      ))}
    </div>
  );
}

const CHANNELS: readonly DeliveryChannel[] = ['email', 'push'];

export function EmailPoliciesPage() {
  const { t } = useTranslation(['delivery-policies', 'app']);
  useDocumentTitle(t('title'));
  const policies = useDeliveryPolicies();
  return (
    <div className="space-y-6">
      <BackLink to="/dashboard">{t('app:dashboard.title')}</BackLink>
      <PageHeader title={t('title')} />
      {CHANNELS.map((channel) => (
        <PolicySection key={channel} channel={channel} policies={policies} />
      ))}
    </div>
  );
}

function PolicySection({
  channel,
  policies,
}: {
  channel: DeliveryChannel;
  policies: ReturnType<typeof useDeliveryPolicies>;
}) {
  const { t } = useTranslation('delivery-policies');
  const rows = policies.data?.results.filter((policy) => policy.channel === channel) ?? [];
  return (
    <Section title={t(`section.${channel}.title`)} description={t(`section.${channel}.description`)} flush>
      {policies.isPending ? (
        <PoliciesSkeleton />
      ) : policies.isError ? (
        <div className="px-4 sm:px-6">
          <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />
        </div>
      ) : (
        <ul className="divide-y divide-slate-100 border-t border-slate-100">
          {rows.map((policy) => (
            <PolicyRow key={`${policy.notification_type}-${policy.channel}`} policy={policy} />
          ))}
        </ul>
      )}
    </Section>
  );
}
