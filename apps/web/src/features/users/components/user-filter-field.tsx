// A list filter's "User": the admin types a username and the filter takes that user's id once the
// name matches one; a name that matches nobody says so instead of filtering on nothing. A parent
// that clears its filters gives it a new `key`, which clears the text too.
import { useState } from 'react';
import { UserPicker } from './user-picker.tsx';

interface UserFilterFieldProps {
  /** The picked user's id, as text ('' for anyone). */
  userId: string;
  onChange: (userId: string) => void;
}

export function UserFilterField({ userId, onChange }: UserFilterFieldProps) {
  const [username, setUsername] = useState('');
  const [unmatched, setUnmatched] = useState(false);

  return (
    <UserPicker
      label="User"
      placeholder="Any user"
      value={username}
      error={unmatched ? 'pick a user from the list' : undefined}
      onChange={(text, user) => {
        setUsername(text);
        setUnmatched(text.trim() !== '' && !user);
        const id = user ? String(user.id) : '';
        if (id !== userId && (user || !text.trim())) onChange(id);
      }}
    />
  );
}
