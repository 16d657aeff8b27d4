// /dashboard/deliveries/:id (admins): one delivery's facts, the message as sent (its HTML in a
// sandboxed frame, never in the page itself), its plain text and attachments, and "Retry".
import type { Delivery } from '@webinar/contracts';
import { Paperclip } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { BackLink } from '../../../components/ui/back-link.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { PageHeader, Section } from '../../../components/ui/section.tsx';
import { ErrorState } from '../../../components/ui/states.tsx';
import { useToast } from '../../../components/ui/toast.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useDelivery } from '../api/get-delivery.ts';
import { useDeliveryPreview } from '../api/get-delivery-preview.ts';
import { useRetryDelivery } from '../api/retry-delivery.ts';
import { TableSkeleton } from './deliveries-page.tsx';
import { deliveryKind, deliveryTitle } from './deliveries-table.tsx';
import { DeliveryStatusBadge } from './delivery-status-badge.tsx';

/** The statuses the API may queue again (it says why not for the others). */
const RETRYABLE = new Set<Delivery['status']>(['failed', 'retrying', 'skipped']);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function Facts({ delivery }: { delivery: Delivery }) {
  const retry = useRetryDelivery();
  const toast = useToast();
  return (
    <Section
      title="Delivery"
      actions={
        RETRYABLE.has(delivery.status) ? (
          <Button
            variant="secondary"
            size="sm"
            busy={retry.isPending}
            onClick={() =>
              retry.mutate(delivery.id, {
                onSuccess: () => toast.success('Queued again: it is due now.'),
                onError: toast.error,
              })
            }
          >
            Retry
          </Button>
        ) : null
      }
    >
      <div className="space-y-4">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="Status">
            <DeliveryStatusBadge status={delivery.status} />
          </Fact>
          <Fact label="Type">{deliveryKind(delivery)}</Fact>
          <Fact label="Channel">
            <span className="capitalize">{delivery.channel}</span>
          </Fact>
          <Fact label="User">
            {delivery.user.username} (id {delivery.user.id})
          </Fact>
          <Fact label="Address">
            <span className="break-all">{delivery.address ?? '—'}</span>
          </Fact>
          <Fact label="Attempts">{delivery.attempts}</Fact>
          <Fact label="Created">{formatDateTime(delivery.created_at)}</Fact>
          <Fact label="Due">{formatDateTime(delivery.due_at)}</Fact>
          <Fact label="Finished">{delivery.finished_at ? formatDateTime(delivery.finished_at) : '—'}</Fact>
          {delivery.digest_id !== null ? (
            <Fact label="Digest">
              Sent within{' '}
              <Link className="text-indigo-700 underline" to={`/dashboard/deliveries/${delivery.digest_id}`}>
                delivery {delivery.digest_id}
              </Link>
            </Fact>
          ) : null}
          <Fact label="Reason">{delivery.reason ?? '—'}</Fact>
        </dl>
      </div>
    </Section>
  );
}

function Message({ id }: { id: number }) {
  const preview = useDeliveryPreview(id);
  return (
    <Section title="Message" description="As it is (or was) sent, rendered again from the notification.">
      {preview.isPending ? (
        <TableSkeleton rows={6} />
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : preview.data.push_payload !== undefined ? (
        <div className="space-y-4">
          <dl className="grid gap-4 sm:grid-cols-3">
            <Fact label="Title">{preview.data.subject}</Fact>
            <Fact label="To">
              <span className="break-words">{preview.data.to ?? '—'}</span>
            </Fact>
          </dl>
          <div>
            <h3 className="text-sm font-medium text-slate-700">Push payload</h3>
            <pre className="mt-1 overflow-x-auto rounded-md px-3 py-2 text-xs whitespace-pre-wrap break-words text-slate-700 ring-1 ring-slate-200">
              {preview.data.text}
            </pre>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          <dl className="grid gap-4 sm:grid-cols-3">
            <Fact label="Subject">{preview.data.subject}</Fact>
            <Fact label="From">
              <span className="break-all">{preview.data.from}</span>
            </Fact>
            <Fact label="To">
              <span className="break-all">{preview.data.to ?? '—'}</span>
            </Fact>
          </dl>
          <iframe
            title="Email preview"
            sandbox=""
            srcDoc={preview.data.html}
            className="h-[36rem] w-full rounded-md bg-white ring-1 ring-slate-200"
          />
          <details className="rounded-md ring-1 ring-slate-200">
            <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600">
              Plain-text part
            </summary>
            <pre className="overflow-x-auto px-3 pb-3 text-xs whitespace-pre-wrap break-words text-slate-700">
              {preview.data.text}
            </pre>
          </details>
          <div>
            <h3 className="text-sm font-medium text-slate-700">Attachments</h3>
            {preview.data.attachments.length === 0 ? (
              <p className="text-sm text-slate-500">None</p>
            ) : (
              <ul className="mt-1 space-y-1">
                {preview.data.attachments.map((attachment) => (
                  <li key={attachment.filename} className="flex items-center gap-2 text-sm text-slate-700">
                    <Paperclip aria-hidden className="size-4 shrink-0 text-slate-400" />
                    <span className="break-all">{attachment.filename}</span>
                    <span className="text-xs text-slate-500">{attachment.content_type.split(';')[0]}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}

export function DeliveryDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const delivery = useDelivery(id);
  useDocumentTitle(delivery.data ? `Delivery ${id}` : 'Delivery');
  return (
    <div className="space-y-6">
      <BackLink to="/dashboard/deliveries">All deliveries</BackLink>
      <PageHeader title={delivery.data ? deliveryTitle(delivery.data) : `Delivery ${id}`} />
      {delivery.isPending ? (
        <TableSkeleton rows={4} />
      ) : delivery.isError ? (
        <ErrorState error={delivery.error} onRetry={() => void delivery.refetch()} />
      ) : (
        <>
          <Facts delivery={delivery.data} />
          <Message id={id} />
        </>
      )}
    </div>
  );
}
