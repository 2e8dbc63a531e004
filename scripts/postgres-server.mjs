// Starts a throwaway PostgreSQL server for the test suite on 127.0.0.1 and a free port, in a temp dir.
// As root, initdb refuses to run, so the server runs as the `postgres` system user.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './stack.mjs';

export function findPostgresBin() {
  const candidates = [process.env.PG_BIN, '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/17/bin'];
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort().reverse()) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** As root, spawn options that run a command as the `postgres` user (Node sets uid/gid itself, so signals reach it). */
function serverUser() {
  if (!isRoot) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** Starts a server; resolves { url, stop } once it accepts connections (at most 30 s). */
export async function startPostgres() {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error('PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin). Install them: apt-get install -y postgresql');
  }
  const dir = mkdtempSync(join(tmpdir(), 'corridor-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  const user = serverUser();
  execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'], { stdio: 'pipe', ...user, env: { ...process.env, HOME: dir } });
  const port = await freePort();
  const child = spawn(
    join(bin, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    { stdio: ['ignore', 'ignore', 'pipe'], ...user, env: { ...process.env, HOME: dir } },
  );
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  const ready = join(bin, 'pg_isready');
  while (true) {
    if (child.exitCode !== null) throw new Error(`postgres exited early:\n${log}`);
    try {
      execFileSync(ready, ['-h', '127.0.0.1', '-p', String(port), '-q']);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`postgres did not become ready in 30 s:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT'); // fast shutdown
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
