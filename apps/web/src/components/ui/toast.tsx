// The one place where the outcome of an action shows: a region fixed at the bottom of the screen,
// so the message is seen wherever the user clicked, and a polite live region, so it is heard.
import { AlertTriangle, CheckCircle2, X } from 'lucide-react';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client.ts';
import { i18n } from '../../lib/i18n.ts';

type Tone = 'success' | 'error';

interface ToastItem {
  id: number;
  tone: Tone;
  message: string;
}

export interface Toaster {
  success: (message: string) => void;
  /** The API's own message, with the fields it names. */
  error: (error: unknown) => void;
}

const SUCCESS_MS = 6000;
// Errors stay longer: they need reading, and a close button ends them sooner.
const ERROR_MS = 12000;
const MAX_SHOWN = 3;

const ToastContext = createContext<Toaster | null>(null);

export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : i18n.t('errors.generic');
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  if (fields.length === 0) return message;
  return `${message} ${fields.map(([field, problem]) => `${field.replaceAll('_', ' ')} ${problem}`).join('; ')}.`;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const toaster = useMemo<Toaster>(() => {
    const show = (tone: Tone, message: string) => {
      const id = nextId.current++;
      setToasts((current) => [...current, { id, tone, message }].slice(-MAX_SHOWN));
      setTimeout(() => dismiss(id), tone === 'error' ? ERROR_MS : SUCCESS_MS);
    };
    return {
      success: (message) => show('success', message),
      error: (error) => show('error', errorText(error)),
    };
  }, [dismiss]);

  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <section
        aria-label={t('toast.region')}
        className="pointer-events-none fixed inset-x-0 bottom-0 z-60 flex justify-center p-4 sm:justify-end"
      >
        <div role="status" aria-live="polite" className="w-full max-w-sm space-y-2">
          {toasts.map((toast) => (
            <div
              key={toast.id}
              data-tone={toast.tone}
              className={
                toast.tone === 'error'
                  ? 'pointer-events-auto flex items-start gap-2 rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-800 shadow-lg ring-1 ring-red-200'
                  : 'pointer-events-auto flex items-start gap-2 rounded-lg bg-green-50 px-3 py-2.5 text-sm text-green-800 shadow-lg ring-1 ring-green-200'
              }
            >
              {toast.tone === 'error' ? (
                <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
              ) : (
                <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
              )}
              <p className="min-w-0 flex-1 wrap-anywhere">{toast.message}</p>
              <button
                type="button"
                aria-label={t('toast.dismiss')}
                onClick={() => dismiss(toast.id)}
                className="-m-1 rounded p-1 opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <X aria-hidden className="size-4" />
              </button>
            </div>
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  const toaster = useContext(ToastContext);
  if (!toaster) throw new Error('useToast needs a ToastProvider above it');
  return toaster;
}
