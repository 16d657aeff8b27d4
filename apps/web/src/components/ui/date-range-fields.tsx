// "From" and "To" days of a list's filters. "From" after "To" matches nothing, so the fields (and
// the list, through dateRangeError) say so instead of showing an empty table.
import { Field, TextInput } from './field.tsx';

export function dateRangeError(range: { from: string; to: string }): string | null {
  return range.from && range.to && range.from > range.to ? 'must not be after “To”' : null;
}

interface DateRangeFieldsProps {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
}

export function DateRangeFields({ from, to, onChange }: DateRangeFieldsProps) {
  return (
    <>
      <Field label="From" error={dateRangeError({ from, to }) ?? undefined}>
        <TextInput
          type="date"
          value={from}
          onChange={(event) => onChange({ from: event.target.value, to })}
        />
      </Field>
      <Field label="To">
        <TextInput type="date" value={to} onChange={(event) => onChange({ from, to: event.target.value })} />
      </Field>
    </>
  );
}
