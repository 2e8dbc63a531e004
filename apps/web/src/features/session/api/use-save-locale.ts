import { PreferencesSchema, type Locale, type SessionView } from '@corridor/shared';
import { useMutation, useMutationState, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';
import { sessionQueries } from './session-queries.ts';

const SAVE_LOCALE_KEY = ['session', 'preferences', 'locale'] as const;

/**
 * PUT /api/session/preferences `{ locale }`: the language the signed-in user chose, kept with their account
 * so it follows them to another browser. The session in the cache takes the choice at once (the console
 * applies the session's language when it renders afresh, and must not switch back). A failure leaves the
 * language switched here; `useLocaleSaveFailed` says so.
 */
export function useSaveLocale(): (locale: Locale) => void {
  const queryClient = useQueryClient();
  const { mutate } = useMutation({
    mutationKey: SAVE_LOCALE_KEY,
    mutationFn: (locale: Locale) => apiRequest('/api/session/preferences', z.unknown(), { method: 'PUT', body: PreferencesSchema.parse({ locale }) }),
  });
  return (locale) => {
    // At once, not in onMutate (which runs later): the session must not hold the old language when the console renders in the new one.
    queryClient.setQueryData<SessionView>(sessionQueries.current().queryKey, (session) => session && { ...session, principal: { ...session.principal, locale } });
    mutate(locale);
  };
}

/**
 * Whether the last save of the language failed. Read from the query client, not from the component that
 * saved: a change of language renders the console afresh, and the answer arrives after that.
 */
export function useLocaleSaveFailed(): boolean {
  const states = useMutationState({ filters: { mutationKey: SAVE_LOCALE_KEY }, select: (mutation) => mutation.state.status });
  return states.at(-1) === 'error';
}
