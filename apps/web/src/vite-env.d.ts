/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional tile server of one's own ({z}/{x}/{y}); off by default: the basemap ships with the app. */
  readonly VITE_TILE_URL?: string;
  readonly VITE_TILE_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
