// One PostgreSQL server for the BFF's run too (the control plane's set-up: it also declares `postgresUrl`).
export { default } from '../../control-plane/test/postgres.global-setup.ts';
