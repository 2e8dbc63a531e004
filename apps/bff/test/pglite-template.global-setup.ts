// The BFF's stores start from the same initialised PGlite cluster as the control plane's (one template per PGlite build).
export { default } from '../../control-plane/test/pglite-template.global-setup.ts';
