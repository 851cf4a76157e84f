/** Locators for the console, in one place: specs speak of runs and steps, not of selectors. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ConsolePage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('[data-app-state="loaded"]')).toBeVisible();
  }

  get sandboxBadge(): Locator {
    return this.page.getByTestId('sandbox-badge');
  }

  get sendContractButton(): Locator {
    return this.page.getByTestId('send-contract');
  }

  runRows(): Locator {
    return this.page.getByTestId('run-row');
  }

  run(clientKey: string): Locator {
    return this.runRows().filter({ hasText: clientKey });
  }

  get runDetail(): Locator {
    return this.page.getByTestId('run-detail');
  }

  step(stepId: string): Locator {
    return this.runDetail.locator(`[data-testid="step"][data-step-id="${stepId}"]`);
  }

  nav(section: 'runs' | 'attention' | 'workflows' | 'endpoints' | 'ledger' | 'connections' | 'settings'): Locator {
    return this.page.getByTestId(`nav-${section}`);
  }

  get attentionCount(): Locator {
    return this.page.getByTestId('attention-count');
  }

  /** Fills who and why in the open operator dialog and submits it. */
  async act(dialog: Locator, who: string, why: string): Promise<void> {
    await dialog.getByTestId('actor-who').fill(who);
    await dialog.getByTestId('actor-why').fill(why);
    await dialog.getByTestId('action-submit').click();
  }

  dialog(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  connection(connector: string): Locator {
    return this.page.locator(`[data-testid="connection"][data-connector="${connector}"]`);
  }

  endpoint(slug: string): Locator {
    return this.page.locator(`[data-testid="endpoint-row"][data-slug="${slug}"]`);
  }

  stepEditor(stepId: string): Locator {
    return this.page.locator(`[data-testid="step-editor"][data-step-id="${stepId}"]`);
  }

  dryRunStep(stepId: string): Locator {
    return this.page.locator(`[data-testid="dry-run-step"][data-step-id="${stepId}"]`);
  }
}
