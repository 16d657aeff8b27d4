// "From" and "To" days of a list's filters. "From" after "To" matches nothing, so the fields (and
// the list, through dateRangeError) say so instead of showing an empty table.
import { useTranslation } from 'react-i18next';
import { i18n } from '../../lib/i18n.ts';
import { Field, TextInput } from './field.tsx';

export function dateRangeError(range: { from: string; to: string }): string | null {
  return range.from && range.to && range.from > range.to ? i18n.t('dateRange.fromAfterTo') : null;
}

interface DateRangeFieldsProps {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}

export function DateRangeFields({ from, to, onChange }: DateRangeFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('dateRange.from')} error={dateRangeError({ from, to }) ?? undefined}>
        <TextInput
          type="date"
          value={from}
          onChange={(event) => onChange({ from: event.target.value, to })}
        />
      </Field>
      <Field label={t('dateRange.to')}>
        <TextInput type="date" value={to} onChange={(event) => onChange({ from, to: event.target.value })} />
      </Field>
    </>
  );
}
