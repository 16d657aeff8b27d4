// The Edit and Delete buttons at the end of a row the admin manages (an announcement, a
// notification in the admin table): the same look everywhere, Delete in red.
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
  return (
    <div className={cn('flex gap-1', className)}>
      <Button variant="secondary" size="sm" onClick={onEdit}>
        Edit
      </Button>
      <Button variant="ghostDanger" size="sm" onClick={onDelete}>
        Delete
      </Button>
    </div>
  );
}
