import { defineConfig } from 'vitest/config';

// One run over every package; each keeps its own vitest.config (the control plane's starts PostgreSQL).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
