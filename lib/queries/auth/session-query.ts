'use client';
import { useQuery } from '@tanstack/react-query';
import type { SessionInfo } from '@/lib/schemas/auth';
import { fetchJson } from '../fetch-json';
import { authKeys } from './keys';

export const fetchSession = () => fetchJson<SessionInfo>('/api/auth/session');

/** Who is signed in (user null when nobody), and whether sign-in is on at all. */
export function useSession() {
  return useQuery({ queryKey: authKeys.session(), queryFn: fetchSession, staleTime: 60_000 });
}
