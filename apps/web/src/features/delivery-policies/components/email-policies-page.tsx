// /dashboard/email-policies (admins): when each notification type is emailed and pushed by
// default. One row per type and channel, saved on its own with its own feedback. Users' own
// choices still win. Push has no digest: it carries one notification at a time.
import {
  CHANNEL_LABELS,
  DELIVERY_TIMINGS,
  type DeliveryChannel,
  type DeliveryPolicy,
  type DeliveryTiming,
  MAX_DELAY_MINUTES,
  NOTIFICATION_TYPE_LABELS,
} from '@webinar/contracts';
import { type FormEvent, useState } from 'react';
import { BackLink } from '../../../components/ui/back-link.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Field, Select, TextInput } from '../../../components/ui/field.tsx';
import { PageHeader, Section } from '../../../components/ui/section.tsx';
import { ErrorMessage, ErrorState } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useDeliveryPolicies } from '../api/get-delivery-policies.ts';
import { useUpdateDeliveryPolicy } from '../api/update-delivery-policy.ts';
import { describeTiming, TIMING_LABELS, timingHasDelay } from '../describe-timing.ts';

function isTiming(value: string): value is DeliveryTiming {
  return (DELIVERY_TIMINGS as readonly string[]).includes(value);
}

const TIMINGS_BY_CHANNEL: Record<DeliveryChannel, readonly DeliveryTiming[]> = {
  email: DELIVERY_TIMINGS,
  push: DELIVERY_TIMINGS.filter((timing) => timing !== 'digest'),
};

function PolicyRow({ policy }: { policy: DeliveryPolicy }) {
  const update = useUpdateDeliveryPolicy();
  const toast = useToast();
  const [timing, setTiming] = useState<DeliveryTiming>(policy.timing);
  const [delay, setDelay] = useState(String(policy.delay_minutes || 15));
  const label = NOTIFICATION_TYPE_LABELS[policy.notification_type];
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
          toast.success(`${label} saved: ${describeTiming(saved.timing, saved.delay_minutes)}`),
      },
    );
  };

  return (
    <li className="px-4 py-4 sm:px-6">
      <form
        onSubmit={save}
        aria-label={`${CHANNEL_LABELS[policy.channel]} policy for ${label}`}
        className="space-y-2"
      >
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 basis-48">
            <h3 className="font-medium text-slate-900">{label}</h3>
            <p className="text-xs text-slate-500">
              Now: {describeTiming(policy.timing, policy.delay_minutes)}
            </p>
          </div>
          <Field label="Timing" className="w-44">
            <Select
              aria-label={`${CHANNEL_LABELS[policy.channel]} timing for ${label}`}
              value={timing}
              onChange={(event) => {
                update.reset();
                if (isTiming(event.target.value)) setTiming(event.target.value);
              }}
            >
              {TIMINGS_BY_CHANNEL[policy.channel].map((value) => (
                <option key={value} value={value}>
                  {TIMING_LABELS[value]}
                </option>
              ))}
            </Select>
          </Field>
          {hasDelay ? (
            <Field
              label={timing === 'digest' ? 'Window (minutes)' : 'Delay (minutes)'}
              error={delayError}
              className="w-36"
            >
              <TextInput
                aria-label={`${CHANNEL_LABELS[policy.channel]} ${timing === 'digest' ? 'window' : 'delay'} (minutes) for ${label}`}
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
            Save
          </Button>
        </div>
        {update.isError && !delayError ? <ErrorMessage error={update.error} /> : null}
      </form>
    </li>
  );
}

function PoliciesSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading delivery policies"
      className="animate-pulse space-y-3 px-4 pb-4 sm:px-6"
    >
      {Array.from({ length: 7 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
        <div key={index} className="h-14 rounded bg-slate-100" />
      ))}
    </div>
  );
}

const SECTIONS: ReadonlyArray<{ channel: DeliveryChannel; title: string; description: string }> = [
  {
    channel: 'email',
    title: 'When each type is emailed',
    description: "The default for everyone; a user's own choice in their settings still wins.",
  },
  {
    channel: 'push',
    title: 'When each type is pushed',
    description:
      "To the browsers each user turned push on in; one notification at a time, so no digest. A user's own choice still wins.",
  },
];

export function EmailPoliciesPage() {
  useDocumentTitle('Delivery policies');
  const policies = useDeliveryPolicies();
  return (
    <div className="space-y-6">
      <BackLink to="/dashboard">Dashboard</BackLink>
      <PageHeader title="Delivery policies" />
      {SECTIONS.map((section) => (
        <PolicySection key={section.channel} {...section} policies={policies} />
      ))}
    </div>
  );
}

function PolicySection({
  channel,
  title,
  description,
  policies,
}: {
  channel: DeliveryChannel;
  title: string;
  description: string;
  policies: ReturnType<typeof useDeliveryPolicies>;
}) {
  const rows = policies.data?.results.filter((policy) => policy.channel === channel) ?? [];
  return (
    <Section title={title} description={description} flush>
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
