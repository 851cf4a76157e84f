/**
 * A local Asana under `/api/1.0`: the signed-in user, a workspace with one team, projects (plain or from a
 * template, via an asynchronous job as Asana does it), tasks and project members. `{ data }` envelopes,
 * `{ errors: [{ message, help }] }` errors, offset pagination, `opt_fields`, and typeahead to find a project
 * by name — Asana has no idempotency keys, so that lookup is how a crashed create is reconciled.
 */
import { bearerToken, FakeServer, Router, type ErrorAction, type FakeRequest, type FakeResponse, type FakeServerOptions } from './fake-server';
import { AsanaStore } from './asana-store';
import {
  AsanaError,
  asanaErrorResponse,
  checkDate,
  compact,
  compactUser,
  defaultAsanaMessage,
  gidList,
  isoNow,
  optFields,
  render,
  type AsanaRecord,
  type AsanaTemplate,
  type AsanaUser,
} from './asana-model';

export const ASANA_SANDBOX_TOKEN = '2/1200000000000001/1200000000000002:keelsandboxpat';
export const ASANA_BASE_PATH = '/api/1.0';
export { ASANA_SANDBOX_TEAM_GID, ASANA_SANDBOX_USER_GID, ASANA_SANDBOX_WORKSPACE_GID } from './asana-store';

export interface AsanaFakeOptions extends FakeServerOptions {
  /** The one personal access token accepted. Default: ASANA_SANDBOX_TOKEN. */
  token?: string;
  /** `addMembers` / `assignee` with an unknown email creates that user (sandbox demos). Default false. */
  autoCreateUsers?: boolean;
  /** GETs of an instantiate job before it reports `succeeded`; 0 answers the POST already succeeded. Default 1. */
  jobPollsUntilDone?: number;
  /** The workspace is an organization, so projects must name a team, as in Asana. Default false. */
  organization?: boolean;
}

interface Ctx {
  req: FakeRequest;
  data: Record<string, unknown>;
  fields: string[] | undefined;
}
type Handler = (ctx: Ctx, params: string[]) => FakeResponse;

export class AsanaFake extends FakeServer {
  private readonly options: AsanaFakeOptions;
  private s!: AsanaStore;
  private readonly router = new Router<Handler>();

  constructor(options: AsanaFakeOptions = {}) {
    super(options);
    this.options = options;
    this.resetState();
    const r = this.router;
    const gid = '(\\d+|me)';
    r.on('GET', /^\/users\/me$/, (c) => this.one(c, this.s.me, false));
    r.on('GET', new RegExp(`^/users/${gid}$`), (c, [g]) => this.one(c, this.s.user(g as string), false));
    r.on('GET', /^\/users$/, (c) => this.many(c, [...this.s.users.values()]));
    r.on('GET', /^\/workspaces$/, (c) => this.many(c, [this.s.workspace]));
    r.on('GET', new RegExp(`^/workspaces/${gid}$`), (c, [g]) => this.one(c, this.s.workspaceByGid(g as string), false));
    r.on('GET', new RegExp(`^/workspaces/${gid}/teams$`), (c, [g]) => (this.s.workspaceByGid(g as string), this.many(c, [this.s.team])));
    r.on('GET', new RegExp(`^/workspaces/${gid}/typeahead$`), (c, [g]) => this.typeahead(c, g as string));
    r.on('GET', new RegExp(`^/teams/${gid}$`), (c, [g]) => this.one(c, this.s.teamByGid(g as string), false));
    r.on('GET', /^\/projects$/, (c) => this.listProjects(c));
    r.on('POST', /^\/projects$/, (c) => this.createProject(c));
    r.on('GET', new RegExp(`^/projects/${gid}$`), (c, [g]) => this.one(c, this.s.project(g as string), false));
    r.on('DELETE', new RegExp(`^/projects/${gid}$`), (_c, [g]) => this.deleteProject(g as string));
    r.on('GET', new RegExp(`^/projects/${gid}/tasks$`), (c, [g]) => this.projectTasks(c, g as string));
    r.on('POST', new RegExp(`^/projects/${gid}/addMembers$`), (c, [g]) => this.addMembers(c, g as string));
    r.on('GET', /^\/project_templates$/, (c) => this.many(c, [...this.s.templates.values()]));
    r.on('GET', new RegExp(`^/project_templates/${gid}$`), (c, [g]) => this.one(c, this.s.template(g as string), false));
    r.on('POST', new RegExp(`^/project_templates/${gid}/instantiateProject$`), (c, [g]) => this.instantiate(c, g as string));
    r.on('GET', new RegExp(`^/jobs/${gid}$`), (c, [g]) => this.getJob(c, g as string));
    r.on('POST', /^\/tasks$/, (c) => this.createTask(c));
    r.on('GET', new RegExp(`^/tasks/${gid}$`), (c, [g]) => this.one(c, this.s.task(g as string), false));
  }

