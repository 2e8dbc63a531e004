import { AlertListSchema, DrainPlanSchema, DrainSchema, MaintenanceListSchema, MaintenanceWindowSchema, SiteHealthSchema, WorkloadListSchema, type MaintenanceCreate } from '@corridor/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiRequest } from '../../../lib/api-client.ts';
import { workloadKeys } from '../../../lib/query-keys.ts';

const maintenanceKeys = {
  all: () => ['maintenance'] as const,
  windows: () => [...maintenanceKeys.all(), 'windows'] as const,
  siteWindows: (siteId: string) => [...maintenanceKeys.windows(), { site: siteId }] as const,
  drains: () => [...maintenanceKeys.all(), 'drain'] as const,
  drain: (id: string) => [...maintenanceKeys.drains(), id] as const,
  siteAlerts: (siteId: string) => [...maintenanceKeys.all(), 'site-alerts', siteId] as const,
};

/**
 * Query options for site operations: maintenance windows, a drain's progress, a site's firing alerts and
 * the workloads on it (the workloads list's own key, so a move anywhere refreshes it). The live stream's
 * timeline events invalidate them (see the console's NOC follower); nothing here polls.
 */
export const maintenanceQueries = {
  all: maintenanceKeys.all,
  windowsKey: maintenanceKeys.windows,
  drainsKey: maintenanceKeys.drains,
  siteAlertsKey: maintenanceKeys.siteAlerts,
  siteWindows: (siteId: string) =>
    queryOptions({
      queryKey: maintenanceKeys.siteWindows(siteId),
      queryFn: ({ signal }) => apiGet(`/api/maintenance?site=${encodeURIComponent(siteId)}`, MaintenanceListSchema, signal),
      staleTime: 30_000,
    }),
  drain: (id: string) => queryOptions({ queryKey: maintenanceKeys.drain(id), queryFn: ({ signal }) => apiGet(`/api/drains/${encodeURIComponent(id)}`, DrainSchema, signal) }),
  siteAlerts: (siteId: string) =>
    queryOptions({
      queryKey: maintenanceKeys.siteAlerts(siteId),
      queryFn: ({ signal }) => apiGet(`/api/alerts?site=${encodeURIComponent(siteId)}&state=firing`, AlertListSchema, signal),
      staleTime: 30_000,
    }),
  siteWorkloads: (siteId: string) =>
    queryOptions({
      queryKey: workloadKeys.list({ site: siteId }),
      queryFn: ({ signal }) => apiGet(`/api/workloads?site=${encodeURIComponent(siteId)}`, WorkloadListSchema, signal),
      staleTime: 5_000,
    }),
};

/** POST /api/maintenance: the window is listed at once; the site's status follows from the stream. */
export function useScheduleMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MaintenanceCreate) => apiRequest('/api/maintenance', MaintenanceWindowSchema, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: maintenanceKeys.windows() }),
  });
}

/** DELETE /api/maintenance/:id: ends a window early, or removes one not yet begun. */
export function useDeleteMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/api/maintenance/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: maintenanceKeys.windows() }),
  });
}

/** POST /api/sites/:id/drain-plan: the dry run, changing nothing. */
export function useDrainPlan() {
  return useMutation({ mutationFn: (siteId: string) => apiRequest(`/api/sites/${encodeURIComponent(siteId)}/drain-plan`, DrainPlanSchema, { method: 'POST' }) });
}

/** POST /api/drains {planId}: executes a reviewed plan; its progress is then followed at /api/drains/:id. */
export function useExecuteDrain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (planId: string) => apiRequest('/api/drains', DrainSchema, { method: 'POST', body: { planId } }),
    onSuccess: (drain) => {
      // The answer shows at once, but it may already be old: the drain runs while the answer travels, and the
      // stream's drain and migration events that arrive before it find no drain in the cache to refresh. So
      // the drain is asked again once, after the answer; every later change comes with an event.
      queryClient.setQueryData(maintenanceKeys.drain(drain.id), drain);
      void queryClient.invalidateQueries({ queryKey: maintenanceKeys.drain(drain.id), exact: true });
      void queryClient.invalidateQueries({ queryKey: workloadKeys.all() });
    },
  });
}

/**
 * POST (confirm) or DELETE (withdraw) /api/sites/:id/confirm-down: an operator's word that a site is down whatever its
 * telemetry says; its workloads are re-placed. The site's health then follows from the stream.
 */
export function useConfirmDown(siteId: string) {
  return useMutation({
    mutationFn: (confirm: boolean) => apiRequest(`/api/sites/${encodeURIComponent(siteId)}/confirm-down`, SiteHealthSchema, { method: confirm ? 'POST' : 'DELETE' }),
  });
}
