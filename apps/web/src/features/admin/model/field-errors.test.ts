import { UserCreateSchema } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, serverFieldErrors } from './field-errors.ts';

describe('form errors by field', () => {
  it('names each field the shared schema refuses, with its first message', () => {
    const { data, errors } = fieldErrorsOf(UserCreateSchema, { username: 'bad name!', name: '', role: 'tenant', password: 'short' });
    expect(data).toBeUndefined();
    expect(errors.username).toBe('must be 1–64 letters, digits or . _ @ -');
    expect(errors.password).toBe('must be at least 12 characters');
    expect(errors.name).toBe('required');
    expect(fieldErrorsOf(UserCreateSchema, { username: 'ana', name: 'x'.repeat(121), role: 'operator', password: 'a-long-password' }).errors).toEqual({ name: 'must be at most 120 characters' });
  });

  it('names the tenant when a tenant user has none (a refinement across fields)', () => {
    const { errors } = fieldErrorsOf(UserCreateSchema, { username: 'ana', name: 'Ana', role: 'tenant', password: 'a-long-password' });
    expect(errors).toEqual({ tenant: 'a tenant user needs a tenant, and only a tenant user' });
  });

  it('passes what the schema accepts, parsed', () => {
    const { data, errors } = fieldErrorsOf(UserCreateSchema, { username: ' ana ', name: 'Ana', role: 'operator', password: 'a-long-password' });
    expect(errors).toEqual({});
    expect(data?.username).toBe('ana');
  });

  it('puts the server’s issues on their fields, and the rest on the form', () => {
    expect(
      serverFieldErrors(
        [
          { field: 'body.username', message: 'taken' },
          { field: 'weird', message: 'no' },
        ],
        ['username'],
      ),
    ).toEqual({ username: 'taken', form: 'weird: no' });
    expect(serverFieldErrors(undefined, ['username'])).toEqual({});
  });
});
