// One lint for the whole workspace. Besides the usual recommended rules it holds the architecture in place:
// no import cycles, the web app's app → features → lib/components flow with no feature importing another,
// and the servers' routes → services → stores layering. A boundary here is a lint error, not a convention.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores, includeIgnoreFile } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import formatjs from 'eslint-plugin-formatjs';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));
const WEB = 'apps/web/src';

// Every folder under features/ gets its own zone, so a feature added tomorrow is fenced in without editing this file.
const webFeatures = readdirSync(join(ROOT, WEB, 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const webZones = [
  {
    target: [`${WEB}/lib`, `${WEB}/components`],
    from: [`${WEB}/features`, `${WEB}/app`],
    message: 'lib/ and components/ are shared by every feature: they import nothing from features/ or app/.',
  },
  {
    target: `${WEB}/features`,
    from: `${WEB}/app`,
    message: 'Features do not know the app that composes them: pass what they need in as props or arguments.',
  },
  ...webFeatures.map((feature) => ({
    target: `${WEB}/features/${feature}`,
    from: `${WEB}/features`,
    except: [`./${feature}`],
    message: `features/${feature} may not import another feature: move what both need into lib/ or components/, or compose them in app/.`,
  })),
];

// Server layers: routes → services → stores. The control plane keeps each area in one folder
// (<area>/{*.routes.ts, *-service.ts, *-store.ts}); the BFF has a folder per layer (routes/, services/, upstream/, …).
// A route module (`*.routes.ts`) declares an area's routes; a route list (`*-routes.ts`) gathers them for the app.
const SERVER_SRC = 'apps/{bff,control-plane}/src';
// One glob per layer (braces, not a list), so an import is reported once however many of its patterns match.
const ROUTE_MODULES = `${SERVER_SRC}/**/*.routes.ts`;
const ROUTE_LISTS = `${SERVER_SRC}/**/*-routes.ts`;
const SERVICES = `${SERVER_SRC}/{**/*-service.ts,services/**}`;
const STORES = `${SERVER_SRC}/{**/*-store.ts,**/*-store-sql.ts,store/**}`;
const BELOW_ROUTES = [SERVICES, STORES, 'apps/bff/src/{upstream,stream,identity,middleware}/**'];
const serverZones = [
  {
    // Everything but app.ts, the routes layer itself (route modules, route lists, the BFF's routes/) and the tests
    // beside the code (tests under test/ are no target either).
    target: ['apps/control-plane/src/**/!(app|*.test|*.routes|*-routes).ts', 'apps/bff/src/!(app|*.test|*.routes|*-routes).ts', 'apps/bff/src/!(routes)/**/!(*.test).ts'],
    from: ROUTE_MODULES,
    message: 'Route modules are the outer layer: only app.ts and the route lists import them, never a service, store or client.',
  },
  {
    target: BELOW_ROUTES,
    from: ROUTE_LISTS,
    message: 'A route list is for the app to mount: services, stores and clients never import it.',
  },
  {
    target: [STORES, 'apps/bff/src/upstream/**'],
    from: SERVICES,
    message: "Stores (and the BFF's upstream clients) sit below services: they never import a service.",
  },
  {
    // Route modules and lists are covered above; this covers whatever else routes/ holds (route types, presenters).
    target: 'apps/bff/src/{services,upstream,stream,identity,middleware}/**',
    from: 'apps/bff/src/routes/**/!(*.routes|*-routes).ts',
    message: "routes/ is the BFF's outer layer: services, upstream, stream, identity and middleware never import it.",
  },
];

const packageZones = [
  {
    target: 'packages',
    from: 'apps',
    message: 'Workspace packages are shared by the apps and never import one.',
  },
];

export default defineConfig(
  // What git ignores (dependencies, builds, test results, var/), plus data and docs.
  includeIgnoreFile(join(ROOT, '.gitignore')),
  globalIgnores(['data/**', 'docs/**']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      // The workspace's own packages are resolved like any source file (the layer and feature zones follow them).
      'import-x/internal-regex': '^@corridor/',
      'import-x/resolver-next': [
        // Resolves `./x.ts` and the workspace's `@corridor/*` packages (through their package.json exports) to source files.
        createTypeScriptImportResolver({ alwaysTryTypes: true }),
        createNodeResolver(),
      ],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Import cycles are dpdm's (`npm run lint:cycles`): it follows type imports too, so it finds every cycle
      // import-x/no-cycle found, and it costs seconds where no-cycle took two thirds of ESLint's time.
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: [...webZones, ...serverZones, ...packageZones] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Declaration merging into Express's own `Request` type is the documented way to type req.* additions.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    files: [`${WEB}/**/*.{ts,tsx}`],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Every text the console shows comes from the catalogues (lib/i18n/messages): a literal in JSX, or in an
    // attribute a person reads or hears (aria-label, title, placeholder, alt, label), is an error.
    files: [`${WEB}/**/*.tsx`],
    ignores: [`${WEB}/**/*.test.tsx`],
    plugins: { formatjs },
    rules: {
      'formatjs/no-literal-string-in-jsx': ['error', { props: { include: [['*', '{label,aria-valuetext,aria-roledescription}']] } }],
    },
  },
  {
    files: ['bench/baseline/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.mjs'],
    // Playwright's page.evaluate callbacks run in the browser.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['e2e/**/*.ts'],
    // Playwright reads a fixture's dependencies from its first parameter, so a fixture that needs none is `async ({}, use)`.
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
);
