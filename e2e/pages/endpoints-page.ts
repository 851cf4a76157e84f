/** Locators for Endpoints' new/edit form and what it shows after a save: specs speak of endpoints, not selectors. */
import type { Locator, Page } from '@playwright/test';

export interface StripeEndpointForm {
  slug: string;
  workflowId: string;
  eventTypes: string;
  signingSecret: string;
}

export class EndpointsPage {
  constructor(readonly page: Page) {}

  get newButton(): Locator {
    return this.page.getByTestId('new-endpoint');
  }

  get form(): Locator {
    return this.page.getByTestId('endpoint-dialog');
  }

  get saved(): Locator {
    return this.page.getByTestId('endpoint-saved');
  }

  row(slug: string): Locator {
    return this.page.locator(`[data-testid="endpoint-row"][data-slug="${slug}"]`);
  }

  /** Fills the open form for a Stripe endpoint, up to (not including) who, why and submit. */
  async fillStripe(o: StripeEndpointForm): Promise<void> {
    const form = this.form;
    await form.getByTestId('endpoint-slug').fill(o.slug);
    await form.getByTestId('endpoint-workflow').selectOption(o.workflowId);
    await form.getByTestId('endpoint-provider').selectOption('stripe');
    await form.getByTestId('endpoint-setting-types').fill(o.eventTypes);
    await form.getByTestId('endpoint-secret-mode-paste').check();
    await form.getByTestId('endpoint-secret-value').fill(o.signingSecret);
  }
}