  /** What the SDK needs: `client.basePath` and the token for `authentications.token.accessToken`. */
  get connection(): { basePath: string; token: string; workspaceGid: string; teamGid: string; templateGid: string } {
    return {
      basePath: `${this.origin}${ASANA_BASE_PATH}`,
      token: this.options.token ?? ASANA_SANDBOX_TOKEN,
      workspaceGid: this.s.workspace.gid,
      teamGid: this.s.team.gid,
      templateGid: [...this.s.templates.keys()][0] as string,
    };
  }

  get workspaceGid(): string {
    return this.s.workspace.gid;
  }
  get teamGid(): string {
    return this.s.team.gid;
  }
  get meGid(): string {
    return this.s.me.gid;
  }
  projects(): AsanaRecord[] {
    return [...this.s.projects.values()];
  }
  tasks(): AsanaRecord[] {
    return [...this.s.tasks.values()];
  }
  users(): AsanaUser[] {
    return [...this.s.users.values()];
  }
  templates(): AsanaTemplate[] {
    return [...this.s.templates.values()];
  }

  addUser(spec: { name: string; email: string }): AsanaUser {
    return this.s.addUser(spec);
  }
  addTemplate(spec: { name: string; taskNames?: string[] }): AsanaTemplate {
    return this.s.addTemplate(spec);
  }

  protected resetState(): void {
    this.s = new AsanaStore(this.rng, this.options);
  }

  protected route(req: FakeRequest): FakeResponse {
    try {
      const token = bearerToken(req.headers);
      if (!token || token !== (this.options.token ?? ASANA_SANDBOX_TOKEN)) throw new AsanaError(401, 'Not Authorized');
      if (!req.path.startsWith(`${ASANA_BASE_PATH}/`)) throw new AsanaError(404, 'No matching route for request');
      const path = req.path.slice(ASANA_BASE_PATH.length);
      const found = this.router.find(req.method, path);
      if (!found) throw new AsanaError(404, 'No matching route for request');
      return found.handler({ req, data: this.bodyData(req), fields: optFields(req.query) }, found.params);
    } catch (error) {
      if (error instanceof AsanaError) return asanaErrorResponse(error.status, error.message);
      throw error;
    }
  }

  protected errorResponse(action: ErrorAction): FakeResponse {
    const headers: Record<string, string> = {};
    if (action.retryAfterSeconds !== undefined) headers['retry-after'] = String(action.retryAfterSeconds);
    const status = action.status === 200 ? 400 : action.status;
    return asanaErrorResponse(status, action.message ?? action.platformError ?? action.reason ?? defaultAsanaMessage(status), headers);
  }

