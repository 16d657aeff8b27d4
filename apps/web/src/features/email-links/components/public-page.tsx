// The frame of the pages an email's link opens: no sign-in needed, so no navbar that would ask
// who is signed in; just the app's name and a card.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandLink } from '../../../components/ui/brand-link.tsx';

export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-16 max-w-6xl items-center px-4 sm:px-6">
          <BrandLink to="/" />
        </div>
      </header>
      <main className="mx-auto w-full max-w-lg px-4 py-10 sm:px-6">
        <div className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}

export function CardSkeleton() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('loading')} className="motion-safe:animate-pulse space-y-3">
      <div className="h-4 w-3/4 rounded bg-slate-200" />
      <div className="h-4 w-1/2 rounded bg-slate-100" />
      <div className="h-10 w-40 rounded bg-slate-100" />
    </div>
  );
}
