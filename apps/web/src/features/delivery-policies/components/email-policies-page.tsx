// /dashboard/email-policies (admins): when each notification type is emailed by default. One row
// per type, saved on its own with its own feedback. Users' own choices still win.
import {
  DELIVERY_TIMINGS,
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
      <form onSubmit={save} aria-label={`Email policy for ${label}`} className="space-y-2">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 basis-48">
            <h3 className="font-medium text-slate-900">{label}</h3>
            <p className="text-xs text-slate-500">
              Now: {describeTiming(policy.timing, policy.delay_minutes)}
            </p>
          </div>
          <Field label="Timing" className="w-44">
            <Select
              aria-label={`Timing for ${label}`}
              value={timing}
              onChange={(event) => {
                update.reset();
                if (isTiming(event.target.value)) setTiming(event.target.value);
              }}
            >
              {DELIVERY_TIMINGS.map((value) => (
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
                aria-label={`${timing === 'digest' ? 'Window' : 'Delay'} (minutes) for ${label}`}
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
      aria-label="Loading email policies"
      className="animate-pulse space-y-3 px-4 pb-4 sm:px-6"
    >
      {Array.from({ length: 7 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
        <div key={index} className="h-14 rounded bg-slate-100" />
      ))}
    </div>
  );
}

export function EmailPoliciesPage() {
  useDocumentTitle('Email policies');
  const policies = useDeliveryPolicies();
  const email = policies.data?.results.filter((policy) => policy.channel === 'email') ?? [];
  return (
    <div className="space-y-6">
      <BackLink to="/dashboard">Dashboard</BackLink>
      <PageHeader title="Email policies" />
      <Section
        title="When each type is emailed"
        description="The default for everyone; a user's own choice in their settings still wins."
        flush
      >
        {policies.isPending ? (
          <PoliciesSkeleton />
        ) : policies.isError ? (
          <div className="px-4 sm:px-6">
            <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />
          </div>
        ) : (
          <ul className="divide-y divide-slate-100 border-t border-slate-100">
            {email.map((policy) => (
              <PolicyRow key={`${policy.notification_type}-${policy.channel}`} policy={policy} />
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
