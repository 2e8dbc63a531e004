#!/usr/bin/env node
// Initial JavaScript of the built console, gzipped, against the 250 KB budget.
//
//   pnpm --filter @corridor/web run build && node bench/bundle-size.mjs     (or: node bench/bundle-size.mjs --build)
//
// Reads apps/web/dist/index.html, takes the JS the page loads before it can run: every
// <script type="module" src> and <link rel="modulepreload" href>, plus (to be robust to a bundler that
// does not emit preload links) every chunk those import statically, transitively. Each is gzipped with
// node:zlib at level 9 and the total is compared with the budget (1 KB = 1,000 bytes, the stricter reading).
// Chunks reached only through dynamic import() or as workers are lazy and listed apart, as are CSS and other assets.
// Exit code 0 = PASS, 1 = FAIL, 2 = could not run (no build).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { table } from './lib/common.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'apps/web');
const DIST = process.env.CORRIDOR_WEB_DIST ?? join(WEB, 'dist');
const BUDGET_BYTES = 250_000;

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** Newest modification time of any file under `dir` (skipping node_modules and dist). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** URLs of the page's initial scripts and module preloads, as written in index.html. */
function initialUrls(html) {
  const urls = new Set();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (src && /\btype\s*=\s*["']module["']/i.test(tag)) urls.add(src);
    else if (src) urls.add(src); // a classic script loads initially too
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = /\brel\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]?.toLowerCase();
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href && rel === 'modulepreload') urls.add(href);
  }
  return [...urls].filter((u) => !/^[a-z]+:\/\//i.test(u)); // another origin's script would be a CSP breach anyway
}

/** Relative static imports of a JS chunk (import … from "./x.js", import "./x.js", export … from "./x.js"). */
function staticImports(code) {
  const found = new Set();
  for (const m of code.matchAll(/\b(?:from|import)\s*["'](\.{1,2}\/[^"']+?\.m?js)["']/g)) found.add(m[1]);
  return [...found];
}

/** Chunks a JS file loads later: import("./x.js") and workers, new URL("./x.js" | "/assets/x.js", import.meta.url). */
function laterLoads(code) {
  const found = new Map();
  for (const m of code.matchAll(/\bimport\s*\(\s*["'`]((?:\.{1,2})?\/[^"'`]+?\.m?js)["'`]\s*\)/g)) found.set(m[1], 'import()');
  for (const m of code.matchAll(/\bnew\s+URL\s*\(\s*["'`]((?:\.{1,2})?\/[^"'`]+?\.m?js)["'`]/g)) found.set(m[1], 'worker / URL');
  return found;
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

function main() {
  if (process.argv.includes('--build')) {
    console.log('building the console: pnpm --filter @corridor/web run build');
    execFileSync('pnpm', ['--filter', '@corridor/web', 'run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const indexHtml = join(DIST, 'index.html');
  if (!existsSync(indexHtml)) {
    console.error(`bundle-size: no build at ${indexHtml}; run \`pnpm --filter @corridor/web run build\` first (or pass --build).`);
    process.exitCode = 2;
    return;
  }
  console.log(`Initial JavaScript of the console (gzip level 9) — ${relative(ROOT, DIST)}`);
  const builtAt = statSync(indexHtml).mtimeMs;
  console.log(`build: ${new Date(builtAt).toISOString()}`);
  if (existsSync(join(WEB, 'src')) && newestMtime(WEB) > builtAt) {
    console.log('WARNING: apps/web has files newer than this build; rebuild for current figures (--build).');
  }

  const html = readFileSync(indexHtml, 'utf8');
  const fileOf = (url) => join(DIST, decodeURIComponent(url.split(/[?#]/)[0].replace(/^\//, '')));
  const initial = new Map(); // dist-relative path → gz bytes
  const queue = initialUrls(html).map((u) => posix.normalize(u.replace(/^\//, '')));
  const missing = [];
  while (queue.length) {
    const rel = queue.shift();
    if (initial.has(rel)) continue;
    const file = fileOf(rel);
    if (!existsSync(file)) {
      missing.push(rel);
      continue;
    }
    const code = readFileSync(file);
    initial.set(rel, { raw: code.length, gz: gz(code) });
    if (extname(rel) === '.js' || extname(rel) === '.mjs') {
      for (const imp of staticImports(code.toString('utf8'))) queue.push(posix.normalize(posix.join(posix.dirname(rel), imp)));
    }
  }
  if (missing.length) console.log(`WARNING: index.html names files that are not in the build: ${missing.join(', ')}`);

  // Every other JS file in the build is lazy (reached through import() or not at all).
  const all = listFiles(DIST).map((f) => relative(DIST, f).split('\\').join('/'));
  const lazyTargets = new Map();
  for (const rel of all.filter((f) => /\.m?js$/.test(f))) {
    for (const [imp, how] of laterLoads(readFileSync(join(DIST, rel), 'utf8'))) {
      lazyTargets.set(imp.startsWith('/') ? posix.normalize(imp.slice(1)) : posix.normalize(posix.join(posix.dirname(rel), imp)), how);
    }
  }
  const lazy = all.filter((f) => /\.m?js$/.test(f) && !initial.has(f));
  const others = all.filter((f) => !/\.m?js$/.test(f) && f !== 'index.html');

  const rows = [['initial JS', 'raw', 'gzip -9']];
  let total = 0;
  let totalRaw = 0;
  for (const [rel, size] of initial) {
    rows.push([rel, kB(size.raw), kB(size.gz)]);
    total += size.gz;
    totalRaw += size.raw;
  }
  rows.push(['TOTAL', kB(totalRaw), kB(total)]);
  console.log(`\n${table(rows)}`);

  if (lazy.length) {
    const lrows = [['lazy JS (not loaded initially)', 'raw', 'gzip -9', 'loaded by']];
    for (const rel of lazy) {
      const buf = readFileSync(join(DIST, rel));
      lrows.push([rel, kB(buf.length), kB(gz(buf)), lazyTargets.get(rel) ?? 'nothing found']);
    }
    console.log(`\n${table(lrows)}`);
  } else {
    console.log('\nlazy JS: none (every chunk loads initially)');
  }
  if (others.length) {
    const orows = [['other assets (not counted: not JS)', 'raw', 'gzip -9']];
    for (const rel of others) {
      const buf = readFileSync(join(DIST, rel));
      orows.push([rel, kB(buf.length), kB(gz(buf))]);
    }
    console.log(`\n${table(orows)}`);
  }

  const pass = initial.size > 0 && total <= BUDGET_BYTES;
  console.log(`\nInitial JS ${kB(total)} gzipped (${total} bytes) vs budget ${kB(BUDGET_BYTES)} → ${pass ? 'PASS' : 'FAIL'}${initial.size ? '' : ' (no initial script found in index.html)'}`);
  console.log(
    `BENCH_RESULT ${JSON.stringify({ bench: 'bundle-size', pass, initialGzipBytes: total, initialRawBytes: totalRaw, budgetBytes: BUDGET_BYTES, initial: Object.fromEntries(initial), lazy })}`,
  );
  process.exitCode = pass ? 0 : 1;
}

try {
  main();
} catch (error) {
  console.error(`bundle-size could not run: ${error.stack ?? error.message}`);
  process.exitCode = 2;
}
