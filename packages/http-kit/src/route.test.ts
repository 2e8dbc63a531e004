import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router, type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorBodySchema, ForbiddenError } from '@corridor/shared';
import { createLogger } from './logger.ts';
import { errorHandler, notFound } from './middleware.ts';
import { assertMountable, mountRoutes, routeFactory, routeKey, type RouteDescriptor } from './route.ts';

/** A toy server: who may call is 'anyone' or 'staff' (a request with `x-staff: yes`). */
type Access = 'anyone' | 'staff';
interface Deps {
  notes: Map<string, string>;
}

const NoteIdSchema = z.string().regex(/^[a-z]{1,8}$/, 'must be 1–8 lowercase letters');
const NoteSchema = z.object({ id: NoteIdSchema, text: z.string().min(1).max(20) });
const route = routeFactory<Access, Deps>();

const ROUTES = [
  route({
    method: 'get',
    path: '/notes/:id',
    access: 'anyone',
    tag: 'notes',
    summary: 'One note',
    request: { params: { id: { schema: NoteIdSchema, what: 'note id' } }, query: { schema: z.object({ upper: z.enum(['yes', 'no']).default('no') }), what: 'note query' } },
    responses: { 200: { description: 'The note.', body: NoteSchema } },
    handler: ({ params, query, deps }) => {
      const text = deps.notes.get(params.id) ?? '';
      return { id: params.id, text: query.upper === 'yes' ? text.toUpperCase() : text };
    },
  }),
  route({
    method: 'put',
    path: '/notes/:id',
    access: 'staff',
    tag: 'notes',
    summary: 'Write a note',
    request: {
      params: { id: { schema: NoteIdSchema, what: 'note id' } },
      headers: { 'X-Reason': { schema: z.string().max(10).optional(), what: 'X-Reason header' } },
      body: { schema: z.object({ text: z.string().min(1).max(20) }), what: 'note' },
    },
    responses: { 201: { description: 'The note, written.', body: NoteSchema } },
    handler: ({ params, body, headers, deps, res }) => {
      deps.notes.set(params.id, body.text);
      if (headers['X-Reason']) res.set('X-Reason-Seen', headers['X-Reason']);
      return { id: params.id, text: body.text };
    },
  }),
  route({
    method: 'delete',
    path: '/notes/:id',
    access: 'staff',
    tag: 'notes',
    summary: 'Forget a note',
    request: { params: { id: { schema: NoteIdSchema, what: 'note id' } } },
    responses: { 204: { description: 'Forgotten.' } },
    handler: ({ params, deps, res }) => {
      deps.notes.delete(params.id);
      res.status(204).end();
    },
  }),
  route({
    method: 'post',
    path: '/shout',
    access: 'anyone',
    tag: 'notes',
    summary: 'Echo text, read by its own parser',
    request: { body: { schema: z.string().max(5), what: 'shout' } },
    responses: { 200: { description: 'The text, louder.', body: z.object({ shout: z.string() }) } },
    bodyParser: [express.text()],
    handler: ({ body }) => ({ shout: body.toUpperCase() }),
  }),
];

const staffOnly: RequestHandler = (req, _res, next) => next(req.get('x-staff') === 'yes' ? undefined : new ForbiddenError('staff only'));