  /** Asana takes `{ "data": { … } }` as JSON, or flat form fields. */
  private bodyData(req: FakeRequest): Record<string, unknown> {
    if (req.method === 'GET' || req.method === 'DELETE' || req.body === '') return {};
    const type = String(req.headers['content-type'] ?? '');
    if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(req.body));
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body);
    } catch {
      throw new AsanaError(400, 'Could not parse request data, invalid JSON');
    }
    const data = (parsed as { data?: unknown } | null)?.data;
    if (data === undefined) return {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new AsanaError(400, 'data: Value is not an object');
    return data as Record<string, unknown>;
  }

  private one(c: Ctx, record: AsanaRecord, compactByDefault: boolean, status = 200): FakeResponse {
    return { status, body: { data: render(this.strip(record), c.fields, compactByDefault) } };
  }

  /** Lists are compact by default, and paginate only when `limit` is given (then `next_page` is always present). */
  private many(c: Ctx, records: AsanaRecord[]): FakeResponse {
    const limitRaw = c.req.query.get('limit');
    const rows = (list: AsanaRecord[]) => list.map((r) => render(this.strip(r), c.fields, true));
    if (limitRaw === null) return { status: 200, body: { data: rows(records) } };
    const limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new AsanaError(400, 'limit: Must be between 1 and 100');
    const offsetRaw = c.req.query.get('offset');
    const start = offsetRaw === null ? 0 : decodeOffset(offsetRaw);
    const end = start + limit;
    let next_page = null;
    if (end < records.length) {
      const offset = Buffer.from(`keel:${end}`).toString('base64url');
      const query = new URLSearchParams(c.req.query);
      query.set('offset', offset);
      const path = `${c.req.path.slice(ASANA_BASE_PATH.length)}?${query.toString()}`;
      next_page = { offset, path, uri: `https://app.asana.com/api/1.0${path}` };
    }
    return { status: 200, body: { data: rows(records.slice(start, end)), next_page } };
  }

  /** Internal bookkeeping fields (template task names) never leave the fake. */
  private strip(record: AsanaRecord): AsanaRecord {
    if (record.resource_type !== 'project_template') return record;
    const { taskNames: _names, teamGid: _team, ...rest } = record as AsanaTemplate;
    return rest as AsanaRecord;
  }

  private typeahead(c: Ctx, workspaceGid: string): FakeResponse {
    this.s.workspaceByGid(workspaceGid);
    const type = c.req.query.get('resource_type') ?? c.req.query.get('type');
    if (!type) throw new AsanaError(400, 'resource_type: Missing input');
    const q = (c.req.query.get('query') ?? '').toLowerCase();
    const count = Math.min(Number(c.req.query.get('count') ?? 20) || 20, 100);
    const pool: AsanaRecord[] =
      type === 'project' ? [...this.s.projects.values()].filter((p) => !p.archived)
      : type === 'user' ? [...this.s.users.values()]
      : type === 'task' ? [...this.s.tasks.values()]
      : type === 'team' ? [this.s.team]
      : type === 'project_template' ? [...this.s.templates.values()]
      : [];
    // Real typeahead ranks fuzzy word matches; a case-insensitive substring is the sandbox's approximation,
    // so callers must still compare names exactly.
    const hits = pool.filter((r) => String(r.name ?? '').toLowerCase().includes(q)).slice(0, count);
    return { status: 200, body: { data: hits.map((r) => render(this.strip(r), c.fields, true)) } };
  }

  private listProjects(c: Ctx): FakeResponse {
    const ws = c.req.query.get('workspace');
    const team = c.req.query.get('team');
    const archived = c.req.query.get('archived');
    if (ws !== null) this.s.workspaceByGid(ws);
    if (team !== null) this.s.teamByGid(team);
    const rows = [...this.s.projects.values()].filter(
      (p) =>
        (team === null || (p.team as AsanaRecord | null)?.gid === team) &&
        (archived === null || String(p.archived) === archived),
    );
    return this.many(c, rows);
  }

  private createProject(c: Ctx): FakeResponse {
    const { data } = c;
    let team: AsanaRecord | null = null;
    if (data.team !== undefined) {
      if (String(data.team) !== this.s.team.gid) throw new AsanaError(400, `team: Not a recognized ID: ${String(data.team)}`);
      team = this.s.team;
    }
    if (data.workspace !== undefined && String(data.workspace) !== this.s.workspace.gid) {
      throw new AsanaError(400, `workspace: Not a recognized ID: ${String(data.workspace)}`);
    }
    if (data.workspace === undefined && !team) throw new AsanaError(400, 'workspace: Missing input');
    if (!team && this.s.workspace.is_organization) throw new AsanaError(400, 'team: Missing input');
    const project = this.s.newProject(String(data.name ?? ''), {
      notes: data.notes === undefined ? undefined : String(data.notes),
      team,
      isPublic: typeof data.public === 'boolean' ? data.public : undefined,
    });
    project.due_on = checkDate(data.due_on, 'due_on');
    this.track('project', project);
    return this.one(c, project, false, 201);
  }

  private deleteProject(gid: string): FakeResponse {
    this.s.project(gid);
    this.s.projects.delete(gid);
    return { status: 200, body: { data: {} } };
  }

  private projectTasks(c: Ctx, gid: string): FakeResponse {
    this.s.project(gid);
    const rows = [...this.s.tasks.values()].filter((t) => (t.projects as AsanaRecord[]).some((p) => p.gid === gid));
    return this.many(c, rows);
  }

  private addMembers(c: Ctx, gid: string): FakeResponse {
    const project = this.s.project(gid);
    const refs = gidList(c.data.members);
    if (refs.length === 0) throw new AsanaError(400, 'members: Missing input');
    const users = refs.map((ref) => this.s.resolveUser(ref, 'members'));
    const members = project.members as AsanaRecord[];
    for (const user of users) {
      if (members.some((m) => m.gid === user.gid)) continue; // adding an existing member is a no-op, as in Asana
      members.push(compactUser(user));
      this.track('membership', { project: project.gid, user: user.gid, email: user.email });
    }
    project.modified_at = isoNow();
    return this.one(c, project, false);
  }

  private instantiate(c: Ctx, templateGid: string): FakeResponse {
    const template = this.s.template(templateGid);
    const name = c.data.name;
    if (typeof name !== 'string' || name === '') throw new AsanaError(400, 'name: Missing input');
    if (c.data.team !== undefined && String(c.data.team) !== this.s.team.gid) {
      throw new AsanaError(400, `team: Not a recognized ID: ${String(c.data.team)}`);
    }
    // The project exists as soon as the job does (its gid is in the job); Asana fills it in asynchronously.
    const project = this.s.newProject(name, { team: this.s.team, isPublic: typeof c.data.public === 'boolean' ? c.data.public : undefined });
    project.notes = String(template.description ?? '');
    for (const taskName of template.taskNames) this.s.newTask({ name: taskName, projects: [project] });
    this.track('project', project);
    const polls = this.options.jobPollsUntilDone ?? 1;
    const job: AsanaRecord = {
      gid: this.s.gid(),
      resource_type: 'job',
      resource_subtype: 'instantiate_project',
      status: polls <= 0 ? 'succeeded' : 'in_progress',
      new_project: compact(project),
      new_task: null,
      new_project_template: null,
      new_graph_export: null,
      new_resource_export: null,
    };
    this.s.jobs.set(job.gid, { job, polls: 0 });
    this.track('job', job);
    return this.one(c, job, false, 201);
  }

  private getJob(c: Ctx, gid: string): FakeResponse {
    const entry = this.s.jobs.get(gid);
    if (!entry) throw new AsanaError(404, `Unknown object: ${gid}`);
    entry.polls += 1;
    if (entry.polls >= (this.options.jobPollsUntilDone ?? 1)) entry.job.status = 'succeeded';
    return this.one(c, entry.job, false);
  }

  private createTask(c: Ctx): FakeResponse {
    const { data } = c;
    const projectGids = gidList(data.projects);
    if (projectGids.length === 0 && data.workspace === undefined && data.parent === undefined) {
      throw new AsanaError(400, 'You should specify one of workspace, parent, projects');
    }
    if (data.workspace !== undefined && String(data.workspace) !== this.s.workspace.gid) {
      throw new AsanaError(400, `workspace: Not a recognized ID: ${String(data.workspace)}`);
    }
    const projects = projectGids.map((g, i) => {
      const p = this.s.projects.get(g);
      if (!p) throw new AsanaError(400, `projects: [${i}]: Not a recognized ID: ${g}`);
      return p;
    });
    const task = this.s.newTask({
      name: String(data.name ?? ''),
      notes: data.notes === undefined ? undefined : String(data.notes),
      projects,
      assignee: data.assignee ? this.s.resolveUser(String(data.assignee), 'assignee') : undefined,
      due_on: checkDate(data.due_on, 'due_on'),
    });
    this.track('task', task);
    return this.one(c, task, false, 201);
  }
}

function decodeOffset(token: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^keel:(\d+)$/.exec(text);
  if (!m) throw new AsanaError(400, 'offset: Your pagination token is invalid.');
  return Number(m[1]);
}
