// The BFF's store tests run on PGlite and on the PostgreSQL server of the suite's global setup, like the
// control plane's: the same helpers, so both suites make and drop their databases the same way.
export { STORE_KINDS, freshStore, type StoreKind } from '../../control-plane/test/stores.ts';
