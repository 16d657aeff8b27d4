// The Edit and Delete buttons at the end of a row the admin manages (an announcement, a
// notification in the admin table): the same look everywhere, Delete in red.
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';
import { Button } from './button.tsx';

export function EditDeleteButtons({
  onEdit,
  onDelete,
  className,
}: {
  onEdit: () => void;
  onDelete: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={cn('flex gap-1', className)}>
      <Button variant="secondary" size="sm" onClick={onEdit}>
        {t('edit')}
      </Button>
      <Button variant="ghostDanger" size="sm" onClick={onDelete}>
        {t('delete')}
      </Button>
    </div>
  );
}
