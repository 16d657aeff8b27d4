// A list filter's "User": the admin types a username and the filter takes that user's id once the
// name matches one; a name that matches nobody says so instead of filtering on nothing. A parent
// that clears its filters gives it a new `key`, which clears the text too.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserPicker } from './user-picker.tsx';

interface UserFilterFieldProps {
  /** The picked user's id, as text ('' for anyone). */
  userId: string;
  onChange: (userId: string) => void;
}

export function UserFilterField({ userId, onChange }: UserFilterFieldProps) {
  const { t } = useTranslation('users');
  const [username, setUsername] = useState('');
  const [unmatched, setUnmatched] = useState(false);

  return (
    <UserPicker
      label={t('filter.label')}
      placeholder={t('filter.anyUser')}
      value={username}
      error={unmatched ? t('filter.unmatched') : undefined}
      onChange={(text, user) => {
        setUsername(text);
        setUnmatched(text.trim() !== '' && !user);
        const id = user ? String(user.id) : '';
        if (id !== userId && (user || !text.trim())) onChange(id);
      }}
    />
  );
}
