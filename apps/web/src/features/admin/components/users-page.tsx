import type { Role, User } from '@corridor/shared';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
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
  const t = useT();
  const users = useQuery(adminQueries.users());
  const list = users.data?.users;
  return (
    <main className="page admin-page" aria-labelledby="users-title">
      <div className="page-head">
        <h2 id="users-title">{t('admin.users.title')}</h2>
        <p className="muted" aria-live="polite">
          {list ? t('admin.users.count', { count: list.length, active: list.filter((u) => !u.disabledAt).length }) : ''}
        </p>
      </div>
      <LoadState what="users" isPending={users.isPending} error={users.isError && !list ? users.error : null} onRetry={() => void users.refetch()} retrying={users.isFetching} />
      {list && list.length === 0 && <p className="plan-empty">{t('admin.users.empty')}</p>}
      {list && list.length > 0 && <UserTable users={list} self={self} roleLabels={roleLabels} />}
      <section className="page-section">
        <UserForm roleLabels={roleLabels} />
      </section>
    </main>
  );
}

function UserTable({ users, self, roleLabels }: { users: User[]; self: string; roleLabels: Record<Role, string> }) {
  const t = useT();
  const disable = useDisableUser();
  return (
    <table className="admin-table" aria-label={t('admin.users.table')}>
      <thead>
        <tr>
          <th scope="col">{t('admin.users.username')}</th>
          <th scope="col">{t('admin.users.name')}</th>
          <th scope="col">{t('admin.form.role')}</th>
          <th scope="col">{t('admin.form.tenant')}</th>
          <th scope="col">{t('admin.users.signIn')}</th>
          <th scope="col">{t('admin.users.created', { zone: viewerZone() })}</th>
          <th scope="col">{t('admin.status')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('admin.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.username} className={user.disabledAt ? 'is-disabled' : undefined}>
            <th scope="row">
              <bdi>{user.username}</bdi>
            </th>
            <td>
              <bdi>{user.name}</bdi>
            </td>
            <td>{roleLabels[user.role]}</td>
            <td>{user.tenant ? <bdi>{user.tenant}</bdi> : <span className="muted">{t('admin.none')}</span>}</td>
            <td>{t('admin.users.source', { source: user.source })}</td>
            <td>{formatDateTime(user.createdAt)}</td>
            <td>{user.disabledAt ? t('admin.users.disabledAt', { at: formatDateTime(user.disabledAt) }) : t('admin.active')}</td>
            <td>
              {user.disabledAt ? null : user.username === self ? (
                <span className="muted">{t('admin.users.you')}</span>
              ) : (
                <ConfirmButton
                  label={t('admin.users.disable')}
                  subject={user.username}
                  question={t('admin.users.disableQuestion', { username: user.username })}
                  consequence={t('admin.users.disableConsequence', { name: user.name })}
                  onConfirm={() => disable.mutate(user.username)}
                  busy={disable.isPending && disable.variables === user.username}
                  error={disable.isError && disable.variables === user.username ? t('admin.users.disableFailed', { error: disable.error.message }) : undefined}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
