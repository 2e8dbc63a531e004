import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBff } from './harness.ts';

/** A raw GET (fetch would decode the body and hide the encoding). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the built console', () => {
  const dist = mkdtempSync(join(tmpdir(), 'corridor-dist-'));
  const script = 'console.log("corridor");'.repeat(100);
  let bff: Awaited<ReturnType<typeof startBff>>;

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Corridor</title>');
    writeFileSync(join(dist, 'assets', 'app-1.js'), script);
    writeFileSync(join(dist, 'assets', 'app-1.js.br'), brotliCompressSync(script));
    writeFileSync(join(dist, 'assets', 'app-1.js.gz'), gzipSync(script));
    writeFileSync(join(dist, 'assets', 'plain-1.png'), 'png');
    bff = await startBff(['http://127.0.0.1:9'], { webDist: dist });
  });
  afterAll(async () => {
    await bff?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends the pre-compressed twin a browser accepts, with the asset’s own type', async () => {
    const br = await get(`${bff.url}/assets/app-1.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(br.body.length).toBeLessThan(script.length / 5);

    const gz = await get(`${bff.url}/assets/app-1.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });

  it('sends the plain file to a browser that accepts no compression, or when there is no twin', async () => {
    const plain = await get(`${bff.url}/assets/app-1.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect((await get(`${bff.url}/assets/plain-1.png`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
  });

  it('answers 404 for an asset that does not exist, and the console for any other page path', async () => {
    expect((await get(`${bff.url}/assets/nope.js`, { 'accept-encoding': 'br' })).status).toBe(404);
    const page = await get(`${bff.url}/some/deep/link?site=x`, {});
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>Corridor</title>');
  });
});
