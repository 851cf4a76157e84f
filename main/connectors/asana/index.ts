/**
 * Asana through the official SDK. Asana has no idempotency keys, so a create whose answer was lost is
 * reconciled: the next attempt first looks for a project of the same name in the workspace and adopts it.
 * Workflows therefore name projects after the client (the run's business key), which makes names unique.
 */
import Asana from 'asana';
import { z } from 'zod';
import type { Connector } from '../connector';
import { classifyHttpStatus, classifyNetworkError, ConnectorFailure, describeError, type StepFailure } from '../failure';
import { recordingAgentFor } from '../recording';
import { clientPerCredential, type ConnectorSettings } from '../settings';

interface AsanaProject {
  gid: string;
  name: string;
  permalink_url?: string;
}

export function createAsanaConnector(settings: ConnectorSettings): Connector {
  const agent = recordingAgentFor(settings.apiBase, 'asana', settings.sink);
  const client = clientPerCredential((token) => {
    const api = new Asana.ApiClient();
    api.basePath = settings.apiBase.replace(/\/$/, '');
    api.authentications.token!.accessToken = token;
    api.requestAgent = agent;
    api.RETURN_COLLECTION = false;
    api.timeout = 60_000;
    return {
      projects: new Asana.ProjectsApi(api), tasks: new Asana.TasksApi(api), users: new Asana.UsersApi(api),
      templates: new Asana.ProjectTemplatesApi(api),
    };
  });
  const asana = async () => client(await settings.credential());

  const projectInput = z.object({
    name: z.string().min(1).max(255),
    workspace: z.string().min(1),
    team: z.string().min(1).optional(),
    notes: z.string().max(10_000).optional(),
  });

  async function findProject(input: z.output<typeof projectInput>): Promise<AsanaProject | undefined> {
    const { projects } = await asana();
    let offset: string | undefined;
    do {
      const page = (await projects.getProjects({
        workspace: input.workspace, limit: 100, archived: false, opt_fields: 'name,permalink_url', ...(offset && { offset }),
      })) as { data: AsanaProject[]; next_page: { offset: string } | null };
      const found = page.data.find((p) => p.name === input.name);
      if (found) return found;
      offset = page.next_page?.offset;
    } while (offset);
    return undefined;
  }

  return {
    id: 'asana',
    title: 'Asana',
    actions: {
      createProject: {
        title: 'Create project',
        input: projectInput,
        async run(_ctx, input) {
          const { projects } = await asana();
          const body = { data: { name: input.name, workspace: input.workspace, ...(input.team && { team: input.team }), ...(input.notes && { notes: input.notes }) } };
          const created = (await projects.createProject(body, { opt_fields: 'name,permalink_url' })) as { data: AsanaProject };
          return { gid: created.data.gid, name: created.data.name, url: created.data.permalink_url ?? null };
        },
        async reconcile(_ctx, input) {
          const found = await findProject(input);
          return found && { gid: found.gid, name: found.name, url: found.permalink_url ?? null };
        },
      },
      createProjectFromTemplate: {
        title: 'Create project from a template',
        input: z.object({
          template: z.string().min(1),
          name: z.string().min(1).max(255),
          /** Where the project lands; also where an earlier attempt's project is looked for. */
          workspace: z.string().min(1),
          team: z.string().min(1).optional(),
        }),
        // Asana instantiates asynchronously but names the new project at once: no waiting (connectors never sleep).
        async run(_ctx, input) {
          const { templates } = await asana();
          const job = (await templates.instantiateProject(input.template, {
            body: { data: { name: input.name, ...(input.team && { team: input.team }) } },
            opt_fields: 'status,new_project,new_project.name',
          })) as { data: { gid: string; status: string; new_project: AsanaProject | null } };
          if (!job.data.new_project) throw ConnectorFailure.retryable('Asana has not named the new project yet', 'job_pending', 2_000);
          return { gid: job.data.new_project.gid, name: job.data.new_project.name, jobGid: job.data.gid, jobStatus: job.data.status };
        },
        async reconcile(_ctx, input) {
          const found = await findProject(input);
          return found && { gid: found.gid, name: found.name, jobGid: null, jobStatus: 'adopted' };
        },
      },
      addTask: {
        title: 'Add a task to a project',
        input: z.object({ project: z.string().min(1), name: z.string().min(1).max(1_024), notes: z.string().max(65_000).optional() }),
        async run(_ctx, input) {
          const created = (await (await asana()).tasks.createTask(
            { data: { name: input.name, projects: [input.project], ...(input.notes && { notes: input.notes }) } }, { opt_fields: 'name' },
          )) as { data: { gid: string; name: string } };
          return { gid: created.data.gid, name: created.data.name };
        },
        // A task whose answer was lost is found by its name in the project.
        async reconcile(_ctx, input) {
          const page = (await (await asana()).tasks.getTasksForProject(input.project, { opt_fields: 'name', limit: 100 })) as { data: { gid: string; name: string }[] };
          const found = page.data.find((t) => t.name === input.name);
          return found && { gid: found.gid, name: found.name };
        },
      },
      addMembers: {
        title: 'Add people to a project',
        input: z.object({ project: z.string().min(1), emails: z.array(z.email()).min(1).max(50) }),
        // Adding someone who is already a member changes nothing: a repeat is harmless.
        async run(_ctx, input) {
          await (await asana()).projects.addMembersForProject({ data: { members: input.emails.join(',') } }, input.project, {});
          return { project: input.project, members: input.emails };
        },
      },
    },
    classify: classifyAsanaError,
    async testConnection() {
      try {
        const me = (await (await asana()).users.getUser('me', {})) as { data: { name: string } };
        return { ok: true, detail: `Signed in to Asana as ${me.data.name}` };
      } catch (error) {
        const failure = classifyAsanaError(error);
        if (failure.status === 401) return { ok: false, problem: 'bad_credential', detail: failure.message };
        if (failure.status === 403) return { ok: false, problem: 'missing_scope', detail: failure.message };
        if (failure.status === undefined) return { ok: false, problem: 'unreachable', detail: failure.message };
        return { ok: false, problem: 'unknown', detail: failure.message };
      }
    },
  };
}

interface AsanaErrorShape {
  status?: number;
  code?: string;
  message?: string;
  response?: { headers?: Record<string, string>; body?: { errors?: { message?: string }[] } };
}

export function classifyAsanaError(error: unknown): StepFailure {
  const e = (error ?? {}) as AsanaErrorShape;
  if (typeof e.status === 'number') {
    const detail = e.response?.body?.errors?.map((x) => x.message).filter(Boolean).join('; ') || e.message || 'Asana refused the request';
    return classifyHttpStatus(e.status, detail, e.response?.headers?.['retry-after']);
  }
  if (e.code === 'ECONNABORTED' || /timeout/i.test(e.message ?? '')) {
    return { kind: 'retryable', code: 'timeout', message: 'Asana did not answer in time', outcomeUnknown: true };
  }
  return classifyNetworkError(e.code, describeError(error)) ?? { kind: 'permanent', code: 'unexpected', message: describeError(error) };
}
