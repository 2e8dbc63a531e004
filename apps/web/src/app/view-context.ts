import type { Principal, SiteRow } from '@corridor/shared';
import type { Abilities } from '../features/session/model/abilities.ts';
import type { InPlaceLink } from './in-place-link.ts';
import type { UrlState } from './url-state.ts';
import type { UrlStateUpdate } from './use-url-state.ts';
import type { useFleetData } from './use-fleet-data.ts';

/** What a view is drawn with: the person, the URL, and the fleet the console already holds. Its own module, so a view imports it without importing the view list. */
export interface ViewContext {
  principal: Principal;
  abilities: Abilities;
  url: UrlState;
  setUrl: (patch: Partial<UrlState>, options?: UrlStateUpdate) => void;
  link: (patch: Partial<UrlState>) => InPlaceLink;
  fleet: ReturnType<typeof useFleetData>;
  siteName: (id: string) => string;
  sites: readonly SiteRow[];
}
