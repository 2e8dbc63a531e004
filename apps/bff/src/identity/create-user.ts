// Creates a local account in the BFF's store, e.g. the first admin of a production install:
//   cd apps/bff && node --import tsx src/identity/create-user.ts <username> <role> [tenant] < password-file
// with the BFF's environment (CORRIDOR_DATA_DIR or DATABASE_URL, CORRIDOR_SERVICE_TOKEN). The password is read from stdin, so it
// never shows in the process list or the shell history.
import { text } from 'node:stream/consumers';
import { describeFieldIssues, toFieldIssues, UserCreateSchema } from '@corridor/shared';
import { loadConfig } from '../config.ts';
import { openIdentityStore } from './identity-store.ts';
import { UserStore } from './user-store.ts';

async function main() {
  const [username, role, tenant] = process.argv.slice(2);
  const password = (await text(process.stdin)).replace(/\r?\n$/, '');
  const parsed = UserCreateSchema.safeParse({ username, name: username, role, tenant, password });
  if (!parsed.success) throw new Error(describeFieldIssues('usage: create-user.ts <username> <role> [tenant] < password', toFieldIssues(parsed.error)));
  const db = await openIdentityStore(loadConfig());
  try {
    const user = await new UserStore(db).create(parsed.data);
    console.log(`created ${user.role} "${user.username}"${user.tenant ? ` of tenant ${user.tenant}` : ''}`);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
