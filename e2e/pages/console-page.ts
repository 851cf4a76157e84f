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
}
