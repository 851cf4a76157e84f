/**
 * The whole sandbox: the reference client-onboarding run through all four official SDKs, as a new user with
 * no accounts would see it, and what each fake counted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ASANA_SANDBOX_WORKSPACE_GID, FOLDER_MIME, startSandbox, type Sandbox } from './index';
import { asanaClient, driveClient, slackClient, stripeClient } from './sdk-clients';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const contract = { contract_id: 'ctr_42', plan: 'enterprise', client: { company: 'Initech', email: 'peter@initech.example', contact_name: 'Peter' } };

describe('startSandbox', () => {
  it('gives each fake in the form its SDK wants, with credentials the fakes accept', async () => {
    sandbox = await startSandbox();
    const { stripe, asana, slack, drive, providers } = sandbox;
    expect(stripe).toMatchObject({ host: '127.0.0.1', protocol: 'http', apiKey: expect.stringMatching(/^sk_test_/) });
    expect(asana.basePath).toBe(`http://127.0.0.1:${asana.fake.port}/api/1.0`);
    expect(slack.slackApiUrl).toBe(`http://127.0.0.1:${slack.fake.port}/api/`);
    expect(drive.rootUrl).toBe(`http://127.0.0.1:${drive.fake.port}/`);
    expect(asana.workspaceGid).toBe(ASANA_SANDBOX_WORKSPACE_GID);
    expect(providers.stripe.apiBase).toBe(`http://127.0.0.1:${stripe.port}`);
    expect(providers.asana).toEqual({ apiBase: asana.basePath, credential: asana.token });
    expect(providers.slack).toEqual({ apiBase: slack.slackApiUrl, credential: slack.token });
    expect(providers.drive).toEqual({ apiBase: drive.rootUrl, credential: drive.accessToken });
    expect(new Set([stripe.port, asana.fake.port, slack.fake.port, drive.fake.port]).size).toBe(4);
  });

  it('runs the client-onboarding workflow end to end through the official SDKs', async () => {
    sandbox = await startSandbox({ latencyMs: 5 });
    const stripe = stripeClient(sandbox.stripe);
    const asana = asanaClient(sandbox.asana);
    const slack = slackClient(sandbox.slack);
    const gdrive = driveClient(sandbox.drive);

    // 1. Stripe customer, keyed by the step so a retry cannot duplicate it.
    const customer = await stripe.customers.create(
      { name: contract.client.company, email: contract.client.email, metadata: { contract_id: contract.contract_id, plan: contract.plan } },
      { idempotencyKey: 'run-1:stripe_customer' },
    );

    // 2. In parallel: Asana project from the template; Slack channel, invite by email, welcome.
    const [project, channelId] = await Promise.all([
      (async () => {
        const job = await asana.templates.instantiateProject(sandbox!.asana.templateGid, { body: { data: { name: `${contract.client.company} onboarding (${contract.contract_id})`, public: false } } });
        let status = job.data.status as string;
        for (let polls = 0; status !== 'succeeded' && polls < 10; polls++) status = (await asana.jobs.getJob(job.data.gid, {})).data.status;
        expect(status).toBe('succeeded');
        return job.data.new_project as { gid: string; name: string };
      })(),
      (async () => {
        const created = await slack.conversations.create({ name: `client-${contract.contract_id}` });
        const user = await slack.users.lookupByEmail({ email: contract.client.email }); // sandbox creates the stranger
        await slack.conversations.invite({ channel: created.channel!.id!, users: user.user!.id! });
        await slack.chat.postMessage({ channel: created.channel!.id!, text: `Welcome aboard, ${contract.client.contact_name}!` });
        return created.channel!.id!;
      })(),
    ]);

    // 3. Enterprise: a tagged Drive folder shared with the client.
    const folder = await gdrive.files.create({
      requestBody: { name: `${contract.client.company} (${contract.contract_id})`, mimeType: FOLDER_MIME, appProperties: { keel_run: 'run-1', keel_step: 'drive_folder' } },
      fields: 'id,webViewLink',
    });
    await gdrive.permissions.create({ fileId: folder.data.id!, requestBody: { type: 'user', role: 'writer', emailAddress: contract.client.email }, sendNotificationEmail: true });

    expect(customer.metadata).toEqual({ contract_id: 'ctr_42', plan: 'enterprise' });
    expect(project.name).toBe('Initech onboarding (ctr_42)');
    expect(sandbox.slack.fake.messages(channelId).map((m) => m.text)).toEqual(['Welcome aboard, Peter!']);
    expect(sandbox.stripe.fake.created()).toEqual({ customer: 1 });
    expect(sandbox.asana.fake.created()).toEqual({ project: 1, job: 1 });
    expect(sandbox.slack.fake.created()).toEqual({ channel: 1, invite: 1, message: 1 });
    expect(sandbox.drive.fake.created()).toEqual({ folder: 1, permission: 1 });
    expect(sandbox.stripe.fake.events().map((e) => e.type)).toEqual(['customer.created']);
  });

  it('is lenient by default (unknown people, prices, no cards) and strict on request', async () => {
    sandbox = await startSandbox();
    const stripe = stripeClient(sandbox.stripe);
    const { id } = await stripe.customers.create({ email: 'x@client.example' });
    expect((await stripe.subscriptions.create({ customer: id, items: [{ price: 'price_made_up' }] })).status).toBe('active');
    await sandbox.close();

    sandbox = await startSandbox({ lenient: false });
    const strict = slackClient(sandbox.slack);
    await expect(strict.users.lookupByEmail({ email: 'x@client.example' })).rejects.toMatchObject({ data: { error: 'users_not_found' } });
  });

  it('replays ids exactly for a seed, and applies shared fault options to every fake', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      sandbox = await startSandbox({ seed: 99 });
      ids.push((await stripeClient(sandbox.stripe).customers.create({ email: 'a@b.example' })).id);
      await sandbox.close();
    }
    expect(ids[0]).toBe(ids[1]);

    sandbox = await startSandbox({ transientFailureRate: 1, seed: 1 });
    await expect(slackClient(sandbox.slack).auth.test()).rejects.toMatchObject({ code: expect.stringMatching(/rate_limited|http_error/) });
    await expect(driveClient(sandbox.drive).about.get({ fields: 'user' })).rejects.toMatchObject({ status: expect.any(Number) });
  });
});
