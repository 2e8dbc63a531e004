import type { Role, User } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { formatCount, formatDateTime } from '../../../lib/format.ts';
import { adminQueries } from '../api/admin-queries.ts';
import { useDisableUser } from '../api/use-disable-user.ts';
import { viewerZone } from '../model/audit-filter.ts';
import { ConfirmButton, LoadState } from './admin-ui.tsx';
import { UserForm } from './user-form.tsx';

interface UsersPageProps {
  /** The signed-in admin: their own account cannot be disabled (the server refuses it too). */
  self: string;
  roleLabels: Record<Role, string>;
}

/** Every account, local and OpenID Connect, disabled ones too; create a local one, disable one. */
export function UsersPage({ self, roleLabels }: UsersPageProps) {
  const users = useQuery(adminQueries.users());
  const list = users.data?.users;
  return (
    <main className="page admin-page" aria-labelledby="users-title">
      <div className="page-head">
        <h2 id="users-title">Users</h2>
        <p className="muted" aria-live="polite">
          {list ? `${formatCount(list.length)} accounts · ${formatCount(list.filter((u) => !u.disabledAt).length)} active` : ''}
        </p>
      </div>
      <LoadState what="The users" isPending={users.isPending} error={users.isError && !list ? users.error : null} onRetry={() => void users.refetch()} retrying={users.isFetching} />
      {list && list.length === 0 && <p className="plan-empty">No account yet.</p>}
      {list && list.length > 0 && <UserTable users={list} self={self} roleLabels={roleLabels} />}
      <section className="page-section">
        <UserForm roleLabels={roleLabels} />
      </section>
    </main>
  );
}

function UserTable({ users, self, roleLabels }: { users: User[]; self: string; roleLabels: Record<Role, string> }) {
  const disable = useDisableUser();
  return (
    <table className="admin-table" aria-label="Users">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Tenant</th>
          <th scope="col">Sign-in</th>
          <th scope="col">Created ({viewerZone()})</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.username} className={user.disabledAt ? 'is-disabled' : undefined}>
            <th scope="row">{user.username}</th>
            <td>{user.name}</td>
            <td>{roleLabels[user.role]}</td>
            <td>{user.tenant ?? <span className="muted">—</span>}</td>
            <td>{user.source === 'oidc' ? 'OpenID Connect' : 'Password'}</td>
            <td>{formatDateTime(user.createdAt)}</td>
            <td>{user.disabledAt ? `Disabled ${formatDateTime(user.disabledAt)}` : 'Active'}</td>
            <td>
              {user.disabledAt ? null : user.username === self ? (
                <span className="muted">You</span>
              ) : (
                <ConfirmButton
                  label="Disable"
                  subject={user.username}
                  question={`Disable ${user.username}?`}
                  consequence={`${user.name} can no longer sign in, and their open sessions end at once. The account stays listed, and in the audit log.`}
                  onConfirm={() => disable.mutate(user.username)}
                  busy={disable.isPending && disable.variables === user.username}
                  error={disable.isError && disable.variables === user.username ? `Not disabled: ${disable.error.message}` : undefined}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
