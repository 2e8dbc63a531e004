import { AlertSchema, SilenceSchema, type AckRequest, type SilenceCreate } from '@corridor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';
import { alertQueries, applyStreamedAlert } from './alert-queries.ts';

/** Acknowledge an alert (operator): the answer is the alert as it now is, shown at once (the stream says it too). */
export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: AckRequest }) => apiRequest(`/api/alerts/${encodeURIComponent(id)}/ack`, AlertSchema, { method: 'POST', body: request }),
    onSuccess: (alert) => applyStreamedAlert(queryClient, alert),
  });
}

/** Silence what matches (operator). Which alerts it silences comes back on the stream; the list of silences is asked again. */
export function useCreateSilence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SilenceCreate) => apiRequest('/api/silences', SilenceSchema, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertQueries.silences().queryKey }),
  });
}

/** End a silence before its time (operator); whatever the answer's body, the list is asked again. */
export function useExpireSilence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/api/silences/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertQueries.silences().queryKey }),
  });
}
