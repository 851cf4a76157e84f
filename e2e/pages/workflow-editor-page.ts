/** Locators for the workflow rule editor: specs speak of steps, needs and retries, not of selectors. */
import { expect, type Locator, type Page } from '@playwright/test';

export class WorkflowEditorPage {
  constructor(readonly page: Page) {}

  async open(workflowName: string): Promise<void> {
    await this.page.getByTestId('nav-workflows').click();
    await this.page.getByTestId('workflow-link').filter({ hasText: workflowName }).click();
    await this.page.getByTestId('wf-tab-edit').click();
    await expect(this.page.getByTestId('workflow-editor')).toBeVisible();
  }

  step(stepId: string): Locator {
    return this.page.locator(`[data-testid="step-editor"][data-step-id="${stepId}"]`);
  }

  /** Opens one of a step's folded sections (input mapping, runs after, retries, undo) if it is closed. */
  async section(stepId: string, summary: RegExp): Promise<Locator> {
    const details = this.step(stepId).locator('details').filter({ has: this.page.locator('summary', { hasText: summary }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details;
  }

  get addForm(): Locator {
    return this.page.getByTestId('add-step-form');
  }

  get check(): Locator {
    return this.page.getByTestId('workflow-check');
  }

  dryRunStep(stepId: string): Locator {
    return this.page.locator(`[data-testid="dry-run-step"][data-step-id="${stepId}"]`);
  }

  /** Ticks or unticks a step in a "Runs after" list. */
  async setNeed(list: Locator, stepName: string, on: boolean): Promise<void> {
    await list.getByRole('checkbox', { name: stepName }).setChecked(on);
  }
}
