// GET /api/webinars/:id/calendar.ics: the webinar as a calendar file, for anyone signed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../test/helpers/app.ts';
import { calendarFilename } from './webinar-calendar.ts';

const PUBLIC_URL = 'https://webinars.example/app';

let ctx: TestContext;
let host: TestUser;
let student: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ publicUrl: PUBLIC_URL });
  host = await ctx.buildUser({ role: 'host' });
  student = await ctx.buildUser({ role: 'student' });
});
afterAll(() => ctx.close());

/** The content lines of an iCalendar text, folded lines joined. */
const linesOf = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('downloading a webinar for a calendar app', () => {
  it('gives a signed-in student the webinar as an iCalendar attachment linking to its page', async () => {
    const id = await ctx.buildWebinar(host.id, 'Typed SQL: in practice');
    const response = await ctx.as(student, { url: `/api/webinars/${id}/calendar.ics` });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="typed-sql-in-practice.ics"');
    const lines = linesOf(response.body);
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain(`UID:webinar-${id}@webinars.example`);
    expect(lines).toContain(`URL:${PUBLIC_URL}/webinars/${id}`);
    expect(lines).toContain('SUMMARY:Typed SQL: in practice');
    const stamp = ctx.clock
      .now()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    expect(lines).toContain(`DTSTAMP:${stamp}`);
  });

  it('works with a browser session too, as a plain link would fetch it', async () => {
    const id = await ctx.buildWebinar(host.id);
    const session = await ctx.signIn(student.username);
    const response = await session.request({ url: `/api/webinars/${id}/calendar.ics` }, false);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('BEGIN:VEVENT');
  });

  it('links to the local address when no public URL is configured', async () => {
    const id = await ctx.buildWebinar(host.id);
    const local = await ctx.buildAnotherApp({ publicUrl: undefined });
    const response = await local.inject({
      url: `/api/webinars/${id}/calendar.ics`,
      headers: { authorization: `Bearer ${student.token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(linesOf(response.body)).toContain(`URL:http://localhost:${ctx.config.port}/webinars/${id}`);
  });

  it('refuses a signed-out request with 401', async () => {
    const id = await ctx.buildWebinar(host.id);
    const response = await ctx.app.inject({ url: `/api/webinars/${id}/calendar.ics` });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthorized');
  });

  it('is documented in the OpenAPI description as a text/calendar download', async () => {
    const document = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
    const operation = document.paths['/api/webinars/{id}/calendar.ics'].get;
    expect(Object.keys(operation.responses[200].content)).toEqual(['text/calendar']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
  });

  it('answers 404 for a webinar that does not exist, and 400 for an id that is no id', async () => {
    const missing = await ctx.as(student, { url: '/api/webinars/987654/calendar.ics' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const bad = await ctx.as(student, { url: '/api/webinars/abc/calendar.ics' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the file name', () => {
  it.each([
    ['Typed SQL: in practice', 'typed-sql-in-practice.ics'],
    ['Café crème für Anfänger', 'cafe-creme-fur-anfanger.ics'],
    ['"; filename=evil.exe; x="', 'filename-evil-exe-x.ics'],
    ['../../etc/passwd', 'etc-passwd.ics'],
    ['日本語のウェビナー', 'webinar-7.ics'],
    ['a'.repeat(200), `${'a'.repeat(60)}.ics`],
  ])('of "%s" is %s', (title, filename) => {
    expect(calendarFilename({ id: 7, title })).toBe(filename);
  });
});
