'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo, SignInInput } from '@/lib/schemas/auth';
import { fetchJson, postJson } from '../fetch-json';

export const signIn = (input: SignInInput) => fetchJson<SessionInfo>('/api/auth/sign-in', postJson(input));
export const signOut = () => fetchJson<{ signedOut: true }>('/api/auth/sign-out', postJson({}));

/** Signing in or out changes what every query may see: everything cached is dropped. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({ mutationFn: signIn, onSuccess: () => client.clear() });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({ mutationFn: signOut, onSuccess: () => client.clear() });
}
