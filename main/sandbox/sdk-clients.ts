/**
 * The official SDKs configured against a fake exactly as ENVIRONMENT.md prescribes (retries off, rate limits
 * rejected rather than waited out). For tests; not imported by `index.ts`, so the sandbox itself stays free of
 * SDK code.
 */
import Asana from 'asana';
import slackApi from '@slack/web-api';
import Stripe from 'stripe';
import { auth, drive, type drive_v3 } from '@googleapis/drive';
import { JWT } from 'google-auth-library';

// @slack/web-api is CommonJS: the named export is only reliable through the default import.
const { WebClient } = slackApi;
export type SlackWebClient = InstanceType<typeof WebClient>;

export interface ClientOptions {
  /** Client-side timeout in ms; short values let `timeout` / `slow-body` faults surface quickly. */
  timeout?: number;
}

export function stripeClient(c: { host: string; port: number; protocol: 'http'; apiKey: string }, o: ClientOptions = {}): Stripe {
  return new Stripe(c.apiKey, { host: c.host, port: c.port, protocol: c.protocol, maxNetworkRetries: 0, ...(o.timeout && { timeout: o.timeout }) });
}

export function asanaClient(c: { basePath: string; token: string }, o: ClientOptions = {}) {
  const api = new Asana.ApiClient();
  api.basePath = c.basePath;
  api.authentications.token!.accessToken = c.token;
  // Lists resolve to the raw `{ data, next_page }` page rather than a Collection wrapper.
  api.RETURN_COLLECTION = false;
  if (o.timeout) api.timeout = o.timeout;
  return {
    api,
    users: new Asana.UsersApi(api),
    workspaces: new Asana.WorkspacesApi(api),
    projects: new Asana.ProjectsApi(api),
    templates: new Asana.ProjectTemplatesApi(api),
    jobs: new Asana.JobsApi(api),
    tasks: new Asana.TasksApi(api),
    typeahead: new Asana.TypeaheadApi(api),
  };
}

export function slackClient(c: { slackApiUrl: string; token: string }, o: ClientOptions = {}): SlackWebClient {
  return new WebClient(c.token, {
    slackApiUrl: c.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(o.timeout && { timeout: o.timeout }),
  });
}

export function driveClient(c: { rootUrl: string; accessToken: string }, o: ClientOptions = {}): drive_v3.Drive {
  const oauth = new auth.OAuth2();
  oauth.setCredentials({ access_token: c.accessToken });
  return drive({ version: 'v3', auth: oauth, rootUrl: c.rootUrl, retry: false, ...(o.timeout && { timeout: o.timeout }) });
}

/**
 * google-auth-library's service-account client against the OAuth fake. Its JWT grant (through gtoken) always posts
 * to Google's token URL, so this client's fetch sends that URL to the fake's token endpoint.
 */
export function serviceAccountClient(c: { tokenUrl: string; clientEmail: string; privateKey: string; scopes: string[]; subject?: string }): JWT {
  const googleTokenUrl = 'https://oauth2.googleapis.com/token';
  const fetchImplementation: typeof fetch = (input, init) => fetch(String(input) === googleTokenUrl ? c.tokenUrl : input, init);
  return new JWT({
    email: c.clientEmail, key: c.privateKey, scopes: c.scopes, ...(c.subject && { subject: c.subject }),
    transporterOptions: { fetchImplementation, retryConfig: { retry: 0, noResponseRetries: 0 } },
  });
}
