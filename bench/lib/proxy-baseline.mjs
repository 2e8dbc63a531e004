// The naive BFF the benchmark compares against: Express 5 + http-proxy-middleware passing
// GET /api/sites straight through to the control plane's GET /v1/sites. No parsing, no caching, no
// reshaping: every request costs the control plane a full answer. Env: PORT, TARGET (control plane URL),
// SERVICE_TOKEN (the control plane's credential, added to every proxied request).
//
// It gets a keep-alive agent, as any production proxy would: without one, http-proxy sends
// `Connection: close` upstream and passes the upstream's `Connection: close` back to the client, so every
// request would pay two TCP handshakes and the baseline would be a straw man. BASELINE_AGENT=none shows that.
import { Agent } from 'node:http';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';

const port = Number(process.env.PORT ?? 0);
const target = process.env.TARGET;
if (!target) throw new Error('TARGET (the control plane URL) is required');
if (!process.env.SERVICE_TOKEN) throw new Error('SERVICE_TOKEN (the control plane credential) is required');

const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});
app.use(
  createProxyMiddleware({
    target,
    pathFilter: '/api/sites',
    pathRewrite: { '^/api/sites': '/v1/sites' },
    changeOrigin: true,
    headers: { authorization: `Bearer ${process.env.SERVICE_TOKEN}` },
    ...(process.env.BASELINE_AGENT === 'none' ? {} : { agent: new Agent({ keepAlive: true, keepAliveMsecs: 30_000 }) }),
    logger: undefined,
  }),
);
const server = app.listen(port, '127.0.0.1', () => {
  process.stdout.write(`proxy baseline listening on http://127.0.0.1:${server.address().port} → ${target}\n`);
});
server.keepAliveTimeout = 65_000;
const stop = () => server.close(() => process.exit(0)) && server.closeAllConnections();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
