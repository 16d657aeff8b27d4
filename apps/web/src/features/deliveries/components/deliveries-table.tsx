// The delivery log's rows: a table on wider screens, a list on a phone (no sideways scroll).
import { type Delivery, NOTIFICATION_TYPE_LABELS } from '@webinar/contracts';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import { DeliveryStatusBadge } from './delivery-status-badge.tsx';

const HEAD = 'px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase';
const LINK =
  'rounded font-medium text-indigo-700 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

/** What the delivery is about: its type, or what else it carries. */
export function deliveryKind(delivery: Delivery): string {
  if (delivery.notification_type) return NOTIFICATION_TYPE_LABELS[delivery.notification_type];
  return delivery.purpose === 'email_verification' ? 'Email verification' : 'Test email';
}

export function deliveryTitle(delivery: Delivery): string {
  if (delivery.title !== null) return delivery.title;
  if (delivery.purpose === 'email_verification')
    return delivery.address ? `Verify ${delivery.address}` : 'Verify the new address';
  if (delivery.purpose === 'test') return 'Test email';
  return '(notification deleted)';
}

export function DeliveriesTable({ rows }: { rows: Delivery[] }) {
  return (
    <>
      <ul aria-label="Deliveries" className="divide-y divide-slate-100 border-t border-slate-100 sm:hidden">
        {rows.map((row) => (
          <li key={row.id} className="space-y-1 px-4 py-3 text-sm">
            <div className="flex items-start justify-between gap-3">
              <Link to={`/dashboard/deliveries/${row.id}`} className={`${LINK} min-w-0 break-words`}>
                {deliveryTitle(row)}
              </Link>
              <DeliveryStatusBadge status={row.status} />
            </div>
            <p className="text-xs text-slate-500">
              {deliveryKind(row)} · {row.user.username} (id {row.user.id}) · {formatDateTime(row.created_at)}{' '}
              · {row.attempts} {row.attempts === 1 ? 'attempt' : 'attempts'}
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
                Time
              </th>
              <th scope="col" className={`${HEAD} w-28`}>
                User
              </th>
              <th scope="col" className={`${HEAD} w-36`}>
                Type
              </th>
              <th scope="col" className={HEAD}>
                Title
              </th>
              <th scope="col" className={`${HEAD} hidden w-20 lg:table-cell`}>
                Channel
              </th>
              <th scope="col" className={`${HEAD} w-24`}>
                Status
              </th>
              <th scope="col" className={`${HEAD} hidden w-20 lg:table-cell`}>
                Attempts
              </th>
              <th scope="col" className={`${HEAD} hidden md:table-cell`}>
                Reason
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {rows.map((row) => (
              <tr key={row.id} className="align-top hover:bg-slate-50">
                <td className="px-4 py-3 text-slate-700">{formatDateTime(row.created_at)}</td>
                <td className="px-4 py-3">
                  <span className="block truncate font-medium text-slate-900">{row.user.username}</span>
                  <span className="block text-xs text-slate-500">id {row.user.id}</span>
                </td>
                <td className="px-4 py-3 break-words text-slate-700">{deliveryKind(row)}</td>
                <td className="px-4 py-3">
                  <Link to={`/dashboard/deliveries/${row.id}`} className={`${LINK} line-clamp-2 break-words`}>
                    {deliveryTitle(row)}
                  </Link>
                </td>
                <td className="hidden px-4 py-3 text-slate-700 capitalize lg:table-cell">{row.channel}</td>
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
