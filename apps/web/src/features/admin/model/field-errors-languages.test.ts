import { ApiTokenCreateSchema, UserCreateSchema } from '@corridor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { fieldErrorsOf, serverFieldErrors } from './field-errors.ts';

afterEach(async () => {
  await activateLocale('en');
});

describe('form errors in the user’s language', () => {
  it('in French, the shared schema’s refusals by their kind, not the schema’s English words', async () => {
    await activateLocale('fr');
    const { errors } = fieldErrorsOf(UserCreateSchema, { username: 'bad name!', name: '', role: 'operator', password: 'short' }, 'user');
    expect(errors).toEqual({ username: 'doit compter 1 à 64 lettres, chiffres ou . _ @ -', name: 'obligatoire', password: 'doit compter au moins 12 caractères' });
    expect(fieldErrorsOf(ApiTokenCreateSchema, { name: 'export', role: 'tenant' }, 'token').errors).toEqual({ tenant: 'un jeton locataire doit avoir un locataire, et lui seul' });
  });

  it('in Arabic, the server’s field issues by their code, and a field the form does not have named on the form', async () => {
    await activateLocale('ar');
    const errors = serverFieldErrors(
      [
        { field: 'body.name', message: 'Too big', code: 'too_big', maximum: 80, origin: 'string' },
        { field: 'body.extra', message: 'Unrecognized key', code: 'unrecognized_keys' },
      ],
      ['name'],
    );
    expect(errors.name).not.toBe('Too big');
    expect(errors.name).toMatch(/80/);
    expect(errors.form).toMatch(/^\u2068extra\u2069: /);
    expect(errors.form).not.toContain('Unrecognized key');
  });
});
