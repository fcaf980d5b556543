'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Field, Input } from '@/components/ui/field';
import { safeNext } from '@/lib/auth/oidc-roles';
import { useSession } from '@/lib/queries/auth/session-query';
import { useSignIn } from '@/lib/queries/auth/sign-in-mutation';

export function SignInForm() {
  const router = useRouter();
  const next = safeNext(useSearchParams().get('next'));
  const session = useSession();
  const signIn = useSignIn();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ name, password }, { onSuccess: () => router.replace(next) });
  };

  if (session.data?.mode === 'none') {
    return (
      <p className="text-sm text-slate-700" data-testid="sign-in-off">
        Sign-in is off: this console listens on this machine only, and everyone here may use it.{' '}
        <Link href="/" className="text-sky-700 hover:underline">
          Go to the console
        </Link>
      </p>
    );
  }

  if (session.data?.mode === 'oidc') {
    return (
      <a
        href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}
        className={buttonClass('primary')}
        data-testid="sign-in-sso"
      >
        Sign in with single sign-on
      </a>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="sign-in-form">
      <Field label="User name">
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="username"
          autoFocus
          required
          className="w-full"
          testId="sign-in-name"
        />
      </Field>
      <Field label="Password">
        <Input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          className="w-full"
          testId="sign-in-password"
        />
      </Field>
      {signIn.error ? (
        <ErrorPanel title="You are not signed in" error={signIn.error} testId="sign-in-error" />
      ) : null}
      <Button type="submit" variant="primary" disabled={signIn.isPending} testId="sign-in-submit">
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
