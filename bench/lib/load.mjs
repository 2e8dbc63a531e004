// One bounded autocannon run, in its own process so the load generator never shares an event loop
// with the server it measures. Usage: node load.mjs '{"url":"http://127.0.0.1:1234/api/sites","connections":50,"durationS":10,"headers":{"cookie":"…"}}'
// Prints one JSON line: requests/s and exact latency percentiles (from every 2xx response's time).
import autocannon from 'autocannon';

const { url, connections = 50, durationS = 10, timeoutS = 5, headers = {} } = JSON.parse(process.argv[2] ?? '{}');
if (!url || !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) {
  console.error(`load.mjs: refusing to load ${url}: loopback targets only`);
  process.exit(2);
}

const times = [];
let bytes = 0;
const instance = autocannon({ url, connections, duration: durationS, timeout: timeoutS, pipelining: 1, headers });
instance.on('response', (_client, statusCode, resBytes, responseTime) => {
  if (statusCode >= 200 && statusCode < 300) {
    times.push(responseTime);
    bytes += resBytes;
  }
});
const result = await instance;

times.sort((a, b) => a - b);
const pct = (p) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : NaN);
const seconds = (result.finish - result.start) / 1000 || durationS;
process.stdout.write(
  `${JSON.stringify({
    url,
    connections,
    seconds,
    ok: times.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: times.length / seconds,
    mbps: bytes / seconds / 1e6,
    bytesPerResponse: times.length ? bytes / times.length : 0,
    latency: { p50: pct(50), p90: pct(90), p99: pct(99), max: times.at(-1) ?? NaN, mean: times.reduce((s, t) => s + t, 0) / (times.length || 1) },
  })}\n`,
);
