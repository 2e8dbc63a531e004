import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { RequestHandler } from 'express';

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Serves the `.br` / `.gz` twins the web build writes beside each asset, to browsers that accept them.
 * The folder is listed once at start (hashed assets never change while the BFF runs); anything
 * without a twin, or a browser that accepts neither, falls through to the plain static handler.
 */
export function precompressedAssets(dir: string): RequestHandler {
  const files = new Set(existsSync(dir) ? readdirSync(dir) : []);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path.slice(1);
    if (!name || name.includes('/') || !files.has(name)) return next();
    const available = ENCODINGS.filter((e) => files.has(name + e.suffix));
    if (available.length === 0) return next();
    res.vary('Accept-Encoding');
    // Brotli first when the browser takes both (its own order says nothing about preference).
    const encoding = available.find((e) => req.acceptsEncodings(e.name) === e.name);
    if (!encoding) return next();
    res.set('Content-Encoding', encoding.name);
    res.type(extname(name));
    res.sendFile(join(dir, name + encoding.suffix), { maxAge: '1y', immutable: true });
  };
}
