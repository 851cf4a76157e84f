/**
 * The Asana fake's state: one workspace with one team and a bot user (fixed, documented gids, since sample
 * workflows name the workspace), a project template, and everything created through the API. Lookups fail
 * the way Asana fails: 404 "Unknown object" for a path gid, 400 "Not a recognized ID" for a field.
 */
import { AsanaError, compact, compactUser, isoNow, type AsanaRecord, type AsanaTemplate, type AsanaUser } from './asana-model';
import type { Rng } from './random';

export const ASANA_SANDBOX_WORKSPACE_GID = '1200000000000001';
export const ASANA_SANDBOX_TEAM_GID = '1200000000000002';
export const ASANA_SANDBOX_USER_GID = '1200000000000003';

export class AsanaStore {
  readonly me: AsanaUser;
  readonly workspace: AsanaRecord;
  readonly team: AsanaRecord;
  readonly users = new Map<string, AsanaUser>();
  readonly templates = new Map<string, AsanaTemplate>();
  readonly projects = new Map<string, AsanaRecord>();
  readonly tasks = new Map<string, AsanaRecord>();
  readonly jobs = new Map<string, { job: AsanaRecord; polls: number }>();
  private nextGid: bigint;

  constructor(
    private readonly rng: Rng,
    private readonly options: { organization?: boolean; autoCreateUsers?: boolean },
  ) {
    this.workspace = {
      gid: ASANA_SANDBOX_WORKSPACE_GID,
      resource_type: 'workspace',
      name: 'Keel Sandbox',
      is_organization: options.organization ?? false,
      email_domains: ['keel.example'],
    };
    this.team = { gid: ASANA_SANDBOX_TEAM_GID, resource_type: 'team', name: 'Client Success', description: '', organization: compact(this.workspace) };
    this.me = { gid: ASANA_SANDBOX_USER_GID, resource_type: 'user', name: 'Keel Bot', email: 'keel-bot@keel.example', photo: null, workspaces: [compact(this.workspace)] };
    this.users.set(this.me.gid, this.me);
    // Everything created later gets large increasing gids from a seeded start, like Asana's.
    this.nextGid = 1_200_000_000_001_000n + BigInt(Math.floor(rng() * 1e9));
    this.addUser({ name: 'Olive Ops', email: 'ops@keel.example' });
    this.addTemplate({ name: 'Client onboarding', taskNames: ['Kickoff call', 'Collect requirements', 'Provision accounts', 'First review'] });
  }

  gid(): string {
    this.nextGid += 1n + BigInt(Math.floor(this.rng() * 997));
    return String(this.nextGid);
  }

  addUser(spec: { name: string; email: string }): AsanaUser {
    const user: AsanaUser = {
      gid: this.gid(),
      resource_type: 'user',
      name: spec.name,
      email: spec.email,
      photo: null,
      workspaces: [compact(this.workspace)],
    };
    this.users.set(user.gid, user);
    return user;
  }

  addTemplate(spec: { name: string; taskNames?: string[] }): AsanaTemplate {
    const template: AsanaTemplate = {
      gid: this.gid(),
      resource_type: 'project_template',
      name: spec.name,
      description: `${spec.name} (sandbox template)`,
      html_description: `<body>${spec.name} (sandbox template)</body>`,
      public: true,
      owner: compactUser(this.me),
      team: compact(this.team),
      requested_dates: [],
      requested_roles: [],
      color: 'light-green',
      taskNames: spec.taskNames ?? [],
      teamGid: this.team.gid,
    };
    this.templates.set(template.gid, template);
    return template;
  }

  private lookup<T extends AsanaRecord>(map: Map<string, T>, gid: string): T {
    const found = map.get(gid);
    if (!found) throw new AsanaError(404, `Unknown object: ${gid}`);
    return found;
  }
  user(gid: string): AsanaUser {
    return gid === 'me' ? this.me : this.lookup(this.users, gid);
  }
  workspaceByGid(gid: string): AsanaRecord {
    if (gid !== this.workspace.gid) throw new AsanaError(404, `Unknown object: ${gid}`);
    return this.workspace;
  }
  teamByGid(gid: string): AsanaRecord {
    if (gid !== this.team.gid) throw new AsanaError(404, `Unknown object: ${gid}`);
    return this.team;
  }
  project(gid: string): AsanaRecord {
    return this.lookup(this.projects, gid);
  }
  template(gid: string): AsanaTemplate {
    return this.lookup(this.templates, gid);
  }
  task(gid: string): AsanaRecord {
    return this.lookup(this.tasks, gid);
  }

  /** A member or assignee reference: `me`, a user gid, or an email address. */
  resolveUser(ref: string, field: string): AsanaUser {
    if (ref === 'me') return this.me;
    const byGid = this.users.get(ref);
    if (byGid) return byGid;
    if (ref.includes('@')) {
      const byEmail = [...this.users.values()].find((u) => u.email.toLowerCase() === ref.toLowerCase());
      if (byEmail) return byEmail;
      if (this.options.autoCreateUsers) return this.addUser({ name: ref.split('@')[0] as string, email: ref });
    }
    throw new AsanaError(400, `${field}: Not a recognized ID: ${ref}`);
  }

  newProject(name: string, fields: { notes?: string; team: AsanaRecord | null; isPublic?: boolean }): AsanaRecord {
    const gid = this.gid();
    const now = isoNow();
    const project: AsanaRecord = {
      gid,
      resource_type: 'project',
      name,
      archived: false,
      color: null,
      completed: false,
      completed_at: null,
      created_at: now,
      current_status: null,
      current_status_update: null,
      custom_field_settings: [],
      custom_fields: [],
      default_view: 'list',
      due_on: null,
      followers: [compactUser(this.me)],
      html_notes: `<body>${escapeHtml(fields.notes ?? '')}</body>`,
      icon: 'list',
      members: [compactUser(this.me)],
      modified_at: now,
      notes: fields.notes ?? '',
      owner: compactUser(this.me),
      permalink_url: `https://app.asana.com/0/${gid}/${gid}`,
      privacy_setting: fields.isPublic === false ? 'private' : 'public_to_workspace',
      public: fields.isPublic ?? true,
      start_on: null,
      team: fields.team ? compact(fields.team) : null,
      workspace: compact(this.workspace),
    };
    this.projects.set(gid, project);
    return project;
  }

  newTask(spec: { name: string; notes?: string; projects: AsanaRecord[]; assignee?: AsanaUser; due_on?: string | null }): AsanaRecord {
    const gid = this.gid();
    const now = isoNow();
    const task: AsanaRecord = {
      gid,
      resource_type: 'task',
      resource_subtype: 'default_task',
      name: spec.name,
      notes: spec.notes ?? '',
      html_notes: `<body>${escapeHtml(spec.notes ?? '')}</body>`,
      assignee: spec.assignee ? compactUser(spec.assignee) : null,
      completed: false,
      completed_at: null,
      created_at: now,
      due_at: null,
      due_on: spec.due_on ?? null,
      followers: [compactUser(this.me)],
      liked: false,
      memberships: spec.projects.map((p) => ({ project: compact(p), section: null })),
      modified_at: now,
      num_likes: 0,
      num_subtasks: 0,
      parent: null,
      permalink_url: `https://app.asana.com/0/${spec.projects[0]?.gid ?? '0'}/${gid}`,
      projects: spec.projects.map(compact),
      start_on: null,
      tags: [],
      workspace: compact(this.workspace),
    };
    this.tasks.set(gid, task);
    return task;
  }

}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
