'use client';
import { useRouter } from 'next/navigation';
import { useSession } from '@/lib/queries/auth/session-query';
import { useSignOut } from '@/lib/queries/auth/sign-in-mutation';

/** Who is signed in, with which role, and a way out; says so when sign-in is off. */
export function UserMenu() {
  const router = useRouter();
  const session = useSession();
  const signOut = useSignOut();
  if (!session.data) return null;
  if (session.data.mode === 'none') {
    return (
      <div className="text-[11px] text-slate-500" data-testid="user-menu">
        Sign-in is off: this machine only.
      </div>
    );
  }
  const user = session.data.user;
  if (!user) return null;
  const exceptions = Object.entries(user.clusterRoles);
  return (
    <div className="text-xs text-slate-300" data-testid="user-menu">
      <div>
        Signed in as <span className="font-medium text-white">{user.name}</span>
      </div>
      <div className="text-slate-400" data-testid="user-role">
        {user.role}
        {exceptions.length ? `; ${exceptions.map(([c, r]) => `${r} on ${c}`).join(', ')}` : ''}
      </div>
      <button
        type="button"
        className="mt-1 text-sky-300 hover:text-white hover:underline"
        onClick={() => signOut.mutate(undefined, { onSuccess: () => router.replace('/signin') })}
        data-testid="sign-out"
      >
        Sign out
      </button>
    </div>
  );
}
