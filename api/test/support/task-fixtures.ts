import request from 'supertest';

export interface TaskBody {
  title: string;
  description?: string;
  priority?: 'low' | 'medium' | 'high';
  tags?: string[];
  dueAt?: string | null;
  recurrence?: string | null;
  remindAt?: string | null;
  remindMinutesBefore?: number | null;
}

/** Creates a task over HTTP and returns the created task. */
export async function createTask(baseUrl: string, jwt: string, body: Partial<TaskBody> = {}) {
  const response = await request(baseUrl)
    .post('/api/tasks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ title: 'A task', ...body });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; title: string; [key: string]: unknown };
}
