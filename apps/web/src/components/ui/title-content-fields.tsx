import { useTranslation } from 'react-i18next';
import { Field, TextArea, TextInput } from './field.tsx';

interface TitleContentFieldsProps {
  title: string;
  content: string;
  onTitleChange: (title: string) => void;
  onContentChange: (content: string) => void;
  /** Field errors from the API (`fields.title`, `fields.content`). */
  errors?: Record<string, string> | undefined;
}

/**
 * The "Title" and "Content" pair that announcements and notifications share, with the server's
 * limits (200 and 10,000 characters) so the browser stops what the API would refuse.
 */
export function TitleContentFields({
  title,
  content,
  onTitleChange,
  onContentChange,
  errors,
}: TitleContentFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('fields.title')} error={errors?.title}>
        <TextInput
          required
          maxLength={200}
          value={title}
          onChange={(event) => onTitleChange(event.target.value)}
        />
      </Field>
      <Field label={t('fields.content')} error={errors?.content}>
        <TextArea
          required
          rows={3}
          maxLength={10000}
          value={content}
          onChange={(event) => onContentChange(event.target.value)}
        />
      </Field>
    </>
  );
}
