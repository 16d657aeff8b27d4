// The filters of the delivery log: channel, status, type, user (by username) and creation dates; any change
// goes back to page 1.
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  type DeliveryChannel,
  type DeliveryQuery,
  type DeliveryStatus,
  isNotificationType,
} from '@webinar/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TypeOptions } from '../../../components/notification-type-options.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { DateRangeFields } from '../../../components/ui/date-range-fields.tsx';
import { Field, Select } from '../../../components/ui/field.tsx';
import { UserFilterField } from '../../../components/users/user-filter-field.tsx';

export interface DeliveryFilterValues {
  channel: string;
  status: string;
  type: string;
  user: string;
  from: string;
  to: string;
}

export const NO_DELIVERY_FILTERS: DeliveryFilterValues = {
  channel: '',
  status: '',
  type: '',
  user: '',
  from: '',
  to: '',
};

function isDeliveryChannel(value: string): value is DeliveryChannel {
  return (DELIVERY_CHANNELS as readonly string[]).includes(value);
}

function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/** The filters as the API's query: dates are whole local days, "To" included. */
export function toDeliveryQuery(filters: DeliveryFilterValues): DeliveryQuery {
  const user = Number(filters.user);
  const nextDay = (day: string) => {
    const date = new Date(`${day}T00:00`);
    date.setDate(date.getDate() + 1);
    return date.toISOString();
  };
  return {
    ...(isDeliveryChannel(filters.channel) ? { channel: filters.channel } : {}),
    ...(isDeliveryStatus(filters.status) ? { status: filters.status } : {}),
    ...(isNotificationType(filters.type) ? { notification_type: filters.type } : {}),
    ...(filters.user.trim() && Number.isInteger(user) && user > 0 ? { user } : {}),
    ...(filters.from ? { created_after: new Date(`${filters.from}T00:00`).toISOString() } : {}),
    ...(filters.to ? { created_before: nextDay(filters.to) } : {}),
  };
}

interface DeliveryFiltersProps {
  value: DeliveryFilterValues;
  onChange: (value: DeliveryFilterValues) => void;
}

export function DeliveryFilters({ value, onChange }: DeliveryFiltersProps) {
  const { t } = useTranslation(['deliveries', 'common']);
  const [resets, setResets] = useState(0);
  const set = (key: keyof DeliveryFilterValues) => (event: { target: { value: string } }) =>
    onChange({ ...value, [key]: event.target.value });
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-7">
      <Field label={t('column.channel')}>
        <Select value={value.channel} onChange={set('channel')}>
          <option value="">{t('filters.anyChannel')}</option>
          {DELIVERY_CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`common:channel.${channel}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('column.status')}>
        <Select value={value.status} onChange={set('status')}>
          <option value="">{t('filters.anyStatus')}</option>
          {DELIVERY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('column.type')}>
        <Select value={value.type} onChange={set('type')}>
          <option value="">{t('common:filters.anyType')}</option>
          <TypeOptions />
        </Select>
      </Field>
      <UserFilterField key={resets} userId={value.user} onChange={(user) => onChange({ ...value, user })} />
      <DateRangeFields
        from={value.from}
        to={value.to}
        onChange={(range) => onChange({ ...value, ...range })}
      />
      <div className="flex items-end">
        <Button
          variant="ghost"
          className="w-full"
          onClick={() => {
            setResets((n) => n + 1);
            onChange(NO_DELIVERY_FILTERS);
          }}
        >
          {t('common:filters.clear')}
        </Button>
      </div>
    </div>
  );
}
