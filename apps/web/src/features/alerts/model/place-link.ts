import type { MouseEvent } from 'react';

/** A link the console follows in place (a deep link to the map with the site's or link's panel open). */
export interface PlaceLink {
  href: string;
  onClick: (event: MouseEvent<HTMLAnchorElement>) => void;
}
