/**
 * The Asana fake, driven by the official `asana` SDK (v3) over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AsanaFake, ASANA_SANDBOX_WORKSPACE_GID } from './asana-fake';
import { asanaClient } from './sdk-clients';
import { rejectionOf } from '../test-support/rejection';

const fake = new AsanaFake({ seed: 11 });
let asana: ReturnType<typeof asanaClient>;

beforeAll(async () => {
  await fake.start();
  asana = asanaClient(fake.connection, { timeout: 1000 });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const ws = ASANA_SANDBOX_WORKSPACE_GID;

describe('reads', () => {
  it('knows the signed-in user and the sandbox workspace', async () => {
    const me = await asana.users.getUser('me', {});
    expect(me.data).toMatchObject({ resource_type: 'user', name: 'Keel Bot', email: 'keel-bot@keel.example' });
    const workspaces = await asana.workspaces.getWorkspaces({});
    expect(workspaces.data).toEqual([{ gid: ws, resource_type: 'workspace', name: 'Keel Sandbox' }]);
  });

  it('answers 401 Not Authorized in the errors envelope without a token, and 404 for unknown objects', async () => {
    const anonymous = await rejectionOf(asanaClient({ basePath: fake.connection.basePath, token: '' }).users.getUser('me', {}));
    expect(anonymous.status).toBe(401);
    expect(anonymous.response.body.errors[0]).toMatchObject({ message: 'Not Authorized' });
    expect(anonymous.response.body.errors[0].help).toContain('developers.asana.com');
    const missing = await rejectionOf(asana.projects.getProject('1', {}));
    expect(missing.status).toBe(404);
  });
});

describe('projects', () => {
  it('creates a project (201, full record, JSON {data} body) and honours opt_fields', async () => {
    const created = await asana.projects.createProject({ data: { name: 'Acme onboarding (ctr_1)', workspace: ws, notes: 'Plan: enterprise' } }, {});
    expect(created.data).toMatchObject({ resource_type: 'project', name: 'Acme onboarding (ctr_1)', notes: 'Plan: enterprise', archived: false, workspace: { gid: ws } });
    expect(created.data.gid).toMatch(/^\d{16}$/);
    expect(created.data.permalink_url).toContain(created.data.gid);
    const sent = fake.requests({ method: 'POST', path: '/api/1.0/projects' })[0];
    expect(JSON.parse(sent!.body)).toEqual({ data: { name: 'Acme onboarding (ctr_1)', workspace: ws, notes: 'Plan: enterprise' } });
    expect(sent!.status).toBe(201);
    const slim = await asana.projects.getProject(created.data.gid, { opt_fields: 'name,permalink_url' });
    expect(slim.data).toEqual({ gid: created.data.gid, name: 'Acme onboarding (ctr_1)', permalink_url: created.data.permalink_url });
    expect(fake.created()).toEqual({ project: 1 });
  });

  it('refuses a project without a workspace or team', async () => {
    const e = await rejectionOf(asana.projects.createProject({ data: { name: 'Nowhere' } }, {}));
    expect(e.status).toBe(400);
    expect(e.response.body.errors[0].message).toBe('workspace: Missing input');
  });

  it('lists projects compactly with offset pagination, so a lost create can be found by name', async () => {
    for (let i = 0; i < 5; i++) await asana.projects.createProject({ data: { name: `P${i}`, workspace: ws } }, {});
    const names: string[] = [];
    let offset: string | undefined;
    do {
      const page = await asana.projects.getProjects({ workspace: ws, limit: 2, archived: false, opt_fields: 'name', ...(offset && { offset }) });
      names.push(...page.data.map((p: { name: string }) => p.name));
      offset = page.next_page?.offset;
    } while (offset);
    expect(names).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
    const compact = await asana.projects.getProjects({ workspace: ws });
    expect(compact.data[0]).toEqual({ gid: expect.any(String), resource_type: 'project', name: 'P0' });
    const found = await asana.typeahead.typeaheadForWorkspace(ws, 'project', { query: 'p3' });
    expect(found.data.map((p: { name: string }) => p.name)).toEqual(['P3']);
  });

  it('instantiates a template through a job that succeeds on the next poll', async () => {
    const template = fake.connection.templateGid;
    const job = await asana.templates.instantiateProject(template, { body: { data: { name: 'Globex onboarding', public: true } } });
    expect(job.data).toMatchObject({ resource_type: 'job', status: 'in_progress', new_project: { resource_type: 'project', name: 'Globex onboarding' } });
    const polled = await asana.jobs.getJob(job.data.gid, {});
    expect(polled.data.status).toBe('succeeded');
    const tasks = await asana.tasks.getTasksForProject(job.data.new_project.gid, {});
    expect(tasks.data.map((t: { name: string }) => t.name)).toEqual(['Kickoff call', 'Collect requirements', 'Provision accounts', 'First review']);
    expect(fake.created()).toEqual({ project: 1, job: 1 });
  });

  it('adds members by email or gid; an unknown email is refused unless users are auto-created', async () => {
    const { data: project } = await asana.projects.createProject({ data: { name: 'Members', workspace: ws } }, {});
    const updated = await asana.projects.addMembersForProject({ data: { members: 'ops@keel.example' } }, project.gid, {});
    expect(updated.data.members.map((m: { name: string }) => m.name)).toEqual(['Keel Bot', 'Olive Ops']);
    await asana.projects.addMembersForProject({ data: { members: 'ops@keel.example' } }, project.gid, {});
    expect(fake.created().membership).toBe(1);
    const e = await rejectionOf(asana.projects.addMembersForProject({ data: { members: 'stranger@client.example' } }, project.gid, {}));
    expect(e.status).toBe(400);

    const lenient = await new AsanaFake({ autoCreateUsers: true }).start();
    try {
      const client = asanaClient(lenient.connection);
      const p = await client.projects.createProject({ data: { name: 'L', workspace: ws } }, {});
      const r = await client.projects.addMembersForProject({ data: { members: 'stranger@client.example' } }, p.data.gid, {});
      expect(r.data.members).toHaveLength(2);
    } finally {
      await lenient.stop();
    }
  });

  it('creates tasks in a project', async () => {
    const { data: project } = await asana.projects.createProject({ data: { name: 'Tasks', workspace: ws } }, {});
    const task = await asana.tasks.createTask({ data: { name: 'Send welcome pack', projects: [project.gid], assignee: 'me', due_on: '2026-12-01' } }, {});
    expect(task.data).toMatchObject({ resource_type: 'task', name: 'Send welcome pack', due_on: '2026-12-01', assignee: { name: 'Keel Bot' }, projects: [{ gid: project.gid }] });
    const bad = await rejectionOf(asana.tasks.createTask({ data: { name: 'Orphan' } }, {}));
    expect(bad.status).toBe(400);
    expect(fake.created()).toEqual({ project: 1, task: 1 });
  });
});

describe('faults', () => {
  it('surfaces 429 with Retry-After on the error response', async () => {
    fake.inject({ method: 'POST', path: '/api/1.0/projects' }, { status: 429, retryAfterSeconds: 30 });
    const e = await rejectionOf(asana.projects.createProject({ data: { name: 'Limited', workspace: ws } }, {}));
    expect(e.status).toBe(429);
    expect(e.response.headers['retry-after']).toBe('30');
    expect(e.response.body.errors[0].message).toContain('too many requests');
    expect(fake.created()).toEqual({});
  });

  it('reset-after creates the project while the SDK sees ECONNRESET; the project can then be found by name', async () => {
    fake.inject({ method: 'POST', path: /\/projects$/ }, { kind: 'reset-after' });
    const e = await rejectionOf(asana.projects.createProject({ data: { name: 'Crashed (ctr_9)', workspace: ws } }, {}));
    expect(e.code).toBe('ECONNRESET');
    expect(e.status).toBeUndefined();
    expect(fake.created()).toEqual({ project: 1 });
    const page = await asana.projects.getProjects({ workspace: ws, limit: 100, opt_fields: 'name' });
    expect(page.data.map((p: { name: string }) => p.name)).toEqual(['Crashed (ctr_9)']);
  });

  it('times out as ECONNABORTED when the fake never answers', async () => {
    fake.inject({ path: '/api/1.0/users/me' }, { kind: 'timeout' });
    const e = await rejectionOf(asanaClient(fake.connection, { timeout: 200 }).users.getUser('me', {}));
    expect(e.code).toBe('ECONNABORTED');
  });
});