describe('mountRoutes', () => {
  let server: Server;
  let url: string;
  const notes = new Map([['hello', 'hi there']]);
  const call = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) => {
    const res = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...init.headers }, ...(init.body === undefined ? {} : { body: init.body }) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  beforeAll(async () => {
    const app = express();
    app.use('/v1', mountRoutes(Router(), ROUTES, { deps: { notes }, gate: (access) => (access === 'staff' ? staffOnly : undefined), bodyParser: express.json() }));
    app.use(notFound());
    app.use(errorHandler(createLogger('route-test', 'silent')));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('hands the handler its parsed inputs and sends what it returns with the success status', async () => {
    expect(await call('GET', '/v1/notes/hello?upper=yes')).toMatchObject({ status: 200, body: { id: 'hello', text: 'HI THERE' } });
    const written = await call('PUT', '/v1/notes/memo', { body: JSON.stringify({ text: 'buy milk' }), headers: { 'x-staff': 'yes', 'x-reason': 'errand' } });
    expect(written).toMatchObject({ status: 201, body: { id: 'memo', text: 'buy milk' } });
    expect(written.headers.get('x-reason-seen')).toBe('errand');
    expect(notes.get('memo')).toBe('buy milk');
  });

  it('lets a handler answer by itself', async () => {
    const res = await call('DELETE', '/v1/notes/memo', { headers: { 'x-staff': 'yes' } });
    expect(res.status).toBe(204);
    expect(notes.has('memo')).toBe(false);
  });

  it('answers 400 naming every bad field, a path parameter or header as (root) of its own part', async () => {
    const query = await call('GET', '/v1/notes/hello?upper=maybe');
    expect(query.status).toBe(400);
    expect(ErrorBodySchema.parse(query.body).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^invalid note query: upper /), fields: [{ field: 'upper' }] });

    const param = ErrorBodySchema.parse((await call('GET', '/v1/notes/NOPE')).body).error;
    expect(param).toMatchObject({ message: 'invalid note id: (root) must be 1–8 lowercase letters', fields: [{ field: '(root)', message: 'must be 1–8 lowercase letters' }] });

    const body = await call('PUT', '/v1/notes/memo', { body: JSON.stringify({ text: '', extra: 1 }), headers: { 'x-staff': 'yes' } });
    expect(ErrorBodySchema.parse(body.body).error.fields?.map((f) => f.field)).toEqual(['text']);

    const header = await call('PUT', '/v1/notes/memo', { body: JSON.stringify({ text: 'x' }), headers: { 'x-staff': 'yes', 'x-reason': 'far too long a reason' } });
    expect(ErrorBodySchema.parse(header.body).error.message).toMatch(/^invalid X-Reason header: \(root\)/);
  });

  it('checks access before reading anything: a bad input from someone refused is a 403', async () => {
    const res = await call('PUT', '/v1/notes/NOPE', { body: '{"text": ' });
    expect(res.status).toBe(403);
    expect(ErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'FORBIDDEN', message: 'staff only' });
  });

  it("uses a route's own body parser instead of the server's", async () => {
    expect(await call('POST', '/v1/shout', { body: 'hey', headers: { 'content-type': 'text/plain' } })).toMatchObject({ status: 200, body: { shout: 'HEY' } });
    expect((await call('POST', '/v1/shout', { body: 'too long', headers: { 'content-type': 'text/plain' } })).status).toBe(400);
  });

  it('answers 405 with Allow for a known path asked with another method, and OPTIONS with the same list', async () => {
    const res = await call('POST', '/v1/notes/hello', { body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, PUT, DELETE, OPTIONS');
    expect(ErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', message: 'POST is not allowed on /v1/notes/hello: it takes GET, HEAD, PUT, DELETE, OPTIONS' });
    expect((await call('GET', '/v1/shout')).headers.get('allow')).toBe('POST, OPTIONS');

    const options = await call('OPTIONS', '/v1/notes/hello');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, PUT, DELETE, OPTIONS');
    expect((await fetch(`${url}/v1/notes/hello`, { method: 'HEAD' })).status).toBe(200);
    expect((await call('GET', '/v1/nowhere')).status).toBe(404);
  });
});

describe('a route that cannot be mounted', () => {
  const good = ROUTES[0]!;
  const mount = (routes: RouteDescriptor<Access, Deps>[]) => () => mountRoutes(Router(), routes, { deps: { notes: new Map() }, gate: () => undefined });

  it('is refused without access, summary, tag or success answer, naming the route', () => {
    const { access: _access, ...withoutAccess } = good;
    expect(mount([withoutAccess as RouteDescriptor<Access, Deps>])).toThrow('GET /notes/:id says nobody may call it: declare its access');
    expect(mount([{ ...good, summary: ' ' }])).toThrow('GET /notes/:id has no summary');
    expect(mount([{ ...good, tag: '' }])).toThrow('GET /notes/:id has no tag');
    expect(mount([{ ...good, responses: {} }])).toThrow('GET /notes/:id declares no success answer');
  });

  it('is refused when its path parameters are not all declared, or when it is declared twice', () => {
    expect(() => assertMountable([{ ...good, path: '/notes/:id/:rev' }])).toThrow('GET /notes/:id/:rev declares path parameters [id], its path has [id, rev]');
    expect(() => assertMountable([good, good])).toThrow('GET /notes/:id is declared twice');
    expect(routeKey(good)).toBe('GET /notes/:id');
  });

  it('has a handler checked against its own schemas', () => {
    route({
      method: 'get',
      path: '/typed',
      access: 'anyone',
      tag: 'notes',
      summary: 'Typed',
      request: { query: { schema: z.object({ n: z.coerce.number() }), what: 'query' } },
      responses: { 200: { description: 'A note.', body: NoteSchema } },
      // @ts-expect-error: the body must be a Note, and `query.n` is a number
      handler: ({ query }) => ({ id: query.n.toFixed(), txt: 'wrong field' }),
    });
    route({
      method: 'get',
      path: '/typed',
      access: 'anyone',
      tag: 'notes',
      summary: 'Typed',
      responses: { 200: { description: 'A note.', body: NoteSchema } },
      // @ts-expect-error: no path parameter is declared
      handler: ({ params }) => ({ id: params.id, text: 'x' }),
    });
    // @ts-expect-error: access is one of the server's kinds
    route({ method: 'get', path: '/x', access: 'nobody', tag: 't', summary: 's', responses: { 204: { description: 'x' } }, handler: () => undefined });
  });
});
