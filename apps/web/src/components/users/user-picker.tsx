// A username field that suggests users as the admin types (the browser's own list for an
// <input list>, so keyboard and screen reader support come with it).
import type { AdminUserSummary, Role } from '@webinar/contracts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, TextInput } from '../ui/field.tsx';
import { useUserSuggestions } from './search-users.ts';

const TYPING_PAUSE_MS = 200;
const NONE: AdminUserSummary[] = [];

interface UserPickerProps {
  label: string;
  value: string;
  /** The text, and the user it names exactly (any case) among the suggestions, if any. */
  onChange: (username: string, user: AdminUserSummary | null) => void;
  /** Suggest only users of this role. */
  ofRole?: Role;
  error?: string | undefined;
  placeholder?: string;
  required?: boolean;
  className?: string;
}

export function UserPicker({
  label,
  value,
  onChange,
  ofRole,
  error,
  placeholder,
  required,
  className,
}: UserPickerProps) {
  const { t } = useTranslation('users');
  const listId = useId();
  const [search, setSearch] = useState(value.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSearch(value.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  const suggestions = useUserSuggestions(search, ofRole).data?.results ?? NONE;
  const exact = (text: string) =>
    suggestions.find((user) => user.username.toLowerCase() === text.trim().toLowerCase()) ?? null;

  // A match that arrives after the text was typed still names the user.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only new suggestions matter here
  useEffect(() => {
    const user = exact(value);
    if (user) onChange(value, user);
  }, [suggestions]);

  return (
    <Field label={label} error={error} className={className}>
      <TextInput
        list={listId}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder ?? t('picker.placeholder')}
        required={required}
        value={value}
        onChange={(event) => onChange(event.target.value, exact(event.target.value))}
      />
      <datalist id={listId}>
        {suggestions.map((user) => (
          <option key={user.id} value={user.username}>
            {user.display_name}
          </option>
        ))}
      </datalist>
    </Field>
  );
}
