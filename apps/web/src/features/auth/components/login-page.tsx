// Sign in. After signing in, back to where the user was sent from, or to their home screen.
import type { Role } from '@webinar/contracts';
import { Video } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Field, TextInput } from '../../../components/ui/field.tsx';
import { ErrorMessage } from '../../../components/ui/states.tsx';
import { useSignIn } from '../api/sign-in.ts';

interface LoginPageProps {
  /** Called with the signed-in user's role once the session exists. */
  onSignedIn: (role: Role) => void;
}

export function LoginPage({ onSignedIn }: LoginPageProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password }, { onSuccess: ({ user }) => onSignedIn(user.role) });
  };

  return (
    <div className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <span className="flex size-12 items-center justify-center rounded-xl bg-indigo-600 text-white shadow-sm">
            <Video aria-hidden className="size-6" />
          </span>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in</h1>
          <p className="text-sm text-slate-500">Webinars, live sessions and your notifications.</p>
        </div>
        <form
          onSubmit={submit}
          className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
          noValidate
        >
          {signIn.isError ? <ErrorMessage error={signIn.error} /> : null}
          <Field label="Username">
            <TextInput
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          </Field>
          <Field label="Password">
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
            Sign in
          </Button>
        </form>
      </div>
    </div>
  );
}
