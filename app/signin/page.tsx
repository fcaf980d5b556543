import { Suspense } from 'react';
import { SignInForm } from '@/components/auth/sign-in-form';

export const metadata = { title: 'Sign in · Event Store Console' };

export default function SignInPage() {
  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold tracking-tight text-slate-900">Event Store Console</h1>
        <p className="mb-5 mt-1 text-sm text-slate-500">
          Sign in to browse and change your Kafka event stores.
        </p>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </div>
  );
}
