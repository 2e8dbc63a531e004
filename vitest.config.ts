import { defineConfig } from 'vitest/config';

// One run over every package; each keeps its own vitest.config (the control plane's starts PostgreSQL).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    // Two files at a time on CI's two cores: most server tests wait on sockets and the store, so the second worker
    // takes the suite from ~16 min to ~11 min here (the default on two cores is one worker), inside CI's budget.
    maxWorkers: 2,
  },
});
