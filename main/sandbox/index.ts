/**
 * Keel's sandbox: local fakes of Stripe, Asana, Slack and Google Drive (with Google's OAuth endpoints) that
 * answer like the providers. Keel runs them on loopback when there are no credentials, so a new user sees a whole
 * client-onboarding run; tests point the official SDKs at them and inject faults. Plain Node only (no `electron`).
 */
import { AsanaFake, type AsanaFakeOptions } from './asana-fake';
import { DriveFake, type DriveFakeOptions } from './drive-fake';
import type { FakeServerOptions } from './fake-server';
import { GoogleOAuthFake, type GoogleOAuthFakeOptions } from './google-oauth-fake';
import { SlackFake, type SlackFakeOptions } from './slack-fake';
import { StripeFake, type StripeFakeOptions } from './stripe-fake';

export { FakeServer, type FakeRequest, type FakeResponse, type FakeServerOptions, type LoggedRequest } from './fake-server';
export type { Fault, FaultHandle, FaultMatcher, StatusFault } from './faults';
export { StripeFake, STRIPE_SANDBOX_KEY, STRIPE_SANDBOX_PRICES, STRIPE_API_VERSION, type StripeFakeOptions } from './stripe-fake';
export type { PriceSpec } from './stripe-routes';
export type { StripeObject } from './stripe-objects';
export { AsanaFake, ASANA_SANDBOX_TOKEN, ASANA_SANDBOX_TEAM_GID, ASANA_SANDBOX_USER_GID, ASANA_SANDBOX_WORKSPACE_GID, type AsanaFakeOptions } from './asana-fake';
export type { AsanaRecord, AsanaTemplate, AsanaUser } from './asana-model';
export { SlackFake, SLACK_SANDBOX_TOKEN, SLACK_SANDBOX_USERS, type SlackFakeOptions, type SlackUserSpec } from './slack-fake';
export type { SlackChannel, SlackMessage, SlackUser } from './slack-model';
export { DriveFake, DRIVE_SANDBOX_TOKEN, FOLDER_MIME, type DriveFakeOptions } from './drive-fake';
export type { DriveFile, DrivePermission } from './drive-model';
export { GoogleOAuthFake, JWT_BEARER_GRANT, type GoogleOAuthFakeOptions, type OAuthClientRegistration } from './google-oauth-fake';
export { GOOGLE_TOKEN_AUDIENCES } from './google-jwt';
export { GoogleTokenRegistry, type IssuedAccessToken } from './google-tokens';

/** Shared fake options (each fake still gets its own random port). */
export interface SandboxOptions extends Omit<FakeServerOptions, 'port'> {
  /**
   * Unknown emails become users (Slack lookupByEmail, Asana members), unknown `price_…` ids become prices and
   * Stripe subscriptions need no payment method, so a demo run with made-up client data succeeds. Default
   * true; tests of the strict paths turn it off.
   */
  lenient?: boolean;
  /** Per-fake options, applied over the shared ones. */
  stripe?: StripeFakeOptions;
  asana?: AsanaFakeOptions;
  slack?: SlackFakeOptions;
  drive?: DriveFakeOptions;
  googleOAuth?: GoogleOAuthFakeOptions;
}

export type SandboxProviderId = 'stripe' | 'asana' | 'slack' | 'drive';

export interface Sandbox {
  /** `new Stripe(apiKey, { host, port, protocol })`. */
  stripe: { fake: StripeFake; host: string; port: number; protocol: 'http'; apiKey: string };
  /** `client.basePath = basePath`; `client.authentications.token.accessToken = token`. */
  asana: { fake: AsanaFake; basePath: string; token: string; workspaceGid: string; teamGid: string; templateGid: string };
  /** `new WebClient(token, { slackApiUrl })`. */
  slack: { fake: SlackFake; slackApiUrl: string; token: string };
  /** `drive({ version: 'v3', rootUrl, auth })` with an OAuth2 client holding `accessToken`. */
  drive: { fake: DriveFake; rootUrl: string; accessToken: string; rootFolderId: string };
  /**
   * Google's authorization and token endpoints (`OAuth2Client({ endpoints: { oauth2AuthBaseUrl, oauth2TokenUrl } })`).
   * Register an OAuth client or a service account on `fake`; the tokens it issues are what the Drive fake accepts.
   */
  googleOAuth: { fake: GoogleOAuthFake; authorizationUrl: string; tokenUrl: string };
  /**
   * Each fake as a connector setting: `apiBase` in the same form as the provider's real base
   * (`https://api.stripe.com`, `https://app.asana.com/api/1.0`, `https://slack.com/api/`,
   * `https://www.googleapis.com/`) and the credential the fake accepts.
   */
  providers: Record<SandboxProviderId, { apiBase: string; credential: string }>;
  /** OAuth endpoints per provider that has them, in the form a connector's settings take. */
  oauth: Partial<Record<SandboxProviderId, { authorizationUrl: string; tokenUrl: string }>>;
  close(): Promise<void>;
}

/** Starts all the fakes on random loopback ports. Seeds differ per fake but derive from `seed` when given. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { stripe: so, asana: ao, slack: slo, drive: dro, googleOAuth: go, lenient = true, seed, ...shared } = options;
  const seedFor = (n: number) => (seed === undefined ? undefined : (seed + n * 0x9e3779b1) >>> 0);
  const stripe = new StripeFake({ ...shared, seed: seedFor(1), autoCreatePrices: lenient, requirePaymentMethod: !lenient, ...so });
  const asana = new AsanaFake({ ...shared, seed: seedFor(2), autoCreateUsers: lenient, ...ao });
  const slack = new SlackFake({ ...shared, seed: seedFor(3), autoCreateUsers: lenient, ...slo });
  const googleOAuth = new GoogleOAuthFake({ ...shared, seed: seedFor(5), ...go });
  const drive = new DriveFake({ ...shared, seed: seedFor(4), issuedTokens: googleOAuth.tokens, ...dro });
  const fakes = [stripe, asana, slack, drive, googleOAuth];
  try {
    await Promise.all(fakes.map((f) => f.start()));
  } catch (error) {
    await Promise.all(fakes.map((f) => f.stop().catch(() => undefined)));
    throw error;
  }
  return {
    providers: {
      stripe: { apiBase: stripe.origin, credential: stripe.connection.apiKey },
      asana: { apiBase: asana.connection.basePath, credential: asana.connection.token },
      slack: { apiBase: slack.connection.slackApiUrl, credential: slack.connection.token },
      drive: { apiBase: drive.connection.rootUrl, credential: drive.connection.accessToken },
    },
    oauth: { drive: googleOAuth.connection },
    stripe: { fake: stripe, ...stripe.connection },
    asana: { fake: asana, ...asana.connection },
    slack: { fake: slack, ...slack.connection },
    drive: { fake: drive, ...drive.connection },
    googleOAuth: { fake: googleOAuth, ...googleOAuth.connection },
    close: async () => {
      await Promise.all(fakes.map((f) => f.stop()));
    },
  };
}
