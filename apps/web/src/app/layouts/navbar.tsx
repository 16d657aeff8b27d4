// The top bar: app name, the main links, the bell, who is signed in and "Sign out". Below the lg
// breakpoint the links, name and "Sign out" fold into a menu; the bell always stays in view.
import type { User } from '@webinar/contracts';
import type { TFunction } from 'i18next';
import { Menu, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { BrandLink } from '../../components/ui/brand-link.tsx';
import { Button } from '../../components/ui/button.tsx';
import { useSignOut } from '../../features/auth/api/sign-out.ts';
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx';
import { cn } from '../../lib/cn.ts';
import { homePath } from '../home-path.ts';

function links(user: User, t: TFunction<'app'>) {
  return [
    { to: '/portal', label: t('nav.portal') },
    ...(user.role === 'student' ? [] : [{ to: '/dashboard', label: t('nav.dashboard') }]),
    ...(user.role === 'admin' ? [{ to: '/dashboard/deliveries', label: t('nav.deliveries') }] : []),
    { to: '/notifications', label: t('nav.notifications') },
    { to: '/settings/notifications', label: t('nav.settings') },
  ];
}

const linkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'rounded-md px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
    isActive ? 'bg-indigo-50 text-indigo-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
  );

export function Navbar({ user }: { user: User }) {
  const { t } = useTranslation('app');
  const [menuOpen, setMenuOpen] = useState(false);
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuPath, setMenuPath] = useState(location.pathname);
  // The menu closes when a link in it has taken the user elsewhere.
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    setMenuOpen(false);
  }

  const onSignOut = () => signOut.mutate(undefined, { onSettled: () => void navigate('/login') });
  const navLinks = links(user, t);
  // The admin pages under /dashboard highlight Dashboard, except the deliveries, which have their own link.
  const isCurrent = (to: string) => {
    const path = location.pathname;
    const within = path === to || path.startsWith(`${to}/`);
    if (to !== '/dashboard') return within;
    return within && !navLinks.some((link) => link.to !== to && path.startsWith(link.to));
  };

  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-2 px-4 sm:px-6">
        <BrandLink to={homePath(user.role)} className="mr-4" />
        <nav aria-label={t('nav.label')} className="hidden items-center gap-1 lg:flex">
          {navLinks.map((link) => (
            <Link
              key={link.to}
              to={link.to}
              aria-current={isCurrent(link.to) ? 'page' : undefined}
              className={linkClass({ isActive: isCurrent(link.to) })}
            >
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-1 sm:gap-2">
          <NotificationBell />
          <span className="hidden px-2 text-sm text-slate-700 lg:inline">{user.display_name}</span>
          {/* A wrapper, because the button's own display class would override `hidden`. */}
          <div className="hidden lg:block">
            <Button variant="secondary" size="sm" busy={signOut.isPending} onClick={onSignOut}>
              {t('nav.signOut')}
            </Button>
          </div>
          <button
            type="button"
            aria-label={t('nav.menu')}
            aria-expanded={menuOpen}
            aria-controls="mobile-menu"
            onClick={() => setMenuOpen((open) => !open)}
            className="inline-flex size-10 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 lg:hidden"
          >
            {menuOpen ? <X aria-hidden className="size-5" /> : <Menu aria-hidden className="size-5" />}
          </button>
        </div>
      </div>
      {menuOpen ? (
        <div id="mobile-menu" className="border-t border-slate-200 px-4 py-3 lg:hidden">
          <nav aria-label={t('nav.label')} className="flex flex-col gap-1">
            {navLinks.map((link) => (
              <Link
                key={link.to}
                to={link.to}
                aria-current={isCurrent(link.to) ? 'page' : undefined}
                className={linkClass({ isActive: isCurrent(link.to) })}
              >
                {link.label}
              </Link>
            ))}
          </nav>
          <div className="mt-3 flex items-center justify-between border-t border-slate-100 pt-3">
            <span className="text-sm text-slate-700">{user.display_name}</span>
            <Button variant="secondary" size="sm" busy={signOut.isPending} onClick={onSignOut}>
              {t('nav.signOut')}
            </Button>
          </div>
        </div>
      ) : null}
    </header>
  );
}
