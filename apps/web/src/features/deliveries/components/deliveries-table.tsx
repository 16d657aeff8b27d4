// The delivery log's rows: a table on wider screens, a list on a phone (no sideways scroll).
import type { Delivery } from '@webinar/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import { i18n } from '../../../lib/i18n.ts';
import { DeliveryStatusBadge } from './delivery-status-badge.tsx';

const HEAD = 'px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase';
const LINK =
  'rounded font-medium text-indigo-700 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

/** What the delivery is about: its type, or what else it carries. */
export function deliveryKind(delivery: Delivery): string {
  if (delivery.notification_type) return i18n.t(`notificationType.${delivery.notification_type}`);
  return i18n.t(
    delivery.purpose === 'email_verification' ? 'deliveries:kind.verification' : 'deliveries:kind.test',
  );
}

export function deliveryTitle(delivery: Delivery): string {
  if (delivery.title !== null) return delivery.title;
  if (delivery.purpose === 'email_verification')
    return delivery.address
      ? i18n.t('deliveries:name.verify', { address: delivery.address })
      : i18n.t('deliveries:name.verifyNewAddress');
  if (delivery.purpose === 'test') return i18n.t('deliveries:kind.test');
  return i18n.t('deliveries:name.deleted');
}

export function DeliveriesTable({ rows }: { rows: Delivery[] }) {
  const { t } = useTranslation(['deliveries', 'common']);
  return (
    <>
      <ul aria-label={t('title')} className="divide-y divide-slate-100 border-t border-slate-100 sm:hidden">
        {rows.map((row) => (
          <li key={row.id} className="space-y-1 px-4 py-3 text-sm">
            <div className="flex items-start justify-between gap-3">
              <Link to={`/dashboard/deliveries/${row.id}`} className={`${LINK} min-w-0 break-words`}>
                {deliveryTitle(row)}
              </Link>
              <DeliveryStatusBadge status={row.status} />
            </div>
            <p className="text-xs text-slate-500">
              {t('row.summary', {
                kind: deliveryKind(row),
                user: row.user.username,
                id: row.user.id,
                time: formatDateTime(row.created_at),
                count: row.attempts,
              })}
            </p>
            {row.reason ? <p className="text-xs break-words text-slate-600">{row.reason}</p> : null}
          </li>
        ))}
      </ul>
      <div className="hidden sm:block">
        <table className="w-full table-fixed divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={`${HEAD} w-40`}>
                {t('column.time')}
              </th>
              <th scope="col" className={`${HEAD} w-28`}>
                {t('column.user')}
              </th>
              <th scope="col" className={`${HEAD} w-36`}>
                {t('column.type')}
              </th>
              <th scope="col" className={HEAD}>
                {t('column.title')}
              </th>
              <th scope="col" className={`${HEAD} hidden w-20 lg:table-cell`}>
                {t('column.channel')}
              </th>
              <th scope="col" className={`${HEAD} w-24`}>
                {t('column.status')}
              </th>
              <th scope="col" className={`${HEAD} hidden w-20 lg:table-cell`}>
                {t('column.attempts')}
              </th>
              <th scope="col" className={`${HEAD} hidden md:table-cell`}>
                {t('column.reason')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {rows.map((row) => (
              <tr key={row.id} className="align-top hover:bg-slate-50">
                <td className="px-4 py-3 text-slate-700">{formatDateTime(row.created_at)}</td>
                <td className="px-4 py-3">
                  <span className="block truncate font-medium text-slate-900">{row.user.username}</span>
                  <span className="block text-xs text-slate-500">{t('userId', { id: row.user.id })}</span>
                </td>
                <td className="px-4 py-3 break-words text-slate-700">{deliveryKind(row)}</td>
                <td className="px-4 py-3">
                  <Link to={`/dashboard/deliveries/${row.id}`} className={`${LINK} line-clamp-2 break-words`}>
                    {deliveryTitle(row)}
                  </Link>
                </td>
                <td className="hidden px-4 py-3 text-slate-700 lg:table-cell">
                  {t(`common:channel.${row.channel}`)}
                </td>
                <td className="px-4 py-3">
                  <DeliveryStatusBadge status={row.status} />
                </td>
                <td className="hidden px-4 py-3 text-slate-700 lg:table-cell">{row.attempts}</td>
                <td className="hidden px-4 py-3 text-xs break-words text-slate-600 md:table-cell">
                  {row.reason ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
