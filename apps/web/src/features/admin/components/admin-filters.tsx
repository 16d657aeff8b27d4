// The filters of the admin table. Search applies as the admin types (after a short pause), the
// others at once; any change goes back to page 1.

import type { AdminNotificationQuery } from '@webinar/contracts';
import { isNotificationType } from '@webinar/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TypeOptions } from '../../../components/notification-type-options.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { DateRangeFields } from '../../../components/ui/date-range-fields.tsx';
import { Field, Select, TextInput } from '../../../components/ui/field.tsx';
import { UserFilterField } from '../../../components/users/user-filter-field.tsx';

export interface AdminFilterValues {
  search: string;
  type: string;
  read: '' | 'read' | 'unread';
  /** The picked user's id, as text ('' for anyone). */
  user: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AdminFilterValues = { search: '', type: '', read: '', user: '', from: '', to: '' };

const SEARCH_DELAY_MS = 300;

/** The filters as the API's query: dates are whole local days, "To" included. */
export function toAdminQuery(filters: AdminFilterValues): AdminNotificationQuery {
  const user = Number(filters.user);
  const nextDay = (day: string) => {
    const date = new Date(`${day}T00:00`);
    date.setDate(date.getDate() + 1);
    return date.toISOString();
  };
  return {
    ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
    ...(isNotificationType(filters.type) ? { notification_type: filters.type } : {}),
    ...(filters.read ? { is_read: filters.read === 'read' } : {}),
    ...(Number.isInteger(user) && user > 0 ? { user } : {}),
    ...(filters.from ? { created_after: new Date(`${filters.from}T00:00`).toISOString() } : {}),
    ...(filters.to ? { created_before: nextDay(filters.to) } : {}),
  };
}

interface AdminFiltersProps {
  value: AdminFilterValues;
  onChange: (value: AdminFilterValues) => void;
}

export function AdminFilters({ value, onChange }: AdminFiltersProps) {
  const { t } = useTranslation(['admin', 'common']);
  const [search, setSearch] = useState(value.search);
  const [resets, setResets] = useState(0);
  useEffect(() => {
    if (search === value.search) return;
    const timer = setTimeout(() => onChange({ ...value, search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, value, onChange]);

  const set = (key: Exclude<keyof AdminFilterValues, 'search'>) => (event: { target: { value: string } }) =>
    onChange({ ...value, [key]: event.target.value });

  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Field label={t('filters.search')} className="sm:col-span-2">
        <TextInput
          type="search"
          placeholder={t('filters.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </Field>
      <Field label={t('common:filters.type')}>
        <Select value={value.type} onChange={set('type')}>
          <option value="">{t('common:filters.anyType')}</option>
          <TypeOptions />
        </Select>
      </Field>
      <Field label={t('filters.readStatus')}>
        <Select value={value.read} onChange={set('read')}>
          <option value="">{t('filters.any')}</option>
          <option value="read">{t('read')}</option>
          <option value="unread">{t('unread')}</option>
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
            setSearch('');
            setResets((n) => n + 1);
            onChange(NO_FILTERS);
          }}
        >
          {t('common:filters.clear')}
        </Button>
      </div>
    </div>
  );
}
