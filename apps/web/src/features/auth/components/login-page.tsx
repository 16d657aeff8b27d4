// Sign in. After signing in, back to where the user was sent from, or to their home screen.
import type { Role } from '@webinar/contracts';
import { Video } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { Field, TextInput } from '../../../components/ui/field.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { i18n } from '../../../lib/i18n.ts';
import { useSignIn } from '../api/sign-in.ts';

/** Our own words for a refused sign-in; the API's text is for other failures (server down, ...). */
function signInProblem(error: unknown): unknown {
  return error instanceof ApiError && (error.status === 400 || error.status === 401)
    ? new Error(i18n.t('auth:wrongCredentials'))
    : error;
}

interface LoginPageProps {
  /** Called with the signed-in user's role once the session exists. */
  onSignedIn: (role: Role) => void;
}

export function LoginPage({ onSignedIn }: LoginPageProps) {
  const { t } = useTranslation('auth');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const signIn = useSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const incomplete = username.trim() === '' || password === '';
    setMissing(incomplete);
    if (incomplete) {
      signIn.reset();
      return;
    }
    signIn.mutate({ username, password }, { onSuccess: ({ user }) => onSignedIn(user.role) });
  };

  return (
    // Pinned below the top, not centred: an error appearing grows the card downwards, no jump.
    <main className="flex min-h-dvh justify-center bg-slate-50 px-4 pt-[12vh] pb-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <span className="flex size-12 items-center justify-center rounded-xl bg-indigo-600 text-white shadow-sm">
            <Video aria-hidden className="size-6" />
          </span>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('signIn')}</h1>
          <p className="text-sm text-slate-600">{t('tagline')}</p>
        </div>
        <form
          onSubmit={submit}
          className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
          noValidate
        >
          {missing ? <ErrorMessage error={new Error(t('missingFields'))} /> : null}
          {signIn.isError ? <ErrorMessage error={signInProblem(signIn.error)} /> : null}
          <Field label={t('username')}>
            <TextInput
              name="username"
              autoComplete="username"
              // The only thing to do on this page, so the cursor waits in its first field.
              autoFocus
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </Field>
          <Field label={t('password')}>
            <TextInput
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </Field>
          <Button type="submit" className="w-full" busy={signIn.isPending}>
            {t('signIn')}
          </Button>
        </form>
      </div>
    </main>
  );
}
