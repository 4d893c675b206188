import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { onDatabase } from '../support/token-fixtures.js';

interface Task {
  id: string;
  title: string;
  description: string;
  priority: string;
  tags: string[];
  dueAt: string | null;
  completed: boolean;
  recurrence: string | null;
}
interface Completed extends Task {
  next: Task | null;
}

describe('recurring tasks', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  const http = () => request(api.baseUrl);
  const auth = (user: TestUser) => ({ Authorization: `Bearer ${user.jwt}` });
  const setTimeZone = (user: TestUser, timeZone: string) =>
    http().patch('/api/users/me').set(auth(user)).send({ timeZone }).expect(200);
  const complete = (user: TestUser, id: string, body: object = {}) =>
    http().patch(`/api/tasks/${id}/complete`).set(auth(user)).send(body);
  const tasksTitled = (user: TestUser, title: string) =>
    onDatabase(api.databaseUrl, async (client) => {
      const { rows } = await client.query<{ id: string; due_at: Date; completed: boolean }>(
        'select id, due_at, completed from task where owner_id = $1 and title = $2 order by due_at',
        [user.id, title],
      );
      return rows;
    });
  /** A user in `zone` with tasks around its today, and the titles each due view answers. */
  async function dueViewsOfAFreshUser(zone: string, startOfToday: DateTime) {
    const user = await createUser(api.baseUrl);
    await setTimeZone(user, zone);
    const at = (time: DateTime) => time.toUTC().toISO()!;
    const add = (title: string, dueAt?: DateTime) =>
      createTask(api.baseUrl, user.jwt, { title, ...(dueAt ? { dueAt: at(dueAt) } : {}) });
    await add('late yesterday', startOfToday.minus({ minutes: 1 }));
    await add('early today', startOfToday.plus({ minutes: 1 }));
    await add('late today', startOfToday.plus({ hours: 23, minutes: 59 }));
    await add('tomorrow', startOfToday.plus({ days: 1, minutes: 1 }));
    await add('no date');
    const doneLastWeek = await add('done last week', startOfToday.minus({ days: 7 }));
    await complete(user, doneLastWeek.id).expect(200);
    const titles = async (query: string) =>
      ((await http().get(`/api/tasks?${query}`).set(auth(user)).expect(200)).body.items as Task[])
        .map((task) => task.title)
        .sort();
    return {
      today: await titles('due=today'),
      overdue: await titles('due=overdue'),
      upcoming: await titles('due=upcoming'),
      todayDone: await titles('due=today&status=done'),
    };
  }

  const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toUTC().toISO()!;
  const inBerlin = (iso: string) => DateTime.fromISO(iso).setZone('Europe/Berlin').toFormat("yyyy-MM-dd'T'HH:mm ccc");

  describe('creating and changing the rule', () => {
    it('keeps the rule in canonical form and answers it with the task', async () => {
      const user = await createUser(api.baseUrl);
      const task = await createTask(api.baseUrl, user.jwt, {
        title: 'Water the plants',
        dueAt: '2026-12-07T08:00:00Z',
        recurrence: 'rrule:freq=weekly;byday=fr,mo',
      });
      expect(task.recurrence).toBe('FREQ=WEEKLY;BYDAY=MO,FR');
      const read = await http().get(`/api/tasks/${task.id}`).set(auth(user)).expect(200);
      expect(read.body.recurrence).toBe('FREQ=WEEKLY;BYDAY=MO,FR');
    });

    it.each([
      ['FREQ=SECONDLY', /FREQ must be/],
      ['FREQ=DAILY;BYHOUR=1,2,3', /BYHOUR is not supported/],
      ['FREQ=DAILY;COUNT=1001', /COUNT/],
      ['FREQ=DAILY;UNTIL=20991231', /more than 1000 occurrences/],
      ['FREQ=DAILY\r\nRRULE:FREQ=SECONDLY', /NAME=VALUE/],
    ])('refuses %j with a 400 that names the recurrence field, and stores nothing', async (recurrence, message) => {
      const user = await createUser(api.baseUrl);
      const response = await http()
        .post('/api/tasks')
        .set(auth(user))
        .send({ title: 'Abuse', dueAt: '2026-12-07T08:00:00Z', recurrence });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([{ field: 'recurrence', message: expect.stringMatching(message) }]);
      expect(await tasksTitled(user, 'Abuse')).toHaveLength(0);
    });

    it('refuses a non-string recurrence', async () => {
      const user = await createUser(api.baseUrl);
      for (const recurrence of [7, ['FREQ=DAILY'], { freq: 'DAILY' }, true]) {
        const response = await http()
          .post('/api/tasks')
          .set(auth(user))
          .send({ title: 'x', dueAt: '2026-12-07T08:00:00Z', recurrence });
        expect(response.status).toBe(400);
      }
    });

    it('needs a due date, on create and when a PATCH would clear it', async () => {
      const user = await createUser(api.baseUrl);
      const refused = await http()
        .post('/api/tasks')
        .set(auth(user))
        .send({ title: 'No date', recurrence: 'FREQ=DAILY' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'recurrence', message: expect.stringMatching(/needs a dueAt/) }]);

      const task = await createTask(api.baseUrl, user.jwt, {
        title: 'Daily',
        dueAt: '2026-12-07T08:00:00Z',
        recurrence: 'FREQ=DAILY',
      });
      const cleared = await http().patch(`/api/tasks/${task.id}`).set(auth(user)).send({ dueAt: null });
      expect(cleared.status).toBe(400);
      expect(cleared.body.errors).toEqual([{ field: 'dueAt', message: expect.stringMatching(/needs a dueAt/) }]);
      const unchanged = await http().get(`/api/tasks/${task.id}`).set(auth(user)).expect(200);
      expect(unchanged.body).toMatchObject({ dueAt: '2026-12-07T08:00:00.000Z', recurrence: 'FREQ=DAILY' });

      // PUT replaces every field: a recurrence without a due date is refused the same way.
      const put = await http()
        .put(`/api/tasks/${task.id}`)
        .set(auth(user))
        .send({ title: 'Daily', recurrence: 'FREQ=DAILY' });
      expect(put.status).toBe(400);
    });
  });

  describe('completing', () => {
    it('creates the next occurrence with the same fields, at the same local time across a DST change', async () => {
      const user = await createUser(api.baseUrl);
      await setTimeZone(user, 'Europe/Berlin');
      // Monday 23 March 2026, 09:00 in Berlin; clocks go forward on Sunday 29 March.
      const task = await createTask(api.baseUrl, user.jwt, {
        title: 'Team sync',
        description: 'Agenda in the doc',
        priority: 'high',
        tags: ['work', 'weekly'],
        dueAt: berlin('2026-03-23T09:00'),
        recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      });

      const response = await complete(user, task.id).expect(200);
      const body = response.body as Completed;
      expect(body).toMatchObject({ id: task.id, completed: true });
      expect(body.next).toMatchObject({
        title: 'Team sync',
        description: 'Agenda in the doc',
        priority: 'high',
        tags: ['work', 'weekly'],
        completed: false,
        recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      });
      expect(inBerlin(body.next!.dueAt!)).toBe('2026-03-30T09:00 Mon');
      // 08:00 UTC before the change, 07:00 UTC after it: the wall clock is what stays.
      expect(body.dueAt).toBe('2026-03-23T08:00:00.000Z');
      expect(body.next!.dueAt).toBe('2026-03-30T07:00:00.000Z');

      const listed = await http().get('/api/tasks?status=open').set(auth(user)).expect(200);
      expect(listed.body.items.map((item: Task) => item.id)).toEqual([body.next!.id]);
    });

    it('creates exactly one next occurrence under 20 concurrent completes, and every answer names it', async () => {
      const user = await createUser(api.baseUrl);
      const task = await createTask(api.baseUrl, user.jwt, {
        title: 'Concurrent',
        dueAt: '2026-12-07T08:00:00Z',
        recurrence: 'FREQ=DAILY',
      });
      const answers = await Promise.all(Array.from({ length: 20 }, () => complete(user, task.id)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      const nextIds = new Set(answers.map((answer) => (answer.body as Completed).next?.id));
      expect(nextIds.size).toBe(1);
      expect([...nextIds][0]).toEqual(expect.any(String));

      const rows = await tasksTitled(user, 'Concurrent');
      expect(rows).toHaveLength(2);
      expect(rows.map((row) => [row.due_at.toISOString(), row.completed])).toEqual([
        ['2026-12-07T08:00:00.000Z', true],
        ['2026-12-08T08:00:00.000Z', false],
      ]);
    });

    it('keeps the next occurrence when the task is reopened, and completing again creates no second one', async () => {
      const user = await createUser(api.baseUrl);
      const task = await createTask(api.baseUrl, user.jwt, {
        title: 'Reopened',
        dueAt: '2026-12-07T08:00:00Z',
        recurrence: 'FREQ=DAILY',
      });
      const first = (await complete(user, task.id).expect(200)).body as Completed;
      const reopened = (await complete(user, task.id, { completed: false }).expect(200)).body as Completed;
      expect(reopened).toMatchObject({ completed: false, next: null });
      const again = (await complete(user, task.id).expect(200)).body as Completed;
      expect(again.next?.id).toBe(first.next?.id);
      expect(await tasksTitled(user, 'Reopened')).toHaveLength(2);
    });

    it('moves the series on when PATCH or PUT completes the task', async () => {
      const user = await createUser(api.baseUrl);
      const task = await createTask(api.baseUrl, user.jwt, {
        title: 'Patched',
        dueAt: '2026-12-07T08:00:00Z',
        recurrence: 'FREQ=DAILY',
      });
      const patched = await http().patch(`/api/tasks/${task.id}`).set(auth(user)).send({ completed: true }).expect(200);
      expect(patched.body).toMatchObject({ completed: true });
      expect((await tasksTitled(user, 'Patched')).map((row) => row.completed)).toEqual([true, false]);
    });

    it('ends the series after COUNT occurrences, counting down on each next task', async () => {
      const user = await createUser(api.baseUrl);
      const task = await createTask(api.baseUrl, user.jwt, {
        title: 'Twice',
        dueAt: '2026-12-07T08:00:00Z',
        recurrence: 'FREQ=DAILY;COUNT=2',
      });
      const first = (await complete(user, task.id).expect(200)).body as Completed;
      expect(first.next?.recurrence).toBe('FREQ=DAILY;COUNT=1');
      const last = (await complete(user, first.next!.id).expect(200)).body as Completed;
      expect(last.next).toBeNull();
      expect(await tasksTitled(user, 'Twice')).toHaveLength(2);
    });

    it('stops repeating when the recurrence is set to null', async () => {
      const user = await createUser(api.baseUrl);
      const task = await createTask(api.baseUrl, user.jwt, {
        title: 'Stopped',
        dueAt: '2026-12-07T08:00:00Z',
        recurrence: 'FREQ=DAILY',
      });
      const stopped = await http()
        .patch(`/api/tasks/${task.id}`)
        .set(auth(user))
        .send({ recurrence: null })
        .expect(200);
      expect(stopped.body.recurrence).toBeNull();
      expect(((await complete(user, task.id).expect(200)).body as Completed).next).toBeNull();
      expect(await tasksTitled(user, 'Stopped')).toHaveLength(1);
    });

    it('answers next: null for a task that does not repeat', async () => {
      const user = await createUser(api.baseUrl);
      const task = await createTask(api.baseUrl, user.jwt, { title: 'Once' });
      expect(((await complete(user, task.id).expect(200)).body as Completed).next).toBeNull();
    });

    it("never lets another user complete someone's series, and the next occurrence is the owner's", async () => {
      const owner = await createUser(api.baseUrl);
      const intruder = await createUser(api.baseUrl);
      const task = await createTask(api.baseUrl, owner.jwt, {
        title: 'Mine',
        dueAt: '2026-12-07T08:00:00Z',
        recurrence: 'FREQ=DAILY',
      });
      await complete(intruder, task.id).expect(404);
      await http().patch(`/api/users/${owner.id}/tasks/${task.id}/complete`).set(auth(intruder)).send({}).expect(403);
      expect(await tasksTitled(owner, 'Mine')).toHaveLength(1);

      const done = (await complete(owner, task.id).expect(200)).body as Completed;
      const stolen = await http().get(`/api/tasks/${done.next!.id}`).set(auth(intruder));
      expect(stolen.status).toBe(404);
      const intruderList = await http().get('/api/tasks').set(auth(intruder)).expect(200);
      expect(intruderList.body.items).toEqual([]);
    });
  });

  describe('the time zone and the due views', () => {
    it('is UTC until set, takes IANA names and refuses anything else', async () => {
      const user = await createUser(api.baseUrl);
      expect((await http().get('/api/users/me').set(auth(user)).expect(200)).body.timeZone).toBe('UTC');
      expect((await setTimeZone(user, 'America/New_York')).body.timeZone).toBe('America/New_York');
      for (const timeZone of ['+02:00', 'Mars/Olympus_Mons', 'Europe/Berlin\n', 'x'.repeat(65), '', 42, null]) {
        const response = await http().patch('/api/users/me').set(auth(user)).send({ timeZone });
        expect(response.status).toBe(400);
        expect(response.body.errors?.[0]?.field).toBe('timeZone');
      }
      const unknownField = await http().patch('/api/users/me').set(auth(user)).send({ email: 'other@example.test' });
      expect(unknownField.status).toBe(400);
      expect((await http().get('/api/users/me').set(auth(user)).expect(200)).body).toMatchObject({
        timeZone: 'America/New_York',
        email: user.email,
      });
    });

    it("never shows another user's tasks in the due views", async () => {
      const zone = 'Europe/Berlin';
      const viewer = await createUser(api.baseUrl);
      const other = await createUser(api.baseUrl);
      await setTimeZone(viewer, zone);
      await setTimeZone(other, zone);
      const startOfToday = DateTime.now().setZone(zone).startOf('day');
      const dueAt = (time: DateTime) => time.toUTC().toISO()!;
      await createTask(api.baseUrl, other.jwt, {
        title: 'theirs overdue',
        dueAt: dueAt(startOfToday.minus({ days: 1 })),
      });
      await createTask(api.baseUrl, other.jwt, {
        title: 'theirs today',
        dueAt: dueAt(startOfToday.plus({ hours: 12 })),
      });
      await createTask(api.baseUrl, other.jwt, {
        title: 'theirs upcoming',
        dueAt: dueAt(startOfToday.plus({ days: 3 })),
      });
      for (const due of ['today', 'overdue', 'upcoming']) {
        const listed = await http().get(`/api/tasks?due=${due}`).set(auth(viewer)).expect(200);
        expect(listed.body.items).toEqual([]);
      }
      const theirs = await http().get('/api/tasks?due=upcoming').set(auth(other)).expect(200);
      expect(theirs.body.items.map((task: Task) => task.title)).toEqual(['theirs upcoming']);
    });

    it("answers today, overdue and upcoming in the caller's time zone", async () => {
      // Far from UTC, so its day and UTC's differ for most of the day.
      const zone = 'Pacific/Kiritimati';
      const today = () => DateTime.now().setZone(zone).startOf('day');
      // The server reads its own clock: a run that straddles local midnight is repeated once.
      for (let attempt = 1; ; attempt += 1) {
        const startOfToday = today();
        const titles = await dueViewsOfAFreshUser(zone, startOfToday);
        if (+today() !== +startOfToday && attempt === 1) continue;
        expect(titles.today).toEqual(['early today', 'late today']);
        expect(titles.overdue).toContain('late yesterday');
        expect(titles.overdue).not.toContain('done last week');
        expect(titles.overdue).not.toContain('tomorrow');
        expect(titles.upcoming).toEqual(['tomorrow']);
        expect(titles.todayDone).toEqual([]);
        break;
      }

      const user = await createUser(api.baseUrl);
      const refused = await http().get('/api/tasks?due=yesterday').set(auth(user));
      expect(refused.status).toBe(400);
    });
  });
});
