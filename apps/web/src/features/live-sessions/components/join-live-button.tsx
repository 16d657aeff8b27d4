import { Check, Radio } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { useJoinLiveSession } from '../api/join-live-session.ts';

interface JoinLiveButtonProps {
  webinarId: number;
  label: string;
  /** After the server has counted the user in. */
  onJoined: (joinedAt: string) => void;
}

export function JoinLiveButton({ webinarId, label, onJoined }: JoinLiveButtonProps) {
  const { t } = useTranslation('live-sessions');
  const join = useJoinLiveSession();
  // Once in, the button has done its job: it says so instead of inviting a second join.
  if (join.isSuccess) {
    return (
      <span className="inline-flex h-8 items-center gap-1.5 rounded-md bg-green-50 px-3 text-sm font-medium text-green-800 ring-1 ring-green-200 ring-inset">
        <Check aria-hidden className="size-4" />
        {t('joined')}
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col items-end gap-2">
      <Button
        size="sm"
        busy={join.isPending}
        onClick={() => join.mutate(webinarId, { onSuccess: ({ joined_at }) => onJoined(joined_at) })}
        className="bg-red-600 hover:bg-red-500"
      >
        <Radio aria-hidden className="size-4" />
        {label}
      </Button>
      {join.isError ? <ErrorMessage error={join.error} /> : null}
    </span>
  );
}
