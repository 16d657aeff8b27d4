import {
  createContext,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useContext,
  useId,
} from 'react';
import { cn } from '../../lib/cn.ts';

const CONTROL =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ' +
  'ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 ' +
  'focus:outline-none disabled:bg-slate-50 disabled:text-slate-500';

interface FieldProps {
  label: string;
  children: ReactNode;
  /** The server's message for this field, from a validation error. */
  error?: string | undefined;
  className?: string;
}

/** The id of the control inside the nearest Field, which its label points at. */
const FieldContext = createContext<{ id: string; errorId: string | undefined } | null>(null);

/** A label and its control: the label names the control for screen readers and tests. */
export function Field({ label, children, error, className }: FieldProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={cn('text-sm', className)}>
      <label htmlFor={id} className="mb-1 block font-medium text-slate-700">
        {label}
      </label>
      <FieldContext.Provider value={{ id, errorId }}>{children}</FieldContext.Provider>
      {error ? (
        <p id={errorId} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function useFieldProps() {
  const field = useContext(FieldContext);
  return field ? { id: field.id, 'aria-describedby': field.errorId } : {};
}

export function TextInput({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input {...useFieldProps()} className={cn(CONTROL, 'h-10', className)} {...props} />;
}

export function TextArea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea {...useFieldProps()} className={cn(CONTROL, 'min-h-20', className)} {...props} />;
}

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...useFieldProps()} className={cn(CONTROL, 'h-10 pr-8', className)} {...props} />;
}

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  label: string;
  /** Shown under the label and read after it, without becoming part of the control's name. */
  hint?: string;
}

export function Checkbox({ label, hint, className, ...props }: CheckboxProps) {
  const hintId = useId();
  return (
    <div className={cn('flex items-start gap-3 text-sm', className)}>
      <input
        type="checkbox"
        id={`${hintId}-control`}
        aria-describedby={hint ? hintId : undefined}
        className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
        {...props}
      />
      <div>
        <label htmlFor={`${hintId}-control`} className="font-medium text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
