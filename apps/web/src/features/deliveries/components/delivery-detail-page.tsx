// /dashboard/deliveries/:id (admins): one delivery's facts, the message as sent (its HTML in a
// sandboxed frame, never in the page itself), its plain text and attachments, and "Retry".
import type { Delivery } from '@webinar/contracts';
import { Paperclip } from 'lucide-react';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation(['deliveries', 'common']);
  const retry = useRetryDelivery();
  const toast = useToast();
  return (
    <Section
      title={t('detail.title')}
      actions={
        RETRYABLE.has(delivery.status) ? (
          <Button
            variant="secondary"
            size="sm"
            busy={retry.isPending}
            onClick={() =>
              retry.mutate(delivery.id, {
                onSuccess: () => toast.success(t('detail.queuedAgain')),
                onError: toast.error,
              })
            }
          >
            {t('detail.retry')}
          </Button>
        ) : null
      }
    >
      <div className="space-y-4">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact label={t('column.status')}>
            <DeliveryStatusBadge status={delivery.status} />
          </Fact>
          <Fact label={t('column.type')}>{deliveryKind(delivery)}</Fact>
          <Fact label={t('column.channel')}>{t(`common:channel.${delivery.channel}`)}</Fact>
          <Fact label={t('column.user')}>
            {t('detail.user', { user: delivery.user.username, id: delivery.user.id })}
          </Fact>
          <Fact label={t('detail.address')}>
            <span className="break-all">{delivery.address ?? '—'}</span>
          </Fact>
          <Fact label={t('column.attempts')}>{delivery.attempts}</Fact>
          <Fact label={t('detail.created')}>{formatDateTime(delivery.created_at)}</Fact>
          <Fact label={t('detail.due')}>{formatDateTime(delivery.due_at)}</Fact>
          <Fact label={t('detail.finished')}>
            {delivery.finished_at ? formatDateTime(delivery.finished_at) : '—'}
          </Fact>
          {delivery.digest_id !== null ? (
            <Fact label={t('detail.digest')}>
              <Trans
                t={t}
                i18nKey="detail.sentWithin"
                values={{ id: delivery.digest_id }}
                components={{
                  digest: (
                    <Link
                      className="text-indigo-700 underline"
                      to={`/dashboard/deliveries/${delivery.digest_id}`}
                    />
                  ),
                }}
              />
            </Fact>
          ) : null}
          <Fact label={t('column.reason')}>{delivery.reason ?? '—'}</Fact>
        </dl>
      </div>
    </Section>
  );
}

function Message({ id }: { id: number }) {
  const { t } = useTranslation(['deliveries', 'common']);
  const preview = useDeliveryPreview(id);
  return (
    <Section title={t('message.title')} description={t('message.description')}>
      {preview.isPending ? (
        <TableSkeleton rows={6} />
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : preview.data.push_payload !== undefined ? (
        <div className="space-y-4">
          <dl className="grid gap-4 sm:grid-cols-3">
            <Fact label={t('column.title')}>{preview.data.subject}</Fact>
            <Fact label={t('message.to')}>
              <span className="break-words">{preview.data.to ?? '—'}</span>
            </Fact>
          </dl>
          <div>
            <h3 className="text-sm font-medium text-slate-700">{t('message.pushPayload')}</h3>
            <pre className="mt-1 overflow-x-auto rounded-md px-3 py-2 text-xs whitespace-pre-wrap break-words text-slate-700 ring-1 ring-slate-200">
              {preview.data.text}
            </pre>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          <dl className="grid gap-4 sm:grid-cols-3">
            <Fact label={t('message.subject')}>{preview.data.subject}</Fact>
            <Fact label={t('message.from')}>
              <span className="break-all">{preview.data.from}</span>
            </Fact>
            <Fact label={t('message.to')}>
              <span className="break-all">{preview.data.to ?? '—'}</span>
            </Fact>
          </dl>
          <iframe
            title={t('message.preview')}
            sandbox=""
            srcDoc={preview.data.html}
            className="h-[36rem] w-full rounded-md bg-white ring-1 ring-slate-200"
          />
          <details className="rounded-md ring-1 ring-slate-200">
            <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600">
              {t('message.plainText')}
            </summary>
            <pre className="overflow-x-auto px-3 pb-3 text-xs whitespace-pre-wrap break-words text-slate-700">
              {preview.data.text}
            </pre>
          </details>
          <div>
            <h3 className="text-sm font-medium text-slate-700">{t('message.attachments')}</h3>
            {preview.data.attachments.length === 0 ? (
              <p className="text-sm text-slate-500">{t('message.noAttachments')}</p>
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
  const { t } = useTranslation('deliveries');
  const delivery = useDelivery(id);
  useDocumentTitle(delivery.data ? t('detail.numbered', { id }) : t('detail.title'));
  return (
    <div className="space-y-6">
      <BackLink to="/dashboard/deliveries">{t('detail.back')}</BackLink>
      <PageHeader title={delivery.data ? deliveryTitle(delivery.data) : t('detail.numbered', { id })} />
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
